import { Type } from "@sinclair/typebox";
import { openResponses, type App } from "../http/types.ts";
import type { AppContext } from "../platform/context.ts";
import { receiveSms } from "../notify/sms.ts";
import { checkRegulatorToken, receiveRegulatorMessage, type RegulatorEvent } from "./events.ts";

const closed = { additionalProperties: false } as const;
const icpNumber = Type.String({ maxLength: 40 });

const EventSchema = Type.Union([
  Type.Object({ type: Type.Literal("sms_sent") }, closed),
  Type.Object({ type: Type.Literal("sms_verified") }, closed),
  Type.Object({ type: Type.Literal("sms_timed_out") }, closed),
  Type.Object({ type: Type.Literal("bureau_received") }, closed),
  Type.Object(
    { type: Type.Literal("sms_failed"), attempts: Type.Integer({ minimum: 1, maximum: 100 }) },
    closed,
  ),
  Type.Object(
    {
      type: Type.Literal("bureau_approved"),
      // Absent for orders that issue no number (a change, a cancellation).
      numbers: Type.Optional(
        Type.Object(
          {
            subjectNumber: icpNumber,
            websiteNumbers: Type.Record(Type.String({ maxLength: 253 }), icpNumber, { maxProperties: 10 }),
            appNumber: Type.Optional(icpNumber),
          },
          closed,
        ),
      ),
    },
    closed,
  ),
  Type.Object(
    {
      type: Type.Literal("bureau_rejected"),
      reasons: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { minItems: 1, maxItems: 20 }),
    },
    closed,
  ),
]);

/** The one authenticated internal endpoint through which the regulator bridge reports. */
export function registerRegulatorRoutes(app: App, ctx: AppContext) {
  app.post(
    "/api/internal/regulator/events",
    {
      schema: {
        tags: ["internal"],
        summary:
          "Regulator events (SMS sent / verified / timed out / failed, bureau approved / rejected); idempotent by messageId",
        headers: Type.Object({ authorization: Type.Optional(Type.String()) }),
        body: Type.Object(
          {
            messageId: Type.String({ minLength: 1, maxLength: 100 }),
            orderNumber: Type.String({ minLength: 1, maxLength: 40 }),
            event: EventSchema,
          },
          closed,
        ),
        response: openResponses,
      },
    },
    async (request) => {
      checkRegulatorToken(ctx, request.headers.authorization);
      return receiveRegulatorMessage(ctx, { ...request.body, event: request.body.event as RegulatorEvent });
    },
  );

  app.post(
    "/api/internal/sms",
    {
      schema: {
        tags: ["internal"],
        summary:
          "The SMS channel: a text the regulator sends to a person through the platform; idempotent by messageId",
        headers: Type.Object({ authorization: Type.Optional(Type.String()) }),
        body: Type.Object(
          {
            messageId: Type.String({ minLength: 1, maxLength: 100 }),
            orderNumber: Type.String({ minLength: 1, maxLength: 40 }),
            mobile: Type.String({ minLength: 11, maxLength: 20, pattern: "^[+0-9 -]+$" }),
            text: Type.String({ minLength: 1, maxLength: 500 }),
          },
          closed,
        ),
        response: openResponses,
      },
    },
    async (request) => {
      checkRegulatorToken(ctx, request.headers.authorization);
      return receiveSms(ctx, request.body);
    },
  );
}
