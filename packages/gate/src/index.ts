export { FiledDomainSet } from "./filed-set.ts";
export { normalizeHost } from "./host.ts";
