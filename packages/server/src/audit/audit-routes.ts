import { Type } from "@sinclair/typebox";
import { loadOrder } from "../filing/order-rows.ts";
import { ExportLangQuery, sendCsvExport } from "../http/csv-export.ts";
import { IdParams, openResponses, type App } from "../http/types.ts";
import { requireStaff, requireSupervisor } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import { auditCsv } from "./export.ts";
import { orderAuditTrail, searchAudit } from "./search.ts";

const closed = { additionalProperties: false } as const;
const id = Type.String({ minLength: 1, maxLength: 64 });
/** A day in China, or an instant that says its offset (a bare local time would depend on the server). */
const moment = Type.String({
  pattern: "^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2}))?$",
});

/** What the search and the export filter on. */
const filters = {
  entity: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  entityId: Type.Optional(id),
  actorUserId: Type.Optional(id),
  accountId: Type.Optional(id),
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  from: Type.Optional(moment),
  to: Type.Optional(moment),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
};

/**
 * The audit log for supervisors and administrators (searched, or exported as CSV with the same
 * filters), and one order's trail for any staff member.
 */
export function registerAuditRoutes(app: App, ctx: AppContext) {
  app.get(
    "/api/audit",
    {
      schema: {
        tags: ["audit"],
        summary:
          "Search the audit log, newest first (supervisors, admins); pass nextCursor as cursor for the next page",
        querystring: Type.Object(
          {
            ...filters,
            limit: Type.Optional(Type.String({ pattern: "^(200|1\\d{2}|[1-9]\\d?)$" })),
            cursor: Type.Optional(Type.String({ pattern: "^[0-9a-z]{1,64}$" })),
          },
          closed,
        ),
        response: openResponses,
      },
    },
    async (request) => {
      requireSupervisor(request);
      const { limit, ...filters } = request.query;
      return searchAudit(ctx, { ...filters, limit: Number(limit ?? 50) });
    },
  );

  app.get(
    "/api/audit/export",
    {
      schema: {
        tags: ["audit"],
        summary:
          "Every audit record the search's filters match as CSV (UTF-8 with BOM), newest first (supervisors, admins)",
        querystring: Type.Object({ ...filters, lang: ExportLangQuery }, closed),
      },
    },
    async (request, reply) => {
      const viewer = requireSupervisor(request);
      const { lang = "zh", ...filters } = request.query;
      return sendCsvExport(ctx, reply, viewer, {
        entity: "audit_log",
        filters,
        lang,
        name: "audit-log",
        lines: auditCsv(ctx, filters, lang),
      });
    },
  );

  app.get(
    "/api/review/orders/:id/audit",
    {
      schema: {
        tags: ["review"],
        summary: "The order's audit trail, oldest first, with the actors' names",
        params: IdParams,
        response: openResponses,
      },
    },
    async (request) => {
      requireStaff(request);
      await loadOrder(ctx.db, request.params.id);
      return { items: await orderAuditTrail(ctx, request.params.id) };
    },
  );
}
