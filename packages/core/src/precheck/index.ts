export { precheck, checkEnv } from "./engine.ts";
export {
  emptyRecords,
  type PrecheckContext,
  type PrecheckDomain,
  type PrecheckRecords,
  type PrecheckServiceCode,
} from "./context.ts";
export { requiredMaterialsFor } from "./material-checks.ts";
export { checkIdentity, ageOn } from "./identity.ts";
export { precheckContextFromJson } from "./serialize.ts";
