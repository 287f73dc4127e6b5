import { Readable } from "node:stream";
import { Type } from "@sinclair/typebox";
import { chinaDate } from "@openbeian/core";
import type { FastifyReply } from "fastify";
import { writeAudit } from "../audit/audit-log.ts";
import { actorKindOf, type Viewer } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import type { ExportLang } from "./csv.ts";

/** `?lang=zh|en` on an export route: the language of its headers and labels (Chinese by default). */
export const ExportLangQuery = Type.Optional(Type.Union([Type.Literal("zh"), Type.Literal("en")]));

export interface CsvExport {
  /** What was exported, as the audit log names it (`watch_finding`, `audit_log`). */
  entity: string;
  /** The filters the export was asked with, for the audit record. */
  filters: Record<string, unknown>;
  lang: ExportLang;
  /** The file's name before its date: `watch-findings` gives `watch-findings-2026-11-29.csv`. */
  name: string;
  lines: AsyncIterable<string>;
}

/**
 * Sends a console export as a CSV download, after recording who took a copy of which list
 * (a copy leaves the platform's control, so the audit log says so even if the download
 * breaks off). The lines stream as they are read: no export is held in memory whole.
 */
export async function sendCsvExport(ctx: AppContext, reply: FastifyReply, viewer: Viewer, csv: CsvExport) {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute((trx) =>
    writeAudit(trx, {
      at: now.getTime(),
      actorKind: actorKindOf(viewer),
      actorUserId: viewer.userId,
      accountId: null,
      entity: csv.entity,
      entityId: "export",
      action: "export",
      detail: { ...csv.filters, lang: csv.lang },
    }),
  );
  return reply
    .type("text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="${csv.name}-${chinaDate(now)}.csv"`)
    .send(Readable.from(csv.lines));
}
