export { NumberIssuer, type IssuerState } from "./numbering.ts";
export { PlatformClient, type PlatformClientOptions, type RegulatorEventBody } from "./platform-client.ts";
export { createSimulator, type Simulator, type SimulatorOptions } from "./http-server.ts";
export { SubmissionStore, type Submission, type SubmissionInput } from "./submissions.ts";
export {
  MAX_RESENDS,
  MAX_WRONG_ENTRIES,
  SMS_WINDOW_MS,
  SmsSession,
  whoVerifies,
  type Verifier,
} from "./sms.ts";
export { RegulatorEngine, type EngineOptions, type OrderPhase, type Report } from "./engine.ts";
