import { AppError, STATE_LABELS, maskContact } from "@openbeian/core";
import { writeAudit } from "../audit/audit-log.ts";
import type { Viewer } from "../identity/viewer.ts";
import { queueNotification } from "../notify/outbox.ts";
import type { AppContext } from "../platform/context.ts";
import type { Executor, Tx } from "../platform/db.ts";
import type { FilingOrderTable } from "../platform/schema.ts";
import { queueTransferWebhook } from "../webhooks/domain-events.ts";
import { applyEventInTx } from "./apply-event.ts";
import { orderState } from "./order-rows.ts";

/**
 * 转移备案 (fact base §1.2): the same subject's filing moves from one account to
 * another. No provider or bureau review: MIIT's records do not change, only which
 * account here holds them. The receiving account must hold no subject and have no
 * order in progress (checked when the transfer is made and again on acceptance),
 * and proves it is the same subject by the last 6 characters of its certificate
 * number, as MIIT's own verification page asks.
 */

/** How a transfer order starts: the filing as it stands, and the account it goes to. */
export async function checkTransferTarget(
  executor: Executor,
  fromAccountId: string,
  toAccountId: string | undefined,
): Promise<string> {
  if (!toAccountId || toAccountId === fromAccountId) throw new AppError("TRANSFER_TARGET_INVALID", {});
  const account = await executor
    .selectFrom("account")
    .select("id")
    .where("id", "=", toAccountId)
    // The provider's own (staff) accounts hold no filings.
    .where("kind", "=", "customer")
    .executeTakeFirst();
  if (!account) throw new AppError("TRANSFER_TARGET_INVALID", {});
  await refuseBusyTarget(executor, toAccountId);
  return toAccountId;
}

/** The receiving account holds no filed subject and has no order in progress. */
async function refuseBusyTarget(executor: Executor, accountId: string) {
  const subject = await executor
    .selectFrom("subject")
    .select("id")
    .where("account_id", "=", accountId)
    .where("status", "=", "filed")
    .executeTakeFirst();
  if (subject) throw new AppError("TRANSFER_TARGET_HAS_FILING", {});
  const active = await executor
    .selectFrom("filing_order")
    .select("id")
    .where("active_account_id", "=", accountId)
    .executeTakeFirst();
  if (active) throw new AppError("TRANSFER_TARGET_BUSY", {});
}

/** Transfers waiting for this account to accept them: only what the receiver needs to decide. */
export async function incomingTransfers(ctx: AppContext, viewer: Viewer) {
  const rows = await ctx.db
    .selectFrom("filing_order")
    .select((eb) => [
      "filing_order.id",
      "filing_order.number",
      "filing_order.state",
      "filing_order.subject_name",
      "filing_order.domains",
      "filing_order.submitted_at",
      "filing_order.expires_at",
      // The sending account's first user, however many it has.
      eb
        .selectFrom("app_user")
        .select("app_user.email")
        .whereRef("app_user.account_id", "=", "filing_order.account_id")
        .orderBy("app_user.created_at")
        .orderBy("app_user.id")
        .limit(1)
        .as("email"),
    ])
    .where("filing_order.counterparty_account_id", "=", viewer.accountId)
    .where("filing_order.type", "=", "transfer")
    .where("filing_order.state", "=", "awaiting_acceptance")
    .orderBy("filing_order.id", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    state: row.state,
    stateLabel: STATE_LABELS.awaiting_acceptance,
    subjectName: row.subject_name,
    domains: row.domains ? row.domains.split(",") : [],
    from: maskContact("email", row.email ?? ""),
    sentAt: row.submitted_at === null ? null : new Date(row.submitted_at).toISOString(),
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at).toISOString(),
  }));
}

/** A transfer sent to this account; any other order is "not found" to it. */
async function loadIncoming(trx: Tx, viewer: Viewer, orderId: string): Promise<FilingOrderTable> {
  const order = await trx
    .selectFrom("filing_order")
    .selectAll()
    .where("id", "=", orderId)
    .where("type", "=", "transfer")
    .where("counterparty_account_id", "=", viewer.accountId)
    .executeTakeFirst();
  if (!order) throw new AppError("NOT_FOUND");
  return order;
}

