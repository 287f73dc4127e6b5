export { NumberIssuer, type IssuerState } from "./numbering";
export { PlatformClient, type PlatformClientOptions, type RegulatorEventBody } from "./platform-client";
