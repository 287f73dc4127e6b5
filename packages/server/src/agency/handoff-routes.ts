import { Type } from "@sinclair/typebox";
import type { FastifyRequest } from "fastify";
import { IdParams, LocalizedTextSchema, errorResponses, type App } from "../http/types.ts";
import { requireApplicant } from "../identity/viewer.ts";
import { readUpload } from "../materials/multipart.ts";
import type { AppContext } from "../platform/context.ts";
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
        response: { 201: Type.Object({ links: Type.Array(Link) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requireApplicant(request);
      const links = await createHandoffLinks(ctx, viewer, request.params.id, baseUrlOf(ctx, request));
      return reply.status(201).send({ links });
    },
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
