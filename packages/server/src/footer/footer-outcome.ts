import type { Problem } from "@openbeian/core";
import type { FooterCheckReport } from "./check-footer.ts";

/**
 * What a footer check means for the owner. "unreachable" (no DNS answer, no
 * connection, no answer in time, a server error) says nothing about the footer:
 * the site may not be online yet, and the access watch follows where the domain
 * points, so it opens no finding. Every other error is the owner's to fix.
 */
export type FooterOutcome = "passed" | "failed" | "unreachable";

const UNREACHABLE = new Set(["FOOTER_DNS_FAILED", "FOOTER_UNREACHABLE", "FOOTER_FETCH_TIMEOUT"]);

export function footerOutcome(report: Pick<FooterCheckReport, "ok" | "problems" | "status">): FooterOutcome {
  if (report.ok) return "passed";
  const errors = report.problems.filter((problem) => problem.severity === "error");
  const serverError = report.status !== null && report.status >= 500;
  const unreachable = errors.some(
    (problem) => UNREACHABLE.has(problem.ruleId) || (serverError && problem.ruleId === "FOOTER_HTTP_STATUS"),
  );
  return unreachable ? "unreachable" : "failed";
}

/** The first error, the reason a failed check gives the owner. */
export function firstError(problems: readonly Problem[]): Problem | undefined {
  return problems.find((problem) => problem.severity === "error");
}
