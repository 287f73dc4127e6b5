import { Type } from "@sinclair/typebox";
import { loadOrder, orderData } from "../../filing/order-rows.ts";
import { IdParams, errorResponses, type App } from "../../http/types.ts";
import { requireApplicant } from "../../identity/viewer.ts";
import type { AppContext } from "../../platform/context.ts";
import { sendInline } from "../serve.ts";
import { commitmentLetter } from "./commitment-letter.ts";
import { findPdfFont } from "./font.ts";
import { verificationForm } from "./verification-form.ts";

const DOCUMENTS = {
  "verification-form.pdf": { generate: verificationForm, fileName: "verification-form" },
  "commitment-letter.pdf": { generate: commitmentLetter, fileName: "commitment-letter" },
} as const;

const DocumentParams = Type.Object(
  {
    id: IdParams.properties.id,
    document: Type.Union(Object.keys(DOCUMENTS).map((name) => Type.Literal(name))),
  },
  { additionalProperties: false },
);

/** The forms to print, sign by hand and upload, generated from the order's current data. */
export function registerDocumentRoutes(app: App, ctx: AppContext) {
  app.get(
    "/api/orders/:id/documents/:document",
    {
      schema: {
        tags: ["materials"],
        summary:
          "A form generated from the order's data (PDF): verification-form.pdf (网站备案信息真实性核验单) " +
          "or commitment-letter.pdf (互联网信息服务备案承诺书)",
        params: DocumentParams,
        response: { ...errorResponses, 503: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const viewer = requireApplicant(request);
      const order = await loadOrder(ctx.db, request.params.id, { accountId: viewer.accountId });
      const document = DOCUMENTS[request.params.document as keyof typeof DOCUMENTS];
      const font = findPdfFont();
      const bytes = await document.generate(font, {
        orderNumber: order.number,
        data: orderData(ctx, order),
        createdAt: ctx.clock.now(),
      });
      const name = `${document.fileName}-${order.number}.pdf`;
      return sendInline(reply, bytes, "application/pdf", `inline; filename="${name}"`);
    },
  );
}
