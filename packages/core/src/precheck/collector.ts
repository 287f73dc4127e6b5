import type { Problem } from "../filing/problem.ts";
import type { RuleFinding } from "../rules/types.ts";
import type { LocalizedText } from "../text.ts";

/** Gathers problems for one order; every check adds to it, nothing stops early. */
export class ProblemCollector {
  readonly problems: Problem[] = [];

  constructor(private readonly province: string | undefined) {}

  add(
    ruleId: string,
    field: string,
    message: LocalizedText,
    source: string,
    severity: Problem["severity"] = "error",
  ) {
    const problem: Problem = { ruleId, severity, field, message, source };
    if (this.province) problem.province = this.province;
    this.problems.push(problem);
  }

  addFinding(finding: RuleFinding, field: string) {
    this.add(finding.ruleId, field, finding.message, finding.source, finding.severity);
  }

  /** Reports a missing value; returns whether it is present. */
  required(field: string, value: unknown): boolean {
    const empty =
      value === undefined ||
      value === null ||
      (typeof value === "string" && value.trim() === "") ||
      (Array.isArray(value) && value.length === 0);
    if (empty) this.add("required", field, { zh: "必填项", en: "Required" }, "fact-base §3");
    return !empty;
  }

  /** The problems without repeats of the same rule on the same field. */
  result(): Problem[] {
    const seen = new Set<string>();
    return this.problems.filter((problem) => {
      const key = `${problem.ruleId}|${problem.field}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
}
