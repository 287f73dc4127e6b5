import { Type } from "@sinclair/typebox";
import type { FastifyRequest } from "fastify";
import { IdParams, LocalizedTextSchema, errorResponses, type App } from "../http/types.ts";
import { requireApplicant } from "../identity/viewer.ts";
import { readUpload } from "../materials/multipart.ts";
import type { AppContext } from "../platform/context.ts";
import { listHandoffLinks, revokeHandoffLink } from "./handoff-link-list.ts";
import { createHandoffLinks, presentHandoff, resolveHandoff, uploadThroughHandoff } from "./handoff-links.ts";

const Person = Type.Object({
  roles: Type.Array(Type.String()),
  name: Type.Union([Type.String(), Type.Null()]),
  mobile: Type.Union([Type.String(), Type.Null()], { description: "Masked: 138****8000" }),
});
const Purpose = Type.Union([Type.Literal("face_check"), Type.Literal("sms_verification")]);
const Link = Type.Object({
  id: Type.String(),
  purpose: Purpose,
  person: Type.Union([Person, Type.Null()]),
  url: Type.String(),
  qrSvg: Type.String({ description: "The URL as a QR code, an SVG document" }),
  expiresAt: Type.String(),
});
const LinkRecord = Type.Object({
  id: Type.String(),
  purpose: Purpose,
  person: Type.Union([Person, Type.Null()]),
  status: Type.Union(
    [Type.Literal("active"), Type.Literal("used"), Type.Literal("expired"), Type.Literal("revoked")],
    {
      description: "used: opened for its step at least once (a face-check link still opens until it expires)",
    },
  ),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  usedAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});
const LinkParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 64 }), linkId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const HandoffView = Type.Object({
  purpose: Purpose,
  orderNumber: Type.String(),
  state: Type.String(),
  stateLabel: LocalizedTextSchema,
  expiresAt: Type.String(),
  person: Type.Union([Person, Type.Null()]),
  faceCaptured: Type.Boolean(),
  canUpload: Type.Boolean(),
  smsPending: Type.Boolean(),
  verifyUrl: Type.Union([Type.String(), Type.Null()]),
});
const TokenHeader = Type.Object({
  "x-handoff-token": Type.String({ minLength: 1, maxLength: 100, description: "The token from the link" }),
});

const baseUrlOf = (ctx: AppContext, request: FastifyRequest) =>
  ctx.publicUrl ?? `${request.protocol}://${request.host}`;

/** Hand-off links (交给本人办理) and the two routes their page uses, authorised by the link alone. */
export function registerHandoffRoutes(app: App, ctx: AppContext) {
  app.post(
    "/api/orders/:id/handoff-links",
    {
      schema: {
        tags: ["orders"],
        summary:
          "Links and QR codes for the real-person steps: the face check (while the order can be edited) and each person's SMS verification; valid 24 hours",
        params: IdParams,
        querystring: Type.Object(
          {
            purpose: Type.Optional(
              Type.Union([Type.Literal("face_check"), Type.Literal("sms_verification")], {
                description: "Only this step's links (default: every step still ahead)",
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ links: Type.Array(Link) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requireApplicant(request);
      const links = await createHandoffLinks(
        ctx,
        viewer,
        request.params.id,
        baseUrlOf(ctx, request),
        request.query.purpose ? [request.query.purpose] : undefined,
      );
      return reply.status(201).send({ links });
    },
  );

  app.get(
    "/api/orders/:id/handoff-links",
    {
      schema: {
        tags: ["orders"],
        summary:
          "The order's hand-off links, newest first: what each was for and whether it still opens (tokens are never shown again)",
        params: IdParams,
        response: { 200: Type.Object({ links: Type.Array(LinkRecord) }), ...errorResponses },
      },
    },
    async (request) => ({
      links: await listHandoffLinks(ctx, requireApplicant(request), request.params.id),
    }),
  );

  app.delete(
    "/api/orders/:id/handoff-links/:linkId",
    {
      schema: {
        tags: ["orders"],
        summary: "Revoke a hand-off link at once (sent to the wrong person, a lost phone); audited",
        params: LinkParams,
        response: { 200: LinkRecord, ...errorResponses },
      },
    },
    async (request) =>
      revokeHandoffLink(ctx, requireApplicant(request), request.params.id, request.params.linkId),
  );

  app.get(
    "/api/handoff",
    {
      schema: {
        tags: ["handoff"],
        summary: "What a hand-off link is for (no login: the link's token in `x-handoff-token`)",
        headers: TokenHeader,
        response: { 200: HandoffView, ...errorResponses },
      },
      config: { rateLimit: { max: 60, timeWindow: "1 minute" } },
    },
    async (request) => {
      const { row, order } = await resolveHandoff(ctx, request.headers["x-handoff-token"]);
      return presentHandoff(ctx, row, order);
    },
  );

  app.post(
    "/api/handoff/face-capture",
    {
      schema: {
        tags: ["handoff"],
        summary:
          "The face photo through a face-check link (multipart: `kind`=face_capture, then `file`); nothing else can be uploaded with it",
        consumes: ["multipart/form-data"],
        headers: TokenHeader,
        response: { 201: HandoffView, ...errorResponses },
      },
      config: { rateLimit: { max: 20, timeWindow: "1 minute" } },
    },
    async (request, reply) => {
      const { row, order } = await resolveHandoff(ctx, request.headers["x-handoff-token"]);
      await uploadThroughHandoff(ctx, row, await readUpload(request));
      // An upload changes neither the link's view nor the order's state; the face photo is read anew.
      return reply.status(201).send(await presentHandoff(ctx, row, order));
    },
  );
}
