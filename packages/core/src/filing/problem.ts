import type { LocalizedText } from "../text.ts";

/**
 * One reason a reviewer or a bureau would refuse an order. Errors block
 * submission; warnings must be acknowledged. `source` is the fact-base key.
 */
export interface Problem {
  ruleId: string;
  severity: "error" | "warning";
  field: string;
  message: LocalizedText;
  source: string;
  province?: string;
}
