import type { Problem } from "../filing/problem.ts";
import type { LocalizedText } from "../text.ts";

/** The two subject types the rule data distinguishes (fact-base wording). */
export type RuleSubjectKind = "personal" | "organisation";

/**
 * Subject type as the rule functions accept it: "organisation" or "organization"
 * (the spelling of order-data.ts SUBJECT_TYPES) mean the same.
 */
export type RuleSubjectType = RuleSubjectKind | "organization";

export function subjectKind(type: RuleSubjectType): RuleSubjectKind {
  return type === "personal" ? "personal" : "organisation";
}

/**
 * What a rule function reports. The pre-check engine adds the field path and the
 * province and turns it into a `Problem` (see `findingToProblem`). `source` is the
 * fact-base key(s), e.g. "Q-NAME" or "T-SITE, Q-LIM".
 */
export interface RuleFinding {
  ruleId: string;
  severity: "error" | "warning";
  message: LocalizedText;
  source: string;
}

export function findingToProblem(finding: RuleFinding, field: string, province?: string): Problem {
  return province === undefined ? { ...finding, field } : { ...finding, field, province };
}
