import {
  IN_PROVIDER_REVIEW,
  ORDER_STATES,
  changedPaths,
  type OrderEvent,
  type OrderState,
} from "@openbeian/core";
import { Type } from "@sinclair/typebox";
import { applyEvent } from "../filing/apply-event.ts";
import { loadOrder } from "../filing/order-rows.ts";
import { presentOrder, presentOrderSummary } from "../filing/presenter.ts";
import { openResponses, IdParams, type App } from "../http/types.ts";
import { requireStaff, type Viewer } from "../identity/viewer.ts";
import { regulatorMessages } from "../regulator-bridge/outbound.ts";
import type { AppContext } from "../platform/context.ts";

const closed = { additionalProperties: false } as const;

type ReviewEvent = Extract<OrderEvent, { type: "approve" | "return" | "reject" }>;

/** The provider's initial review: queue, order view with revisions, decisions. */
export function registerReviewRoutes(app: App, ctx: AppContext) {
  const tags = ["review"];

  app.get(
    "/api/review/orders",
    {
      schema: {
        tags,
        summary: "Orders by state; by default those waiting for initial review (初审队列)",
        querystring: Type.Object(
          {
            state: Type.Optional(Type.Union(ORDER_STATES.map((state) => Type.Literal(state)))),
            limit: Type.Optional(Type.String({ pattern: "^(200|1\\d{2}|[1-9]\\d?)$" })),
          },
          closed,
        ),
        response: openResponses,
      },
    },
    async (request) => {
      requireStaff(request);
      const states: OrderState[] = request.query.state ? [request.query.state] : [...IN_PROVIDER_REVIEW];
      const rows = await ctx.db
        .selectFrom("filing_order")
        .selectAll()
        .where("state", "in", states)
        .orderBy("submitted_at")
        .limit(Number(request.query.limit ?? 50))
        .execute();
      return { items: rows.map(presentOrderSummary) };
    },
  );

  app.get(
    "/api/review/orders/:id",
    { schema: { tags, params: IdParams, response: openResponses } },
    async (request) => {
      requireStaff(request);
      return presentOrder(ctx, await loadOrder(ctx.db, request.params.id), "reviewer");
    },
  );

  app.get(
    "/api/review/orders/:id/revisions",
    {
      schema: {
        tags,
        summary: "Submitted revisions and what changed since the previous one",
        params: IdParams,
        response: openResponses,
      },
    },
    async (request) => {
      requireStaff(request);
      await loadOrder(ctx.db, request.params.id);
      const rows = await ctx.db
        .selectFrom("order_revision")
        .selectAll()
        .where("order_id", "=", request.params.id)
        .orderBy("revision")
        .execute();
      const revisions = rows.map((row) => ({
        revision: row.revision,
        submittedAt: new Date(row.submitted_at).toISOString(),
        data: ctx.cipher.decryptJson(row.data_enc),
      }));
      return {
        items: revisions.map((revision, index) => ({
          ...revision,
          changedSincePrevious: index === 0 ? [] : changedPaths(revisions[index - 1]?.data, revision.data),
        })),
      };
    },
  );

  app.get(
    "/api/review/orders/:id/regulator-messages",
    {
      schema: {
        tags,
        summary: "Every message sent to and received from the regulator for this order",
        params: IdParams,
        response: openResponses,
      },
    },
    async (request) => {
      requireStaff(request);
      await loadOrder(ctx.db, request.params.id);
      return { items: await regulatorMessages(ctx.db, request.params.id) };
    },
  );

  const decide = async (viewer: Viewer, orderId: string, version: number, event: ReviewEvent) => {
    const row = await applyEvent(ctx, {
      orderId,
      event,
      actor: { kind: "reviewer", userId: viewer.userId },
      expectedVersion: version,
    });
    return presentOrder(ctx, row, "reviewer");
  };
  const version = Type.Integer({ minimum: 1 });
  const note = Type.Optional(Type.String({ maxLength: 500 }));

  app.post(
    "/api/review/orders/:id/approve",
    {
      schema: {
        tags,
        summary: "Approve in initial review (初审通过) and queue for the bureau",
        params: IdParams,
        body: Type.Object({ version, note }, closed),
        response: openResponses,
      },
    },
    async (request) => {
      const { version, note } = request.body;
      return decide(requireStaff(request), request.params.id, version, {
        type: "approve",
        ...(note ? { note } : {}),
      });
    },
  );

  app.post(
    "/api/review/orders/:id/return",
    {
      schema: {
        tags,
        summary: "Return with field-level reasons (退回修改); the applicant may then edit only those fields",
        params: IdParams,
        body: Type.Object(
          {
            version,
            fields: Type.Array(
              Type.Object(
                {
                  field: Type.String({ minLength: 1, maxLength: 120 }),
                  reason: Type.String({ minLength: 1, maxLength: 500 }),
                },
                closed,
              ),
              { minItems: 1, maxItems: 50 },
            ),
            note,
          },
          closed,
        ),
        response: openResponses,
      },
    },
    async (request) => {
      const { version, fields, note } = request.body;
      return decide(requireStaff(request), request.params.id, version, {
        type: "return",
        fields,
        ...(note ? { note } : {}),
      });
    },
  );

  app.post(
    "/api/review/orders/:id/reject",
    {
      schema: {
        tags,
        summary: "Reject in initial review (初审驳回)",
        params: IdParams,
        body: Type.Object({ version, reason: Type.String({ minLength: 1, maxLength: 500 }) }, closed),
        response: openResponses,
      },
    },
    async (request) => {
      const { version, reason } = request.body;
      return decide(requireStaff(request), request.params.id, version, { type: "reject", reason });
    },
  );
}
