import type { WatchKind, WatchLevel } from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";

/**
 * The open findings of the filing watch: an owner's own, or (staff) everyone's.
 * Each names the website, what was found and by when it must be dealt with.
 */
// Typed by core's kinds and levels: one added there without its label here fails the typecheck.
const LABELS: Record<WatchKind, { zh: string; en: string }> = {
  certificate_expiry: { zh: "证件到期", en: "ID expiry" },
  domain_expiry: { zh: "域名到期", en: "Domain expiry" },
  server_expiry: { zh: "服务器到期", en: "Server expiry" },
  access_inaccurate: { zh: "接入信息不准确", en: "Access inaccurate" },
  footer_noncompliant: { zh: "页脚备案号不合规", en: "Footer not compliant" },
};

/** How many open findings the lists show, nearest due first; the CSV export holds them all. */
export const FINDINGS_SHOWN = 500;

/** Open findings with their website, an owner's (accountId) or everyone's (null). */
export function openFindingsQuery(ctx: AppContext, accountId: string | null) {
  let query = ctx.db
    .selectFrom("watch_finding")
    .innerJoin("website", "website.id", "watch_finding.website_id")
    .select([
      "watch_finding.id",
      "watch_finding.account_id",
      "watch_finding.kind",
      "watch_finding.item",
      "watch_finding.level",
      "watch_finding.due_at",
      "watch_finding.first_seen_at",
      "watch_finding.detail_json",
      "website.id as website_id",
      "website.order_id",
      "website.domain",
      "website.website_number",
    ])
    .where("watch_finding.resolved_at", "is", null);
  if (accountId !== null) query = query.where("watch_finding.account_id", "=", accountId);
  return query;
}

export type OpenFindingRow = Awaited<ReturnType<ReturnType<typeof openFindingsQuery>["execute"]>>[number];

/** The kinds of finding the watch opens. */
export const FINDING_KINDS = Object.keys(LABELS) as WatchKind[];

export async function openFindings(ctx: AppContext, accountId: string | null) {
  const rows = await openFindingsQuery(ctx, accountId)
    .orderBy("watch_finding.due_at")
    .orderBy("watch_finding.id")
    .limit(FINDINGS_SHOWN)
    .execute();
  return rows.map((row) => presentFinding(row, accountId === null));
}

/** How many findings are open in all, and of each kind (the lists show the first FINDINGS_SHOWN). */
export async function countOpenFindings(ctx: AppContext) {
  const rows = await ctx.db
    .selectFrom("watch_finding")
    .select(["kind", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("resolved_at", "is", null)
    .groupBy("kind")
    .execute();
  const byKind = Object.fromEntries(rows.map((row) => [row.kind, Number(row.n)]));
  return { total: rows.reduce((sum, row) => sum + Number(row.n), 0), byKind };
}

export function kindLabel(kind: string): { zh: string; en: string } {
  return LABELS[kind as WatchKind] ?? { zh: kind, en: kind };
}

const LEVEL_LABELS: Record<WatchLevel, { zh: string; en: string }> = {
  expiring: { zh: "即将到期", en: "Expiring" },
  expired: { zh: "已过期", en: "Expired" },
  not_pointing: { zh: "未指向本接入商", en: "Not pointing here" },
  failing: { zh: "不合规", en: "Failing" },
};

export function levelLabel(level: string): { zh: string; en: string } {
  return LEVEL_LABELS[level as WatchLevel] ?? { zh: level, en: level };
}

function presentFinding(row: OpenFindingRow, withAccount: boolean) {
  return {
    id: row.id,
    ...(withAccount ? { accountId: row.account_id } : {}),
    kind: row.kind,
    kindLabel: kindLabel(row.kind),
    item: row.item,
    detail: findingDetail(row),
    level: row.level,
    dueAt: new Date(row.due_at).toISOString(),
    firstSeenAt: new Date(row.first_seen_at).toISOString(),
    // What a change order must update to settle it (a prefilled change, issue 8); none when
    // the fix lies elsewhere (renew the domain or server, point DNS back, fix the footer).
    changeFields:
      row.kind === "certificate_expiry"
        ? [`${row.item}.certificateValidFrom`, `${row.item}.certificateValidTo`]
        : [],
    websiteId: row.website_id,
    orderId: row.order_id,
    domain: row.domain,
    websiteNumber: row.website_number,
  };
}

export function findingDetail(row: OpenFindingRow): { zh: string; en: string } | null {
  return row.detail_json === null ? null : (JSON.parse(row.detail_json) as { zh: string; en: string });
}
