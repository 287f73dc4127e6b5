export { MemorySequences, NumberIssuer, type SequenceSource } from "./numbering.ts";
export { PlatformClient, type PlatformClientOptions, type RegulatorEventBody } from "./platform-client.ts";
export { createSimulator, type Simulator, type SimulatorOptions } from "./http-server.ts";
export { DEMO_FILED_ELSEWHERE } from "./demo-elsewhere.ts";
export type { Submission, SubmissionInput } from "./submissions.ts";
export {
  MAX_RESENDS,
  MAX_WRONG_ENTRIES,
  SMS_WINDOW_MS,
  SmsSession,
  whoVerifies,
  type Verifier,
} from "./sms.ts";
export {
  DEFAULT_BUREAU_WORKING_DAYS,
  RegulatorEngine,
  type EngineOptions,
  type FiledElsewhere,
  type OperatorDecision,
  type Report,
} from "./engine.ts";
export { SimStore, type FiledWebsite, type OrderPhase, type TrackedOrder } from "./store.ts";
export { Reporter } from "./reporter.ts";
export { bureauFindings } from "./bureau-checks.ts";
