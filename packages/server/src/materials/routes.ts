import { Type } from "@sinclair/typebox";
import { loadOrder } from "../filing/order-rows.ts";
import { IdParams, errorResponses, openResponses, type App } from "../http/types.ts";
import { requireApplicant, requireStaff } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import { deleteMaterial, uploadMaterial } from "./changes.ts";
import { registerDocumentRoutes } from "./documents/routes.ts";
import { readUpload } from "./multipart.ts";
import { applicantBase, presentMaterial, reviewerBase } from "./present.ts";
import { findMaterial, listMaterials } from "./repository.ts";
import { requiredMaterialsOf } from "./required.ts";
import { sendMaterial } from "./serve.ts";

const closed = { additionalProperties: false } as const;
const MaterialParams = Type.Object(
  { id: IdParams.properties.id, materialId: Type.String({ minLength: 1, maxLength: 64 }) },
  closed,
);
const VariantQuery = Type.Object({ variant: Type.Optional(Type.Literal("thumbnail")) }, closed);

/** Uploaded materials of an order (the applicant's and the reviewers'), and the generated forms. */
export function registerMaterialRoutes(app: App, ctx: AppContext) {
  const tags = ["materials"];

  app.post(
    "/api/orders/:id/materials",
    {
      schema: {
        tags,
        summary:
          "Upload a material (multipart: text field `kind` first, then `file`; JPEG, PNG or PDF up to 4 MB). " +
          "Replaces the order's material of that kind",
        consumes: ["multipart/form-data"],
        params: IdParams,
        response: { ...openResponses, 413: errorResponses[400], 415: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const viewer = requireApplicant(request);
      const upload = await readUpload(request);
      const row = await uploadMaterial(ctx, viewer, request.params.id, upload);
      return reply.status(201).send(presentMaterial(row, applicantBase(row.order_id)));
    },
  );

  app.get(
    "/api/orders/:id/materials",
    {
      schema: {
        tags,
        summary: "The order's materials, and those the pre-check requires of it",
        params: IdParams,
        response: openResponses,
      },
    },
    async (request) => {
      const viewer = requireApplicant(request);
      const order = await loadOrder(ctx.db, request.params.id, { accountId: viewer.accountId });
      const rows = await listMaterials(ctx.db, order.id);
      return {
        items: rows.map((row) => presentMaterial(row, applicantBase(order.id))),
        required: await requiredMaterialsOf(ctx, order),
      };
    },
  );

  app.get(
    "/api/orders/:id/materials/:materialId",
    {
      schema: {
        tags,
        summary: "A material's file (or its JPEG thumbnail with ?variant=thumbnail)",
        params: MaterialParams,
        querystring: VariantQuery,
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const viewer = requireApplicant(request);
      const order = await loadOrder(ctx.db, request.params.id, { accountId: viewer.accountId });
      const row = await findMaterial(ctx.db, order.id, request.params.materialId);
      return sendMaterial(ctx, reply, row, request.query.variant);
    },
  );

  app.delete(
    "/api/orders/:id/materials/:materialId",
    {
      schema: {
        tags,
        summary: "Delete a material while the order can be edited",
        params: MaterialParams,
        response: openResponses,
      },
    },
    async (request, reply) => {
      const viewer = requireApplicant(request);
      await deleteMaterial(ctx, viewer, request.params.id, request.params.materialId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/review/orders/:id/materials",
    {
      schema: {
        tags: ["review"],
        summary: "The order's materials, and those the pre-check requires of it",
        params: IdParams,
        response: openResponses,
      },
    },
    async (request) => {
      requireStaff(request);
      const order = await loadOrder(ctx.db, request.params.id);
      const rows = await listMaterials(ctx.db, order.id);
      return {
        items: rows.map((row) => presentMaterial(row, reviewerBase(order.id))),
        required: await requiredMaterialsOf(ctx, order),
      };
    },
  );

  app.get(
    "/api/review/orders/:id/materials/:materialId",
    {
      schema: {
        tags: ["review"],
        summary: "A material's file (or its JPEG thumbnail with ?variant=thumbnail)",
        params: MaterialParams,
        querystring: VariantQuery,
        response: errorResponses,
      },
    },
    async (request, reply) => {
      requireStaff(request);
      const order = await loadOrder(ctx.db, request.params.id);
      const row = await findMaterial(ctx.db, order.id, request.params.materialId);
      return sendMaterial(ctx, reply, row, request.query.variant);
    },
  );

  registerDocumentRoutes(app, ctx);
}
