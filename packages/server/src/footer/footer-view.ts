import type { FooterCheckTable } from "../platform/schema.ts";
import type { FooterCheckReport } from "./check-footer.ts";

/**
 * A stored footer check as the portal and console show it: the outcome, what the
 * page showed (numbers, link, visibility) and the evidence, with the problems.
 */
export type FooterCheckRow = Pick<
  FooterCheckTable,
  "checked_at" | "outcome" | "url" | "http_status" | "report_json" | "campaign_id"
>;

export function presentFooterCheck(row: FooterCheckRow) {
  const report = JSON.parse(row.report_json) as FooterCheckReport;
  return {
    checkedAt: new Date(row.checked_at).toISOString(),
    outcome: row.outcome,
    url: row.url,
    status: row.http_status,
    campaignId: row.campaign_id,
    ok: report.ok,
    icpNumber: report.icpNumber,
    icpLinked: report.icpLinked,
    linkTarget: report.linkTarget,
    visible: report.visible,
    psbNumber: report.psbNumber,
    psbLinked: report.psbLinked,
    evidence: report.evidence,
    problems: report.problems,
  };
}

export type FooterCheckView = ReturnType<typeof presentFooterCheck>;
