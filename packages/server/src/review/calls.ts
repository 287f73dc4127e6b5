import { AppError, IN_PROVIDER_REVIEW, isFinal, phoneDigits, type ReturnedField } from "@openbeian/core";
import { writeAudit } from "../audit/audit-log.ts";
import { applyEventInTx } from "../filing/apply-event.ts";
import { loadOrder, orderData, orderState } from "../filing/order-rows.ts";
import type { Viewer } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import type { Executor } from "../platform/db.ts";
import { newId } from "../platform/ids.ts";
import type { FilingOrderTable, ReviewCallTable } from "../platform/schema.ts";
import { lockOrder, refuseOwnAccount } from "./decisions.ts";

/**
 * The reviewers' calls to the responsible persons (核实电话, fact base §10.2 C2: a head who
 * cannot be reached twice gets the order returned). The second missed call (no answer or busy)
 * since the order last arrived in review returns it through the state machine, in the same
 * transaction as the call.
 */
export const CALL_OUTCOMES = ["answered", "no_answer", "busy", "wrong_number", "refused"] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export const MISSED_OUTCOMES: ReadonlySet<CallOutcome> = new Set(["no_answer", "busy"]);
/** Missed calls in one review round that return the order. */
export const MISSED_CALLS_TO_RETURN = 2;

export const AUTO_RETURN_REASON =
  "两次致电未接通，请确认联系电话畅通后重新提交 / Two calls went unanswered; make sure the phone can be reached and submit again";

export interface CallInput {
  outcome: CallOutcome;
  note?: string;
}

export async function listCalls(ctx: AppContext, executor: Executor, orderId: string) {
  const rows = await executor
    .selectFrom("review_call")
    .leftJoin("app_user", "app_user.id", "review_call.user_id")
    .selectAll("review_call")
    .select("app_user.display_name")
    .where("review_call.order_id", "=", orderId)
    .orderBy("review_call.at")
    .orderBy("review_call.id")
    .execute();
  return rows.map((row) => presentCall(ctx, row, row.display_name ?? ""));
}

function presentCall(ctx: AppContext, row: ReviewCallTable, displayName: string) {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    by: { id: row.user_id, displayName },
    outcome: row.outcome,
    note: row.note_enc === null ? null : ctx.cipher.decrypt(row.note_enc),
  };
}

export async function logCall(
  ctx: AppContext,
  viewer: Viewer,
  orderId: string,
  input: CallInput,
): Promise<{ call: ReturnType<typeof presentCall>; order: FilingOrderTable; autoReturned: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    // Two reviewers logging missed calls at once must not both count one.
    await lockOrder(ctx, trx, orderId);
    const order = await loadOrder(trx, orderId);
    refuseOwnAccount(viewer, order);
    const state = orderState(order);
    if (isFinal(state)) throw new AppError("TRANSITION_NOT_ALLOWED", { state, action: "call" });
    const now = ctx.clock.now().getTime();
    const note = input.note?.trim() ? input.note.trim() : null;
    const row: ReviewCallTable = {
      id: newId(),
      order_id: orderId,
      user_id: viewer.userId,
      outcome: input.outcome,
      note_enc: note === null ? null : ctx.cipher.encrypt(note),
      at: now,
    };
    await trx.insertInto("review_call").values(row).execute();
    await writeAudit(trx, {
      at: now,
      actorKind: "reviewer",
      actorUserId: viewer.userId,
      accountId: order.account_id,
      entity: "order",
      entityId: orderId,
      action: "call",
      // The note stays out of the audit: it may hold personal data.
      detail: { callId: row.id, outcome: input.outcome },
    });

    let current = order;
    let autoReturned = false;
    if (MISSED_OUTCOMES.has(input.outcome) && IN_PROVIDER_REVIEW.has(state)) {
      const missed = await trx
        .selectFrom("review_call")
        .select((eb) => eb.fn.countAll<number | string>().as("count"))
        .where("order_id", "=", orderId)
        .where("outcome", "in", [...MISSED_OUTCOMES])
        .where("at", ">=", order.submitted_at ?? 0)
        .executeTakeFirstOrThrow();
      if (Number(missed.count) >= MISSED_CALLS_TO_RETURN) {
        current = await applyEventInTx(ctx, trx, {
          orderId,
          event: {
            type: "return",
            fields: unreachableFields(ctx, order),
            note: "自动退回：两次致电未接通 / Returned automatically after two missed calls",
          },
          actor: { kind: "reviewer", userId: viewer.userId },
          expectedVersion: order.version,
        });
        autoReturned = true;
      }
    }
    return { call: presentCall(ctx, row, viewer.displayName), order: current, autoReturned };
  });
}

/**
 * The subject head's mobile, plus each website head's mobile that is the same number (a
 * personal filing repeats it), so the applicant may change it everywhere it appears.
 */
function unreachableFields(ctx: AppContext, order: FilingOrderTable): ReturnedField[] {
  const data = orderData(ctx, order);
  const mobile = phoneDigits(data.subject?.head?.mobile);
  const fields = ["subject.head.mobile"];
  (data.websites ?? []).forEach((website, index) => {
    if (mobile && phoneDigits(website.head?.mobile) === mobile) fields.push(`websites.${index}.head.mobile`);
  });
  return fields.map((field) => ({ field, reason: AUTO_RETURN_REASON }));
}
