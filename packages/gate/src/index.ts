export { FiledDomainSet } from "./filed-set.ts";
export { normalizeHost } from "./host.ts";
export { fingerprint } from "./fingerprint.ts";
export { blockPage, type BlockReason } from "./block-page.ts";
export { decide, type Decision, type KnownStatus } from "./decide.ts";
export { createGate, type GateOptions } from "./server.ts";
export {
  GateSync,
  knownStatus,
  readRecords,
  type ChangeStatus,
  type GateChange,
  type GateSource,
  type GateSyncOptions,
} from "./sync.ts";
export { createTlsGate, type TlsGateOptions } from "./tls.ts";
export { writeNginxExport, type NginxSnapshot } from "./nginx-export.ts";
