import { Type } from "@sinclair/typebox";
import { IdParams, errorResponses, type App } from "../http/types.ts";
import { requireApplicant, requireStaff } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import {
  endpointDeliveries,
  listDeliveries,
  pingEndpoint,
  presentDelivery,
  redeliver,
} from "./deliveries.ts";
import {
  createEndpoint,
  deleteEndpoint,
  listEndpoints,
  presentEndpoint,
  updateEndpoint,
} from "./endpoints.ts";

const closed = { additionalProperties: false } as const;
const nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

const EventPattern = Type.String({
  pattern: "^(\\*|[a-z_]+\\.\\*|[a-z_]+(\\.[a-z_]+)*)$",
  maxLength: 64,
  description: "`*`, a family such as `order.*`, or one type such as `order.approve`",
});
const Events = Type.Array(EventPattern, { maxItems: 50 });

const EndpointView = Type.Object({
  id: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  description: Type.String(),
  active: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
const WithSecret = Type.Intersect([
  EndpointView,
  Type.Object({ secret: Type.String({ description: "The signing secret (whsec_…), shown this once" }) }),
]);

const Status = Type.Union([Type.Literal("pending"), Type.Literal("delivered"), Type.Literal("failed")]);
const DeliveryView = Type.Object({
  id: Type.String(),
  endpointId: Type.String(),
  accountId: Type.String(),
  url: Type.Union([Type.String(), Type.Null()]),
  eventId: Type.String(),
  eventType: Type.String(),
  status: Status,
  attempts: Type.Integer(),
  nextAttemptAt: nullable(Type.String()),
  lastStatusCode: Type.Union([Type.Integer(), Type.Null()]),
  lastError: nullable(Type.String()),
  redeliveryOf: nullable(Type.String()),
  createdAt: Type.String(),
  deliveredAt: nullable(Type.String()),
  payload: Type.Unknown({ description: "The body as sent: {id, type, createdAt, data}" }),
});
const Deliveries = Type.Object({ items: Type.Array(DeliveryView) });
const Limit = Type.Optional(
  Type.String({ pattern: "^[1-9][0-9]?$|^100$", description: "1–100, default 50" }),
);
const limitOf = (value: string | undefined) => (value ? Number(value) : undefined);

/** Webhooks (Webhook通知): an applicant account's endpoints and delivery log; the console's view of all. */
export function registerWebhookRoutes(app: App, ctx: AppContext) {
  const tags = ["webhooks"];

  app.get(
    "/api/webhooks",
    {
      schema: {
        tags,
        summary: "The account's webhook endpoints",
        response: { 200: Type.Object({ items: Type.Array(EndpointView) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: (await listEndpoints(ctx, requireApplicant(request))).map(presentEndpoint),
    }),
  );

  app.post(
    "/api/webhooks",
    {
      schema: {
        tags,
        summary:
          "Add an endpoint (http(s); private and loopback addresses refused: WEBHOOK_URL_PRIVATE). Events default to all (`*`); `secret` is shown this once",
        body: Type.Object(
          {
            url: Type.String({ minLength: 1, maxLength: 2000 }),
            events: Type.Optional(Events),
            description: Type.Optional(Type.String({ maxLength: 200 })),
          },
          closed,
        ),
        response: { 201: WithSecret, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { row, secret } = await createEndpoint(ctx, requireApplicant(request), request.body);
      return reply.status(201).send({ ...presentEndpoint(row), secret });
    },
  );

  app.patch(
    "/api/webhooks/:id",
    {
      schema: {
        tags,
        summary:
          "Change an endpoint: URL, events, description, active; `rotateSecret` returns a new `secret`",
        params: IdParams,
        body: Type.Object(
          {
            url: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
            events: Type.Optional(Events),
            description: Type.Optional(Type.String({ maxLength: 200 })),
            active: Type.Optional(Type.Boolean()),
            rotateSecret: Type.Optional(Type.Boolean()),
          },
          closed,
        ),
        response: {
          200: Type.Intersect([EndpointView, Type.Object({ secret: Type.Optional(Type.String()) })]),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { row, secret } = await updateEndpoint(
        ctx,
        requireApplicant(request),
        request.params.id,
        request.body,
      );
      return { ...presentEndpoint(row), ...(secret ? { secret } : {}) };
    },
  );

  app.delete(
    "/api/webhooks/:id",
    {
      schema: {
        tags,
        summary: "Delete an endpoint and its delivery log",
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteEndpoint(ctx, requireApplicant(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/webhooks/:id/deliveries",
    {
      schema: {
        tags,
        summary: "An endpoint's deliveries, newest first",
        params: IdParams,
        querystring: Type.Object({ status: Type.Optional(Status), limit: Limit }, closed),
        response: { 200: Deliveries, ...errorResponses },
      },
    },
    async (request) => {
      const rows = await endpointDeliveries(ctx, requireApplicant(request), request.params.id, {
        ...(request.query.status ? { status: request.query.status } : {}),
        limit: limitOf(request.query.limit),
      });
      return { items: rows.map(presentDelivery) };
    },
  );

  app.post(
    "/api/webhooks/:id/test",
    {
      schema: {
        tags,
        summary: "Send a `ping` to the endpoint now (发送测试); the answer is the delivery with its result",
        params: IdParams,
        response: { 200: DeliveryView, ...errorResponses },
      },
    },
    async (request) => presentDelivery(await pingEndpoint(ctx, requireApplicant(request), request.params.id)),
  );

  app.post(
    "/api/webhooks/deliveries/:id/redeliver",
    {
      schema: {
        tags,
        summary: "Deliver an event again (重新投递): a new delivery of the same event id and body",
        params: IdParams,
        response: { 202: DeliveryView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await redeliver(ctx, requireApplicant(request), request.params.id);
      return reply.status(202).send(presentDelivery(row));
    },
  );

  app.get(
    "/api/review/webhook-deliveries",
    {
      schema: {
        tags: ["review", ...tags],
        summary: "Every account's webhook deliveries (staff), newest first",
        querystring: Type.Object(
          {
            accountId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            status: Type.Optional(Status),
            limit: Limit,
          },
          closed,
        ),
        response: { 200: Deliveries, ...errorResponses },
      },
    },
    async (request) => {
      requireStaff(request);
      const { accountId, status, limit } = request.query;
      const rows = await listDeliveries(ctx, {
        ...(accountId ? { accountId } : {}),
        ...(status ? { status } : {}),
        limit: limitOf(limit),
      });
      return { items: rows.map(presentDelivery) };
    },
  );

  app.post(
    "/api/review/webhook-deliveries/:id/redeliver",
    {
      schema: {
        tags: ["review", ...tags],
        summary: "Redeliver any account's webhook delivery (staff; audited)",
        params: IdParams,
        response: { 202: DeliveryView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await redeliver(ctx, requireStaff(request), request.params.id);
      return reply.status(202).send(presentDelivery(row));
    },
  );
}
