import { chinaDate, chinaDateTime } from "@openbeian/core";
import { CSV_BOM, csvLine, type ExportLang } from "../http/csv.ts";
import type { AppContext } from "../platform/context.ts";
import { findingDetail, kindLabel, levelLabel, openFindingsQuery, type OpenFindingRow } from "./findings.ts";

/**
 * 导出 on 备案监测: every open finding of the filing watch as CSV, nearest due first, for the
 * compliance staff's own lists and reports. The console's list stops at FINDINGS_SHOWN; this
 * reads the findings in batches (keyset on due date and id), so any number streams in bounded
 * memory. Dates are China's. No personal data is in it: websites, numbers, what was found.
 */
const BATCH = 1000;

const HEADERS: Record<ExportLang, string[]> = {
  zh: ["域名", "网站备案号", "类型", "说明", "级别", "截止日期", "首次发现", "账号ID", "订单ID"],
  en: [
    "Domain",
    "Website number",
    "Kind",
    "Detail",
    "Level",
    "Due date",
    "First seen",
    "Account ID",
    "Order ID",
  ],
};

export async function* watchFindingsCsv(
  ctx: AppContext,
  lang: ExportLang,
  kind: string | undefined,
): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(HEADERS[lang]);
  let after: { dueAt: number; id: string } | null = null;
  for (;;) {
    let query = openFindingsQuery(ctx, null);
    if (kind) query = query.where("watch_finding.kind", "=", kind);
    if (after) {
      const { dueAt, id } = after;
      query = query.where((eb) =>
        eb.or([
          eb("watch_finding.due_at", ">", dueAt),
          eb.and([eb("watch_finding.due_at", "=", dueAt), eb("watch_finding.id", ">", id)]),
        ]),
      );
    }
    const rows = await query
      .orderBy("watch_finding.due_at")
      .orderBy("watch_finding.id")
      .limit(BATCH)
      .execute();
    if (rows.length > 0) yield rows.map((row) => csvLine(cells(row, lang))).join("");
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) return;
    after = { dueAt: Number(last.due_at), id: last.id };
  }
}

function cells(row: OpenFindingRow, lang: ExportLang): string[] {
  return [
    row.domain,
    row.website_number ?? "",
    kindLabel(row.kind)[lang],
    findingDetail(row)?.[lang] ?? "",
    levelLabel(row.level)[lang],
    chinaDate(new Date(Number(row.due_at))),
    chinaDateTime(new Date(Number(row.first_seen_at))),
    row.account_id,
    row.order_id ?? "",
  ];
}
