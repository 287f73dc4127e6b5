import {
  AppError,
  ORDER_KIND_RULES,
  isFinal,
  transition,
  type ActorKind,
  type Effect,
  type OrderEvent,
} from "@openbeian/core";
import { markHandoffLinksUsed } from "../agency/handoff-done.ts";
import { writeAudit } from "../audit/audit-log.ts";
import { queueNotification } from "../notify/outbox.ts";
import { TEMPLATES, type TemplateParams } from "../notify/templates.ts";
import type { AppContext } from "../platform/context.ts";
import type { Tx } from "../platform/db.ts";
import type { FilingOrderTable } from "../platform/schema.ts";
import { indexOrderContacts } from "../records/contacts.ts";
import { applyBureauApproval } from "../records/bureau-approval.ts";
import { queueSubmission } from "../regulator-bridge/outbound.ts";
import { regulatorSubmission } from "../regulator-bridge/submission-payload.ts";
import { recordGateChanges } from "../gate-sync/change-log.ts";
import { queueOrderWebhook } from "../webhooks/domain-events.ts";
import { completeClaim } from "./claim.ts";
import { clearExpiry, resetExpiry } from "./expiry.ts";
import { loadOrder, orderData, orderState, type OrderScope } from "./order-rows.ts";
import { moveServiceCodes } from "./service-codes.ts";
import { moveFiling } from "./transfer.ts";

export interface Actor {
  kind: ActorKind;
  userId: string | null;
}

export interface ApplyEventInput {
  orderId: string;
  event: OrderEvent;
  actor: Actor;
  scope?: OrderScope;
  /** The version the caller saw; a different current version is a 409. */
  expectedVersion?: number;
}

/**
 * Runs one transition inside the caller's transaction: state and version (with
 * an optimistic check), the effects the table asks for, the audit record and the
 * outgoing messages all commit together or not at all.
 */
