import { footerFinding } from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import { resolveFinding, storeFinding } from "../watch/finding-store.ts";
import type { FooterCheckReport } from "./check-footer.ts";
import type { FooterCheckRow } from "./footer-view.ts";
import { firstError, footerOutcome, type FooterOutcome } from "./footer-outcome.ts";
import type { FooterTarget } from "./footer-targets.ts";

/**
 * Stores a website's footer check and what follows from it, in one transaction:
 * the latest check (evidence for the owner and reviewers) replaces the previous
 * one; a failure opens (or keeps) the footer finding and tells the owner once,
 * with the deadline counted from when it was first seen; a pass closes it; an
 * unreachable site changes nothing but the stored check.
 */
export interface RecordedCheck {
  outcome: FooterOutcome;
  told: boolean;
  /** The check as stored, for the caller to present. */
  row: FooterCheckRow;
}

export async function recordFooterCheck(
  ctx: AppContext,
  target: FooterTarget,
  report: FooterCheckReport,
  campaignId: string | null,
): Promise<RecordedCheck> {
  const outcome = footerOutcome(report);
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now().getTime();
    const row = {
      account_id: target.account_id,
      campaign_id: campaignId,
      checked_at: now,
      outcome,
      url: report.url,
      http_status: report.status,
      report_json: JSON.stringify(report),
    };
    await trx
      .insertInto("footer_check")
      .values({ website_id: target.id, ...row })
      .onConflict((conflict) => conflict.column("website_id").doUpdateSet(row))
      .execute();
    const known = await trx
      .selectFrom("watch_finding")
      .selectAll()
      .where("website_id", "=", target.id)
      .where("kind", "=", "footer_noncompliant")
      .executeTakeFirst();
    const open = known?.resolved_at === null ? known : undefined;
    let told = false;
    if (outcome === "failed") {
      const reason = firstError(report.problems)?.message ?? {
        zh: "页脚检查未通过",
        en: "Footer check failed",
      };
      const finding = footerFinding(target.domain, reason, open?.first_seen_at ?? null, now);
      told = (await storeFinding(trx, target, finding, known, now)).told;
    } else if (outcome === "passed" && open) {
      await resolveFinding(trx, open.id, now);
    }
    return { outcome, told, row };
  });
}
