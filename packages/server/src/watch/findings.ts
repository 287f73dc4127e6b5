import type { AppContext } from "../platform/context.ts";

/**
 * The open findings of the filing watch: an owner's own, or (staff) everyone's.
 * Each names the website, what was found and by when it must be dealt with.
 */
const LABELS: Record<string, { zh: string; en: string }> = {
  certificate_expiry: { zh: "证件到期", en: "ID expiry" },
  domain_expiry: { zh: "域名到期", en: "Domain expiry" },
  server_expiry: { zh: "服务器到期", en: "Server expiry" },
  access_inaccurate: { zh: "接入信息不准确", en: "Access inaccurate" },
  footer_noncompliant: { zh: "页脚备案号不合规", en: "Footer not compliant" },
};

export async function openFindings(ctx: AppContext, accountId: string | null) {
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
    .where("watch_finding.resolved_at", "is", null)
    .orderBy("watch_finding.due_at")
    .limit(500);
  if (accountId !== null) query = query.where("watch_finding.account_id", "=", accountId);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    ...(accountId === null ? { accountId: row.account_id } : {}),
    kind: row.kind,
    kindLabel: LABELS[row.kind] ?? { zh: row.kind, en: row.kind },
    item: row.item,
    detail: row.detail_json === null ? null : (JSON.parse(row.detail_json) as { zh: string; en: string }),
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
  }));
}