export async function applyEventInTx(
  ctx: AppContext,
  trx: Tx,
  input: ApplyEventInput,
): Promise<FilingOrderTable> {
  const order = await loadOrder(trx, input.orderId, input.scope);
  if (input.expectedVersion !== undefined && input.expectedVersion !== order.version) {
    throw new AppError("VERSION_CONFLICT", { currentVersion: order.version });
  }
  const result = transition({ state: orderState(order), kind: order.type }, input.event, input.actor.kind);
  const now = ctx.clock.now().getTime();
  const updated = await trx
    .updateTable("filing_order")
    .set({
      state: result.next,
      version: order.version + 1,
      updated_at: now,
      active_account_id: isFinal(result.next) ? null : order.account_id,
      ...(input.event.type === "submit" ? { submitted_at: now } : {}),
    })
    .where("id", "=", order.id)
    .where("version", "=", order.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError("VERSION_CONFLICT");

  for (const effect of result.effects) await runEffect(ctx, trx, order, input, effect, now);

  await writeAudit(trx, {
    at: now,
    actorKind: input.actor.kind,
    actorUserId: input.actor.userId,
    accountId: order.account_id,
    entity: "order",
    entityId: order.id,
    action: input.event.type,
    fromState: result.from,
    toState: result.next,
    version: order.version + 1,
    detail: auditDetail(input.event),
  });
  await queueOrderWebhook(trx, order, input.event.type, result.from, result.next, now);
  // Last: the gate log's counter lock is held until commit, so take it as late as possible.
  await recordGateChanges(trx, ctx.engine, order, result.next, now);
  ctx.metrics.transitions.inc({ event: input.event.type, to: result.next });
  return loadOrder(trx, order.id);
}

export async function applyEvent(ctx: AppContext, input: ApplyEventInput): Promise<FilingOrderTable> {
  return ctx.db.transaction().execute((trx) => applyEventInTx(ctx, trx, input));
}

async function runEffect(
  ctx: AppContext,
  trx: Tx,
  order: FilingOrderTable,
  input: ApplyEventInput,
  effect: Effect,
  now: number,
) {
  const event = input.event;
  switch (effect.kind) {
    case "snapshot_revision": {
      const revision = order.revision + 1;
      await trx
        .insertInto("order_revision")
        .values({
          order_id: order.id,
          revision,
          data_enc: order.data_enc,
          submitted_at: now,
          submitted_by: input.actor.userId ?? input.actor.kind,
        })
        .execute();
      await trx.updateTable("filing_order").set({ revision }).where("id", "=", order.id).execute();
      // What was submitted is what the review's risk signals compare across accounts.
      await indexOrderContacts(ctx, trx, order.id, orderData(ctx, order));
      return;
    }
    case "service_codes":
      if (!ORDER_KIND_RULES[order.type].usesServiceCodes) return;
      return moveServiceCodes(trx, order.id, order.subject_id, orderData(ctx, order), effect.to, now);
    case "returned_fields": {
      const fields = effect.action === "set" && event.type === "return" ? JSON.stringify(event.fields) : null;
      await trx
        .updateTable("filing_order")
        .set({ returned_fields: fields })
        .where("id", "=", order.id)
        .execute();
      return;
    }
    case "submit_to_regulator": {
      // What MIIT will receive it as is decided now (a change's scope), bridge or not.
      const submission = await regulatorSubmission(ctx, trx, order, orderData(ctx, order));
      await trx
        .updateTable("filing_order")
        .set({ regulator_type: submission.orderType })
        .where("id", "=", order.id)
        .execute();
      // Without a configured regulator the order waits in the queue for one.
      if (ctx.regulatorBridge) await queueSubmission(ctx, trx, order, submission, now);
      return;
    }
    case "issue_records":
      if (event.type !== "bureau_approved") throw new Error("issue_records needs bureau_approved");
      return applyBureauApproval(ctx, trx, order, orderData(ctx, order), event.numbers, now);
    case "complete_records":
      if (order.type === "transfer") return moveFiling(trx, order, now);
      if (order.type === "claim") return completeClaim(ctx, trx, order, orderData(ctx, order), now);
      throw new AppError("ORDER_KIND_NOT_AVAILABLE", { type: order.type });
    case "expiry":
      if (effect.action === "reset") await resetExpiry(trx, order.id, now);
      else await clearExpiry(trx, order.id, now);
      return;
    case "handoff_done":
      return markHandoffLinksUsed(trx, order, effect.purpose, now);
    case "notify_applicant":
      return queueNotification(
        trx,
        {
          accountId: order.account_id,
          orderId: order.id,
          template: templateFor(effect.template, order),
          params: templateParams(order, event),
        },
        now,
      );
  }
}

/** A kind's own text for an event when it has one (a claim's approval finishes it; a transfer's goes to nobody). */
function templateFor(template: string, order: FilingOrderTable): string {
  const own = `${template}.${order.type}`;
  return own in TEMPLATES ? own : template;
}

function templateParams(order: FilingOrderTable, event: OrderEvent): TemplateParams {
  const params: TemplateParams = { orderNumber: order.number };
  if (order.type !== "first_filing") params.kind = ORDER_KIND_RULES[order.type].label;
  if (event.type === "return") params.reasons = event.fields.map((field) => field.reason);
  if (event.type === "reject") params.reasons = [event.reason];
  if (event.type === "bureau_rejected") params.reasons = event.reasons;
  if (event.type === "bureau_approved" && event.numbers) {
    params.subjectNumber = event.numbers.subjectNumber;
    if (event.numbers.appNumber) params.appNumber = event.numbers.appNumber;
    else params.websiteNumbers = Object.values(event.numbers.websiteNumbers);
  }
  return params;
}

/** What the audit keeps of an event: its payload, which holds no personal data. */
function auditDetail(event: OrderEvent): Record<string, unknown> {
  const { type: _type, ...payload } = event;
  return payload;
}
