import { ORDER_KINDS, ORDER_STATES, REASON_TEMPLATES, changedPaths, type OrderKind } from "@openbeian/core";
import { Type } from "@sinclair/typebox";
import { loadOrder, orderData } from "../filing/order-rows.ts";
import { precheckOrder } from "../filing/precheck-context.ts";
import { presentOrder } from "../filing/presenter.ts";
import { openResponses, IdParams, type App } from "../http/types.ts";
import { requireStaff, type Viewer } from "../identity/viewer.ts";
import { regulatorMessages } from "../regulator-bridge/outbound.ts";
import type { AppContext } from "../platform/context.ts";
import { assignOrder, claimOrder, listStaff, releaseOrder, userRef } from "./assignment.ts";
import { bulkDecide } from "./bulk.ts";
import { CALL_OUTCOMES, listCalls, logCall } from "./calls.ts";
import { reviewerDecisionInTx, type ReviewEvent } from "./decisions.ts";
import { listQueue, type QueueSort } from "./queue.ts";
import { loadRisks } from "./risk.ts";
import { loadSlas } from "./sla.ts";

const closed = { additionalProperties: false } as const;

/**
 * The provider's initial review: the queue (SLA, assignee, risk), order view with revisions,
 * decisions (never on the reviewer's own account), claim / release / assign, calls, return
 * reason templates and bulk actions.
 */
