export { FiledDomainSet } from "./filed-set";
export { normalizeHost } from "./host";
