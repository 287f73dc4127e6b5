import { AppError, type LocalizedText, type ReturnedField } from "@openbeian/core";
import type { Viewer } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import { reviewerDecisionInTx, type ReviewEvent } from "./decisions.ts";

export interface BulkInput {
  action: "approve" | "return";
  orderIds: string[];
  note?: string;
  fields?: ReturnedField[];
}

export interface BulkResult {
  orderId: string;
  ok: boolean;
  state?: string;
  error?: { code: string; message: LocalizedText };
}

/**
 * Approves or returns many orders: each in its own transaction at its current version,
 * through the state machine with the own-account rule, audited like a single decision. One
 * failure (not in review, changed meanwhile, own account, not found) is reported in its entry
 * and does not stop the others.
 */
export async function bulkDecide(ctx: AppContext, viewer: Viewer, input: BulkInput): Promise<BulkResult[]> {
  const note = input.note?.trim() ? { note: input.note.trim() } : {};
  let event: ReviewEvent;
  if (input.action === "approve") {
    event = { type: "approve", ...note };
  } else {
    if (!input.fields || input.fields.length === 0) {
      throw new AppError("VALIDATION_FAILED", { field: "fields", problem: "required to return" });
    }
    event = { type: "return", fields: input.fields, ...note };
  }
  const results: BulkResult[] = [];
  for (const orderId of [...new Set(input.orderIds)]) {
    try {
      const row = await ctx.db
        .transaction()
        .execute((trx) => reviewerDecisionInTx(ctx, trx, viewer, orderId, event));
      results.push({ orderId, ok: true, state: row.state });
    } catch (error) {
      if (!(error instanceof AppError)) {
        ctx.logger.error({ err: error, orderId }, "bulk review action failed");
      }
      const failure = error instanceof AppError ? error : new AppError("INTERNAL");
      results.push({ orderId, ok: false, error: { code: failure.code, message: failure.localized } });
    }
  }
  return results;
}