export async function acceptTransfer(
  ctx: AppContext,
  viewer: Viewer,
  orderId: string,
  certificateTail: string,
): Promise<FilingOrderTable> {
  return ctx.db.transaction().execute(async (trx) => {
    const order = await loadIncoming(trx, viewer, orderId);
    if (orderState(order) !== "awaiting_acceptance")
      throw new AppError("TRANSITION_NOT_ALLOWED", { state: order.state, event: "accept_transfer" });
    const certificate = await subjectCertificate(ctx, trx, order);
    if (certificate.slice(-6) !== certificateTail.trim().toUpperCase())
      throw new AppError("TRANSFER_PROOF_MISMATCH", {});
    await refuseBusyTarget(trx, viewer.accountId);
    const accepted = await applyEventInTx(ctx, trx, {
      orderId,
      event: { type: "accept_transfer" },
      actor: { kind: "recipient", userId: viewer.userId },
    });
    await tellReceiver(ctx, trx, order, viewer.accountId, "transfer.received");
    return accepted;
  });
}

export async function declineTransfer(
  ctx: AppContext,
  viewer: Viewer,
  orderId: string,
  reason: string | undefined,
): Promise<FilingOrderTable> {
  return ctx.db.transaction().execute(async (trx) => {
    await loadIncoming(trx, viewer, orderId);
    return applyEventInTx(ctx, trx, {
      orderId,
      event: { type: "decline_transfer", ...(reason ? { reason } : {}) },
      actor: { kind: "recipient", userId: viewer.userId },
    });
  });
}

/** The receiving account is told when a transfer arrives and when it has taken it. */
export async function tellReceiver(
  ctx: AppContext,
  trx: Tx,
  order: FilingOrderTable,
  accountId: string,
  template: "transfer.incoming" | "transfer.received",
) {
  const now = ctx.clock.now().getTime();
  await queueNotification(
    trx,
    { accountId, orderId: null, template, params: { orderNumber: order.number } },
    now,
  );
  // The receiving account's own endpoints hear of it too (the sender's get the order's events).
  await queueTransferWebhook(trx, accountId, order, template, now);
}

async function subjectCertificate(ctx: AppContext, trx: Tx, order: FilingOrderTable): Promise<string> {
  const subject = order.subject_id
    ? await trx
        .selectFrom("subject")
        .select("certificate_enc")
        .where("id", "=", order.subject_id)
        .executeTakeFirst()
    : undefined;
  if (!subject) throw new AppError("NO_FILED_SUBJECT", { type: "transfer" });
  return ctx.cipher.decrypt(subject.certificate_enc).toUpperCase();
}

/**
 * The accepted transfer's effect on the records: the subject and everything filed
 * under it (websites, apps, the watch's findings and footer checks) now belong to
 * the receiving account. Numbers, the gate and MIIT's records are untouched.
 */
export async function moveFiling(trx: Tx, order: FilingOrderTable, now: number): Promise<void> {
  const to = order.counterparty_account_id;
  const subjectId = order.subject_id;
  if (!to || !subjectId)
    throw new AppError("VALIDATION_FAILED", { field: "counterparty_account_id", problem: "required" });
  await trx
    .updateTable("subject")
    .set({ account_id: to, updated_at: now })
    .where("id", "=", subjectId)
    .execute();
  const websites = await trx.selectFrom("website").select("id").where("subject_id", "=", subjectId).execute();
  const websiteIds = websites.map((website) => website.id);
  await trx.updateTable("website").set({ account_id: to }).where("subject_id", "=", subjectId).execute();
  await trx.updateTable("app_record").set({ account_id: to }).where("subject_id", "=", subjectId).execute();
  if (websiteIds.length > 0) {
    await trx
      .updateTable("watch_finding")
      .set({ account_id: to })
      .where("website_id", "in", websiteIds)
      .execute();
    await trx
      .updateTable("footer_check")
      .set({ account_id: to })
      .where("website_id", "in", websiteIds)
      .execute();
  }
  await writeAudit(trx, {
    at: now,
    actorKind: "recipient",
    actorUserId: null,
    accountId: to,
    entity: "subject",
    entityId: subjectId,
    action: "transfer_in",
    detail: { orderId: order.id, orderNumber: order.number, websites: websiteIds.length },
  });
}
