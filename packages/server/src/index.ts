export { buildApp } from "./http/app.ts";
export { openPlatform, type Platform, type PlatformOptions } from "./platform/bootstrap.ts";
export { Worker } from "./worker/worker.ts";
export { seedDemo, DEMO_PASSWORD, DEMO_USERS } from "./demo/seed.ts";
export { DemoApplicant, DemoReviewer, type DemoPerson, type OrderView } from "./demo/applicant.ts";
export { HttpSession, postJson } from "./demo/http-session.ts";
