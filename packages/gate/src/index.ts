export { FiledDomainSet } from "./filed-set.ts";
export { normalizeHost } from "./host.ts";
export { fingerprint } from "./fingerprint.ts";
export { blockPage, type BlockReason } from "./block-page.ts";
export { decide, type Decision, type KnownStatus } from "./decide.ts";
export { createGate, type GateOptions } from "./server.ts";
