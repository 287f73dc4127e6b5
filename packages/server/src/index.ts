export { buildApp } from "./http/app";
export { openPlatform, type Platform, type PlatformOptions } from "./platform/bootstrap";
export { Worker } from "./worker/worker";
export { seedDemo, DEMO_PASSWORD, DEMO_USERS } from "./demo/seed";
