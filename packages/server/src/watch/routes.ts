import { Type } from "@sinclair/typebox";
import { ExportLangQuery, sendCsvExport } from "../http/csv-export.ts";
import { openResponses, type App } from "../http/types.ts";
import { requireApplicant, requireStaff } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import { watchFindingsCsv } from "./export.ts";
import { FINDING_KINDS, countOpenFindings, openFindings } from "./findings.ts";

/** What the filing watch found: the owner's own findings, and all of them for staff. */
export function registerWatchRoutes(app: App, ctx: AppContext) {
  app.get(
    "/api/watch",
    {
      schema: {
        tags: ["watch"],
        summary: "Open findings of the filing watch on your filings (expiries, access accuracy)",
        response: openResponses,
      },
    },
    async (request) => ({ items: await openFindings(ctx, requireApplicant(request).accountId) }),
  );
  app.get(
    "/api/review/watch",
    {
      schema: {
        tags: ["watch"],
        summary: "Open findings of the filing watch on every filing (staff)",
        response: openResponses,
      },
    },
    async (request) => {
      requireStaff(request);
      return { items: await openFindings(ctx, null), ...(await countOpenFindings(ctx)) };
    },
  );
  app.get(
    "/api/review/watch/export",
    {
      schema: {
        tags: ["watch"],
        summary: "Every open finding of the filing watch as CSV (UTF-8 with BOM), nearest due first (staff)",
        querystring: Type.Object(
          {
            kind: Type.Optional(Type.Union(FINDING_KINDS.map((kind) => Type.Literal(kind)))),
            lang: ExportLangQuery,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const viewer = requireStaff(request);
      const { kind, lang = "zh" } = request.query;
      return sendCsvExport(ctx, reply, viewer, {
        entity: "watch_finding",
        filters: { kind: kind ?? null },
        lang,
        name: kind ? `watch-findings-${kind}` : "watch-findings",
        lines: watchFindingsCsv(ctx, lang, kind),
      });
    },
  );
}
