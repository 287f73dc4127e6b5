import {
  AppError,
  EDITABLE_STATES,
  ORDER_KIND_RULES,
  changedPaths,
  isPathWithin,
  type OrderData,
  type OrderKind,
} from "@openbeian/core";
import { writeAudit } from "../audit/audit-log.ts";
import type { Viewer } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import { isUniqueViolation, type Executor, type Tx } from "../platform/db.ts";
import { newId } from "../platform/ids.ts";
import { applyEventInTx } from "./apply-event.ts";
import { resetExpiry } from "./expiry.ts";
import { loadOrder, orderData, orderState, returnedFields, summaryColumns } from "./order-rows.ts";
import { beforeStart, orderStart, type OrderStartInput } from "./order-start.ts";
import { precheckOrder } from "./precheck-context.ts";
import { syncServiceCodeBindings } from "./service-codes.ts";
import { checkTransferTarget, tellReceiver } from "./transfer.ts";
import { queueOrderWebhook } from "../webhooks/domain-events.ts";

/** Applicant use cases of an order of any kind: create, edit, submit, withdraw, abandon. */

export async function createOrder(ctx: AppContext, viewer: Viewer, input: OrderStartInput) {
  const now = ctx.clock.now().getTime();
  await refuseSecondActiveOrder(ctx.db, viewer.accountId, input.type);
  const record = await beforeStart(ctx, input);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      await refuseSecondActiveOrder(trx, viewer.accountId, input.type);
      const start = await orderStart(ctx, trx, viewer.accountId, input, record);
      const data = start.data;
      const id = newId();
      await trx
        .insertInto("filing_order")
        .values({
          id,
          number: await nextOrderNumber(trx, ctx.clock.now()),
          account_id: viewer.accountId,
          type: input.type,
          state: "draft",
          version: 1,
          ...summaryColumns(data),
          data_enc: ctx.cipher.encryptJson(data),
          returned_fields: null,
          active_account_id: viewer.accountId,
          revision: 0,
          expires_at: null,
          submitted_at: null,
          created_at: now,
          updated_at: now,
          subject_id: start.subjectId,
          target_website_id: start.targetWebsiteId,
          subject_hash: subjectHash(ctx, data),
          counterparty_account_id: start.counterpartyAccountId ?? null,
        })
        .execute();
      if (ORDER_KIND_RULES[input.type].usesServiceCodes)
        await syncServiceCodeBindings(trx, viewer.accountId, id, start.subjectId, data, now);
      await resetExpiry(trx, id, now);
      await writeAudit(trx, {
        at: now,
        actorKind: "applicant",
        actorUserId: viewer.userId,
        accountId: viewer.accountId,
        entity: "order",
        entityId: id,
        action: "create",
        toState: "draft",
        version: 1,
        detail: { type: input.type },
      });
      const created = await loadOrder(trx, id);
      await queueOrderWebhook(trx, created, "create", "", "draft", now);
      return created;
    });
  } catch (error) {
    // Two creations racing: the unique index on active_account_id lets one through.
    if (isUniqueViolation(error)) await refuseSecondActiveOrder(ctx.db, viewer.accountId, input.type);
    throw error;
  }
}

export async function updateOrderData(
  ctx: AppContext,
  viewer: Viewer,
  orderId: string,
  version: number,
  data: OrderData,
) {
  const now = ctx.clock.now().getTime();
  return ctx.db.transaction().execute(async (trx) => {
    const order = await loadOrder(trx, orderId, { accountId: viewer.accountId });
    if (order.version !== version) throw new AppError("VERSION_CONFLICT", { currentVersion: order.version });
    const state = orderState(order);
    if (!EDITABLE_STATES.has(state)) throw new AppError("TRANSITION_NOT_ALLOWED", { state, action: "edit" });
    // A cancellation or a transfer carries the filing as it stands: there is nothing to edit.
    if (order.type.startsWith("cancel_") || order.type === "transfer") {
      throw new AppError("TRANSITION_NOT_ALLOWED", { state, action: "edit", type: order.type });
    }
    const changed = changedPaths(orderData(ctx, order), data);
    if (state === "returned") {
      const allowed = returnedFields(order).map((item) => item.field);
      const locked = changed.filter((path) => !allowed.some((field) => isPathWithin(path, field)));
      if (locked.length > 0) throw new AppError("FIELD_LOCKED", { fields: locked, allowed });
    }
    const result = await trx
      .updateTable("filing_order")
      .set({
        ...summaryColumns(data),
        data_enc: ctx.cipher.encryptJson(data),
        subject_hash: subjectHash(ctx, data),
        version: version + 1,
        updated_at: now,
      })
      .where("id", "=", orderId)
      .where("version", "=", version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError("VERSION_CONFLICT");
    if (ORDER_KIND_RULES[order.type].usesServiceCodes)
      await syncServiceCodeBindings(trx, viewer.accountId, orderId, order.subject_id, data, now);
    await resetExpiry(trx, orderId, now);
    await writeAudit(trx, {
      at: now,
      actorKind: "applicant",
      actorUserId: viewer.userId,
      accountId: viewer.accountId,
      entity: "order",
      entityId: orderId,
      action: "edit",
      fromState: state,
      toState: state,
      version: version + 1,
      detail: { fields: changed },
    });
    return loadOrder(trx, orderId);
  });
}

export interface SubmitInput {
  version: number;
  acknowledgeWarnings: boolean;
}

export async function submitOrder(ctx: AppContext, viewer: Viewer, orderId: string, input: SubmitInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const order = await loadOrder(trx, orderId, { accountId: viewer.accountId });
    await refuseSubjectInBureauReview(trx, order, subjectHashes(ctx, orderData(ctx, order)));
    const problems = await precheckOrder(ctx, trx, order, orderData(ctx, order));
    const errors = problems.filter((problem) => problem.severity === "error");
    const warnings = problems.filter((problem) => problem.severity === "warning");
    if (errors.length > 0 || (warnings.length > 0 && !input.acknowledgeWarnings)) {
      throw new AppError("SUBMIT_BLOCKED", { problems });
    }
    // The receiving account may have started a filing of its own since the transfer was drafted.
    const receiver =
      order.type === "transfer"
        ? await checkTransferTarget(trx, order.account_id, order.counterparty_account_id ?? undefined)
        : null;
    const submitted = await applyEventInTx(ctx, trx, {
      orderId,
      event: { type: "submit" },
      actor: { kind: "applicant", userId: viewer.userId },
      scope: { accountId: viewer.accountId },
      expectedVersion: input.version,
    });
    if (receiver) await tellReceiver(ctx, trx, submitted, receiver, "transfer.incoming");
    return submitted;
  });
}

