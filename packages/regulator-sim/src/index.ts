export { NumberIssuer, type IssuerState } from "./numbering.ts";
export { PlatformClient, type PlatformClientOptions, type RegulatorEventBody } from "./platform-client.ts";
