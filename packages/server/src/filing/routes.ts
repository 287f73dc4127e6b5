import { smsForOrder } from "../notify/sms.ts";
import { ORDER_KINDS, OrderDataSchema } from "@openbeian/core";
import { Type } from "@sinclair/typebox";
import { openResponses, IdParams, type App } from "../http/types.ts";
import { IdempotencyHeaders } from "../agency/idempotency.ts";
import { requireApplicant } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import { applicantEvent, createOrder, submitOrder, updateOrderData } from "./orders.ts";
import { loadOrder, orderData } from "./order-rows.ts";
import { precheckContextFor } from "./precheck-context.ts";
import { presentOrder, presentOrderSummary } from "./presenter.ts";

const closed = { additionalProperties: false } as const;
const VersionBody = Type.Object({ version: Type.Integer({ minimum: 1 }) }, closed);

export function registerOrderRoutes(app: App, ctx: AppContext) {
  const tags = ["orders"];

  app.get(
    "/api/orders",
    { schema: { tags, summary: "Your filing orders (备案订单)", response: openResponses } },
    async (request) => {
      const viewer = requireApplicant(request);
      const rows = await ctx.db
        .selectFrom("filing_order")
        .selectAll()
        .where("account_id", "=", viewer.accountId)
        .orderBy("created_at", "desc")
        .execute();
      return { items: rows.map(presentOrderSummary) };
    },
  );

  app.post(
    "/api/orders",
    {
      schema: {
        tags,
        summary:
          "Start an order (首次备案 by default; add website, change, cancellations act on the account's filing); one order in progress per account",
        body: Type.Object(
          {
            type: Type.Optional(Type.Union(ORDER_KINDS.map((kind) => Type.Literal(kind)))),
            data: Type.Optional(OrderDataSchema),
            websiteId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            /** 转移备案: the receiving account's ID (shown on its 账号信息 page). */
            toAccountId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          },
          closed,
        ),
        headers: IdempotencyHeaders,
        response: openResponses,
      },
    },
    async (request, reply) => {
      const viewer = requireApplicant(request);
      const { type = "first_filing", data, websiteId, toAccountId } = request.body;
      const row = await createOrder(ctx, viewer, {
        type,
        ...(data ? { data } : {}),
        ...(websiteId ? { websiteId } : {}),
        ...(toAccountId ? { toAccountId } : {}),
      });
      return reply.status(201).send(await presentOrder(ctx, row, "applicant"));
    },
  );

  app.get(
    "/api/orders/:id",
    {
      schema: {
        tags,
        summary: "One order: data, problems, progress timeline, allowed actions",
        params: IdParams,
        response: openResponses,
      },
    },
    async (request) => {
      const viewer = requireApplicant(request);
      const row = await loadOrder(ctx.db, request.params.id, { accountId: viewer.accountId });
      return presentOrder(ctx, row, "applicant");
    },
  );

  app.get(
    "/api/orders/:id/precheck-context",
    {
      schema: {
        tags,
        summary:
          "What the browser needs to run the pre-check while the applicant types (same rules as the server)",
        params: IdParams,
        response: openResponses,
      },
    },
    async (request) => {
      const viewer = requireApplicant(request);
      const row = await loadOrder(ctx.db, request.params.id, { accountId: viewer.accountId });
      const context = await precheckContextFor(ctx, ctx.db, row, orderData(ctx, row));
      // Dates travel as ISO strings; the calendar as its plain data.
      return { ...context, calendar: context.calendar?.toData() };
    },
  );

  app.get(
    "/api/orders/:id/sms",
    {
      schema: {
        tags,
        summary:
          "The regulator's SMS texts for this order (verification codes), as the development phone panel shows them",
        params: IdParams,
        response: openResponses,
      },
    },
    async (request) => {
      const viewer = requireApplicant(request);
      const row = await loadOrder(ctx.db, request.params.id, { accountId: viewer.accountId });
      return {
        items: await smsForOrder(ctx, row.id),
        verifyUrl: ctx.regulatorPublicUrl ? `${ctx.regulatorPublicUrl.replace(/\/+$/, "")}/sms` : null,
      };
    },
  );

  app.put(
    "/api/orders/:id/data",
    {
      schema: {
        tags,
        summary:
          "Save the order's data (the whole wizard document); returned orders accept only the returned fields",
        params: IdParams,
        body: Type.Object({ version: Type.Integer({ minimum: 1 }), data: OrderDataSchema }, closed),
        response: openResponses,
      },
    },
    async (request) => {
      const viewer = requireApplicant(request);
      const row = await updateOrderData(
        ctx,
        viewer,
        request.params.id,
        request.body.version,
        request.body.data,
      );
      return presentOrder(ctx, row, "applicant");
    },
  );

  app.post(
    "/api/orders/:id/submit",
    {
      schema: {
        tags,
        summary:
          "Submit for initial review (提交初审); blocked while errors remain, warnings need acknowledging",
        params: IdParams,
        body: Type.Object(
          { version: Type.Integer({ minimum: 1 }), acknowledgeWarnings: Type.Optional(Type.Boolean()) },
          closed,
        ),
        headers: IdempotencyHeaders,
        response: openResponses,
      },
    },
    async (request) => {
      const viewer = requireApplicant(request);
      const row = await submitOrder(ctx, viewer, request.params.id, {
        version: request.body.version,
        acknowledgeWarnings: request.body.acknowledgeWarnings ?? false,
      });
      return presentOrder(ctx, row, "applicant");
    },
  );

  for (const action of ["withdraw", "abandon"] as const) {
    app.post(
      `/api/orders/:id/${action}`,
      {
        schema: {
          tags,
          summary:
            action === "withdraw"
              ? "Withdraw (撤销备案), only before the bureau has the order"
              : "Abandon (放弃备案)",
          params: IdParams,
          body: VersionBody,
          response: openResponses,
        },
      },
      async (request) => {
        const viewer = requireApplicant(request);
        const row = await applicantEvent(ctx, viewer, request.params.id, action, request.body.version);
        return presentOrder(ctx, row, "applicant");
      },
    );
  }
}