export async function applicantEvent(
  ctx: AppContext,
  viewer: Viewer,
  orderId: string,
  type: "withdraw" | "abandon",
  version: number,
) {
  return ctx.db.transaction().execute((trx) =>
    applyEventInTx(ctx, trx, {
      orderId,
      event: { type },
      actor: { kind: "applicant", userId: viewer.userId },
      scope: { accountId: viewer.accountId },
      expectedVersion: version,
    }),
  );
}

/**
 * One order in progress per account (fact base §1.3), named in the error; a change
 * and an add order exclude each other with their own message ("do the change first").
 */
async function refuseSecondActiveOrder(
  executor: Executor,
  accountId: string,
  type: OrderKind,
): Promise<void> {
  const active = await executor
    .selectFrom("filing_order")
    .select(["id", "number", "state", "type"])
    .where("active_account_id", "=", accountId)
    .executeTakeFirst();
  if (!active) return;
  const details = { orderId: active.id, number: active.number, state: active.state, type: active.type };
  const adds = new Set<OrderKind>(["add_website", "add_access"]);
  if (active.type === "change" && adds.has(type)) throw new AppError("CHANGE_IN_PROGRESS", details);
  if (adds.has(active.type) && type === "change") throw new AppError("ADD_IN_PROGRESS", details);
  throw new AppError("ACTIVE_ORDER_EXISTS", details);
}

/** States in which MIIT holds an order (or is about to): one order per subject there at a time (fact base §1.3). */
const AT_REGULATOR = ["queued_for_bureau", "sms_pending", "bureau_review", "regulator_returned"];

/**
 * The blocking order is named when it is the applicant's own; another account's
 * order (the same person filed twice) is only described, never identified.
 */
async function refuseSubjectInBureauReview(
  executor: Executor,
  order: { id: string; account_id: string },
  hashes: string[],
) {
  if (hashes.length === 0) return;
  const other = await executor
    .selectFrom("filing_order")
    .select(["id", "account_id", "number", "state", "type"])
    .where("subject_hash", "in", hashes)
    .where("id", "!=", order.id)
    .where("state", "in", AT_REGULATOR)
    .executeTakeFirst();
  if (!other) return;
  throw new AppError(
    "SUBJECT_IN_BUREAU_REVIEW",
    other.account_id === order.account_id
      ? { orderId: other.id, number: other.number, state: other.state, type: other.type }
      : { state: other.state, type: other.type, otherAccount: true },
  );
}

/** The blind index of the subject's certificate: the same subject across orders and accounts. */
export function subjectHash(ctx: AppContext, data: OrderData): string | null {
  const certificate = data.subject?.certificateNumber?.trim().toUpperCase();
  return certificate ? ctx.cipher.blindIndex(certificate) : null;
}

/** …under every key of the ring, for lookups: during a key rotation some orders still carry a previous key's. */
function subjectHashes(ctx: AppContext, data: OrderData): string[] {
  const certificate = data.subject?.certificateNumber?.trim().toUpperCase();
  return certificate ? ctx.cipher.blindIndexes(certificate) : [];
}

/** Order numbers like OB20261128000042: the date, then a platform-wide sequence. */
async function nextOrderNumber(trx: Tx, now: Date): Promise<string> {
  await trx
    .insertInto("counter")
    .values({ name: "order_number", value: 0 })
    .onConflict((c) => c.column("name").doNothing())
    .execute();
  const row = await trx
    .updateTable("counter")
    .set((eb) => ({ value: eb("value", "+", 1) }))
    .where("name", "=", "order_number")
    .returning("value")
    .executeTakeFirstOrThrow();
  const date = now.toISOString().slice(0, 10).replaceAll("-", "");
  return `OB${date}${String(row.value).padStart(6, "0")}`;
}
