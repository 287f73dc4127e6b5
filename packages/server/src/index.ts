export { buildApp } from "./http/app.ts";
export { openPlatform, type Platform, type PlatformOptions } from "./platform/bootstrap.ts";
export { Worker } from "./worker/worker.ts";
export { seedDemo, DEMO_PASSWORD, DEMO_USERS } from "./demo/seed.ts";
