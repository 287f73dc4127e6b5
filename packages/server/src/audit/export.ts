import { chinaDateTime } from "@openbeian/core";
import { CSV_BOM, csvLine, type ExportLang } from "../http/csv.ts";
import type { AppContext } from "../platform/context.ts";
import { AUDIT_PAGE_MAX, checkAuditPeriod, searchAudit, type AuditItem, type AuditQuery } from "./search.ts";

/**
 * 审计日志's 导出: every record matching the search's filters as CSV, newest first, read page by
 * page through searchAudit (its keyset on id), so the export says exactly what the search shows,
 * personal data masked alike, and any number of records streams in bounded memory.
 */
export type AuditFilters = Omit<AuditQuery, "limit" | "cursor">;

const HEADERS: Record<ExportLang, string[]> = {
  zh: [
    "时间",
    "操作人",
    "操作人ID",
    "操作人类型",
    "账号ID",
    "对象类型",
    "对象ID",
    "操作",
    "原状态",
    "新状态",
    "详情",
    "记录ID",
  ],
  en: [
    "Time (China)",
    "Actor",
    "Actor ID",
    "Actor kind",
    "Account ID",
    "Entity",
    "Entity ID",
    "Action",
    "From state",
    "To state",
    "Detail",
    "Record ID",
  ],
};

/** Checks the filters now, before anything is sent (a stream cannot turn into a 400 later). */
export function auditCsv(ctx: AppContext, filters: AuditFilters, lang: ExportLang): AsyncGenerator<string> {
  checkAuditPeriod(filters);
  return auditLines(ctx, filters, lang);
}

async function* auditLines(ctx: AppContext, filters: AuditFilters, lang: ExportLang): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(HEADERS[lang]);
  let cursor: string | undefined;
  do {
    const page = await searchAudit(ctx, { ...filters, limit: AUDIT_PAGE_MAX, cursor });
    if (page.items.length > 0) yield page.items.map((item) => csvLine(cells(item))).join("");
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

function cells(item: AuditItem): string[] {
  return [
    chinaDateTime(new Date(item.at)),
    item.actor?.displayName ?? "",
    item.actor?.id ?? "",
    item.actorKind,
    item.accountId ?? "",
    item.entity,
    item.entityId,
    item.action,
    item.fromState ?? "",
    item.toState ?? "",
    JSON.stringify(item.detail),
    item.id,
  ];
}
