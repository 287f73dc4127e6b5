import { Type } from "@sinclair/typebox";
import { IdParams, openResponses, type App } from "../http/types.ts";
import { requireApplicant } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import { presentOrderSummary } from "./presenter.ts";
import { acceptTransfer, declineTransfer, incomingTransfers } from "./transfer.ts";

/**
 * The receiving side of 转移备案: transfers sent to this account, accepted with the
 * subject's certificate tail or declined. The sending side is an ordinary order
 * (`POST /api/orders` with `type: "transfer"` and `toAccountId`, then submit).
 */
export function registerTransferRoutes(app: App, ctx: AppContext) {
  const tags = ["orders"];
  const closed = { additionalProperties: false };
  // The certificate tail is a secret of sorts: guessing it is limited per account.
  const proofLimit = {
    rateLimit: {
      max: 5,
      timeWindow: "15 minutes",
      keyGenerator: (request: { viewer: { accountId: string } | null; ip: string }) =>
        `transfer-accept:${request.viewer?.accountId ?? request.ip}`,
    },
  };

  app.get(
    "/api/transfers/incoming",
    {
      schema: {
        tags,
        summary: "Filing transfers waiting for this account to accept them (待接收的转移备案)",
        response: openResponses,
      },
    },
    async (request) => ({ items: await incomingTransfers(ctx, requireApplicant(request)) }),
  );

  app.post(
    "/api/transfers/:id/accept",
    {
      config: proofLimit,
      schema: {
        tags,
        summary: "Accept a transfer: the filing moves into this account (no review; numbers unchanged)",
        params: IdParams,
        body: Type.Object(
          { certificateTail: Type.String({ minLength: 6, maxLength: 6, pattern: "^[0-9A-Za-z]{6}$" }) },
          closed,
        ),
        response: openResponses,
      },
    },
    async (request) => {
      const row = await acceptTransfer(
        ctx,
        requireApplicant(request),
        request.params.id,
        request.body.certificateTail,
      );
      return presentOrderSummary(row);
    },
  );

  app.post(
    "/api/transfers/:id/decline",
    {
      schema: {
        tags,
        summary: "Decline a transfer: the filing stays with the sending account",
        params: IdParams,
        body: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 200 })) }, closed),
        response: openResponses,
      },
    },
    async (request) => {
      const row = await declineTransfer(
        ctx,
        requireApplicant(request),
        request.params.id,
        request.body.reason,
      );
      return presentOrderSummary(row);
    },
  );
}