export function registerReviewRoutes(app: App, ctx: AppContext) {
  const tags = ["review"];

  const literals = (values: readonly string[]) => Type.Union(values.map((value) => Type.Literal(value)));

  app.get(
    "/api/review/orders",
    {
      schema: {
        tags,
        summary:
          "The initial-review queue (初审队列): by default the orders waiting for review, soonest SLA due first. " +
          "Each item is the order summary plus `sla`, `assignee` and `risk`; `total` counts the matches",
        querystring: Type.Object(
          {
            state: Type.Optional(literals(ORDER_STATES)),
            province: Type.Optional(Type.String({ pattern: "^\\d{2}$" })),
            orderType: Type.Optional(literals([...ORDER_KINDS])),
            minAgeDays: Type.Optional(Type.String({ pattern: "^\\d{1,3}$" })),
            risk: Type.Optional(Type.Literal("high")),
            assignee: Type.Optional(Type.String({ pattern: "^(me|none|[A-Za-z0-9_-]{1,64})$" })),
            sort: Type.Optional(literals(["sla", "age", "risk"])),
            limit: Type.Optional(Type.String({ pattern: "^(200|1\\d{2}|[1-9]\\d?)$" })),
          },
          closed,
        ),
        response: openResponses,
      },
    },
    async (request) => {
      const viewer = requireStaff(request);
      const query = request.query;
      return listQueue(ctx, viewer, {
        ...(query.state ? { state: query.state } : {}),
        ...(query.province ? { province: query.province } : {}),
        ...(query.orderType ? { orderType: query.orderType as OrderKind } : {}),
        ...(query.minAgeDays ? { minAgeDays: Number(query.minAgeDays) } : {}),
        ...(query.risk ? { risk: query.risk } : {}),
        ...(query.assignee ? { assignee: query.assignee } : {}),
        sort: (query.sort ?? "sla") as QueueSort,
        limit: Number(query.limit ?? 50),
      });
    },
  );

  app.get(
    "/api/review/orders/:id",
    {
      schema: {
        tags,
        summary:
          "The order as a reviewer sees it, with its SLA clock, assignee and risk signals; " +
          "`ownAccount` orders (the reviewer's own account) offer no actions",
        params: IdParams,
        response: openResponses,
      },
    },
    async (request) => {
      const viewer = requireStaff(request);
      const row = await loadOrder(ctx.db, request.params.id);
      const view = await presentOrder(ctx, row, "reviewer");
      const ownAccount = row.account_id === viewer.accountId;
      return {
        ...view,
        allowedActions: ownAccount ? [] : view.allowedActions,
        ownAccount,
        sla: (await loadSlas(ctx, ctx.db, [row.id])).get(row.id) ?? null,
        assignee: await userRef(ctx.db, row.assignee_user_id),
        assignedAt: row.assigned_at === null ? null : new Date(row.assigned_at).toISOString(),
        risk: (await loadRisks(ctx, ctx.db, [row])).get(row.id) ?? { score: 0, signals: [] },
      };
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
    const row = await ctx.db
      .transaction()
      .execute((trx) => reviewerDecisionInTx(ctx, trx, viewer, orderId, event, version));
    return presentOrder(ctx, row, "reviewer");
  };
  const version = Type.Integer({ minimum: 1 });
  const note = Type.Optional(Type.String({ maxLength: 500 }));
  const returnFields = Type.Array(
    Type.Object(
      {
        field: Type.String({ minLength: 1, maxLength: 120 }),
        reason: Type.String({ minLength: 1, maxLength: 500 }),
      },
      closed,
    ),
    { minItems: 1, maxItems: 50 },
  );

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
            fields: returnFields,
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

  app.get(
    "/api/review/staff",
    {
      schema: {
        tags,
        summary: "The provider's active staff, to assign orders to: `{ items: [{ id, displayName, role }] }`",
        response: openResponses,
      },
    },
    async (request) => {
      requireStaff(request);
      return { items: await listStaff(ctx.db) };
    },
  );

  const assignmentSummary =
    "Answers `{ orderId, assignee: { id, displayName } | null, assignedAt }`; audited on the order";
  app.post(
    "/api/review/orders/:id/claim",
    {
      schema: {
        tags,
        summary: `Claim the order (领取): 409 ALREADY_CLAIMED naming the holder if someone else has it. ${assignmentSummary}`,
        params: IdParams,
        response: openResponses,
      },
    },
    async (request) => claimOrder(ctx, requireStaff(request), request.params.id),
  );

  app.post(
    "/api/review/orders/:id/release",
    {
      schema: {
        tags,
        summary: `Give the order back to the common queue: its holder, or a supervisor. ${assignmentSummary}`,
        params: IdParams,
        response: openResponses,
      },
    },
    async (request) => releaseOrder(ctx, requireStaff(request), request.params.id),
  );

  app.post(
    "/api/review/orders/:id/assign",
    {
      schema: {
        tags,
        summary: `Assign (or reassign) the order to a member of the provider's staff: supervisors and administrators. ${assignmentSummary}`,
        params: IdParams,
        body: Type.Object({ userId: Type.String({ minLength: 1, maxLength: 64 }) }, closed),
        response: openResponses,
      },
    },
    async (request) => assignOrder(ctx, requireStaff(request), request.params.id, request.body.userId),
  );

  app.get(
    "/api/review/orders/:id/calls",
    {
      schema: {
        tags,
        summary:
          "The reviewers' calls to the responsible persons: `{ items: [{ id, at, by, outcome, note }] }`",
        params: IdParams,
        response: openResponses,
      },
    },
    async (request) => {
      requireStaff(request);
      await loadOrder(ctx.db, request.params.id);
      return { items: await listCalls(ctx, ctx.db, request.params.id) };
    },
  );

  app.post(
    "/api/review/orders/:id/calls",
    {
      schema: {
        tags,
        summary:
          "Record a call (核实电话). The second missed call (no_answer or busy) of a review round returns the order " +
          "automatically (subject.head.mobile). Answers 201 `{ call, order, autoReturned }`",
        params: IdParams,
        body: Type.Object(
          { outcome: literals(CALL_OUTCOMES), note: Type.Optional(Type.String({ maxLength: 500 })) },
          closed,
        ),
        response: openResponses,
      },
    },
    async (request, reply) => {
      const viewer = requireStaff(request);
      const { outcome, note } = request.body;
      const result = await logCall(ctx, viewer, request.params.id, {
        outcome: outcome as (typeof CALL_OUTCOMES)[number],
        ...(note ? { note } : {}),
      });
      reply.status(201);
      return {
        call: result.call,
        autoReturned: result.autoReturned,
        order: await presentOrder(ctx, result.order, "reviewer"),
      };
    },
  );

  app.get(
    "/api/review/reason-templates",
    {
      schema: {
        tags,
        summary:
          "Common return reasons per field (`*` in a field stands for the website index), plus with `orderId` " +
          "the pre-check problems of that order: `{ items: [{ id, field, ruleId?, text: { zh, en } }] }`",
        querystring: Type.Object(
          { orderId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) },
          closed,
        ),
        response: openResponses,
      },
    },
    async (request) => {
      requireStaff(request);
      const orderId = request.query.orderId;
      if (!orderId) return { items: REASON_TEMPLATES };
      const row = await loadOrder(ctx.db, orderId);
      const problems = await precheckOrder(ctx, ctx.db, row, orderData(ctx, row));
      return {
        items: [
          ...problems.map((problem) => ({
            id: `problem:${problem.ruleId}:${problem.field}`,
            field: problem.field,
            ruleId: problem.ruleId,
            text: problem.message,
          })),
          ...REASON_TEMPLATES,
        ],
      };
    },
  );

  app.post(
    "/api/review/bulk",
    {
      schema: {
        tags,
        summary:
          "Approve or return many orders, each on its own at its current version; one failure does not stop the " +
          "others: `{ results: [{ orderId, ok, state?, error?: { code, message } }] }`",
        body: Type.Object(
          {
            action: literals(["approve", "return"]),
            orderIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
              minItems: 1,
              maxItems: 100,
            }),
            note,
            fields: Type.Optional(returnFields),
          },
          closed,
        ),
        response: openResponses,
      },
    },
    async (request) => {
      const viewer = requireStaff(request);
      const { action, orderIds, note, fields } = request.body;
      return {
        results: await bulkDecide(ctx, viewer, {
          action: action as "approve" | "return",
          orderIds,
          ...(note ? { note } : {}),
          ...(fields ? { fields } : {}),
        }),
      };
    },
  );
}
