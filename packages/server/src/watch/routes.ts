import { Readable } from "node:stream";
import { Type } from "@sinclair/typebox";
import { chinaDate } from "@openbeian/core";
import { writeAudit } from "../audit/audit-log.ts";
import { attachment } from "../http/csv.ts";
import { openResponses, type App } from "../http/types.ts";
import { actorKindOf, requireApplicant, requireStaff } from "../identity/viewer.ts";
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
            lang: Type.Optional(Type.Union([Type.Literal("zh"), Type.Literal("en")])),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const viewer = requireStaff(request);
      const { kind, lang = "zh" } = request.query;
      const now = ctx.clock.now();
      // Who took a copy of the list, and which: exports leave the platform's control.
      await ctx.db.transaction().execute((trx) =>
        writeAudit(trx, {
          at: now.getTime(),
          actorKind: actorKindOf(viewer),
          actorUserId: viewer.userId,
          accountId: null,
          entity: "watch_finding",
          entityId: "export",
          action: "export",
          detail: { kind: kind ?? null, lang },
        }),
      );
      const name = `watch-findings${kind ? `-${kind}` : ""}-${chinaDate(now)}.csv`;
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", attachment(name))
        .send(Readable.from(watchFindingsCsv(ctx, lang, kind)));
    },
  );
}
