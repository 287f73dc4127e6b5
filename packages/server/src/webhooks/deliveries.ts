import { AppError } from "@openbeian/core";
import { writeAudit } from "../audit/audit-log.ts";
import { STAFF_ROLES, actorKindOf, type Viewer } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import type { WebhookDeliveryStatus, WebhookDeliveryTable } from "../platform/agency-schema.ts";
import { newId } from "../platform/ids.ts";
import { attemptDelivery } from "./deliver.ts";
import { findEndpoint } from "./endpoints.ts";
import { enqueueAttempt, insertDeliveries } from "./queue-event.ts";

/**
 * The delivery log: an account's own (by endpoint) and, for the provider's staff,
 * every account's. A redelivery is a new delivery of the same event (same event
 * id and body) with its own attempts, so the log keeps what happened to each.
 */
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function presentDelivery(row: WebhookDeliveryTable & { url?: string | null }) {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    accountId: row.account_id,
    url: row.url ?? null,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: iso(row.next_attempt_at),
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    redeliveryOf: row.redelivery_of,
    createdAt: new Date(row.created_at).toISOString(),
    deliveredAt: iso(row.delivered_at),
    payload: JSON.parse(row.payload) as unknown,
  };
}

export interface DeliveryFilter {
  id?: string;
  endpointId?: string;
  accountId?: string;
  status?: WebhookDeliveryStatus;
  limit?: number;
}

export async function listDeliveries(ctx: AppContext, filter: DeliveryFilter) {
  let query = ctx.db
    .selectFrom("webhook_delivery")
    .leftJoin("webhook_endpoint", "webhook_endpoint.id", "webhook_delivery.endpoint_id")
    .selectAll("webhook_delivery")
    .select("webhook_endpoint.url");
  if (filter.id) query = query.where("webhook_delivery.id", "=", filter.id);
  if (filter.endpointId) query = query.where("webhook_delivery.endpoint_id", "=", filter.endpointId);
  if (filter.accountId) query = query.where("webhook_delivery.account_id", "=", filter.accountId);
  if (filter.status) query = query.where("webhook_delivery.status", "=", filter.status);
  return query
    .orderBy("webhook_delivery.id", "desc")
    .limit(filter.limit ?? 50)
    .execute();
}

export async function endpointDeliveries(
  ctx: AppContext,
  viewer: Viewer,
  endpointId: string,
  filter: Omit<DeliveryFilter, "endpointId" | "accountId">,
) {
  await findEndpoint(ctx, viewer, endpointId);
  return listDeliveries(ctx, { ...filter, endpointId, accountId: viewer.accountId });
}

/** The account's own delivery, or any for staff; "not found" otherwise. */
export async function redeliver(ctx: AppContext, viewer: Viewer, deliveryId: string) {
  const staff = STAFF_ROLES.has(viewer.role);
  let query = ctx.db.selectFrom("webhook_delivery").selectAll().where("id", "=", deliveryId);
  if (!staff) query = query.where("account_id", "=", viewer.accountId);
  const original = await query.executeTakeFirst();
  if (!original) throw new AppError("NOT_FOUND");
  const now = ctx.clock.now().getTime();
  const row: WebhookDeliveryTable = {
    ...original,
    id: newId(),
    attempts: 0,
    next_attempt_at: now,
    status: "pending",
    last_status_code: null,
    last_error: null,
    redelivery_of: original.id,
    created_at: now,
    delivered_at: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto("webhook_delivery").values(row).execute();
    await enqueueAttempt(trx, row.id, now, now);
    await writeAudit(trx, {
      at: now,
      actorKind: actorKindOf(viewer),
      actorUserId: viewer.userId,
      accountId: original.account_id,
      entity: "webhook_delivery",
      entityId: row.id,
      action: "redeliver",
      detail: { redeliveryOf: original.id, eventId: original.event_id, eventType: original.event_type },
    });
  });
  return row;
}

/** `ping`: queued for this endpoint only and sent at once, so the answer tells whether it works. */
export async function pingEndpoint(ctx: AppContext, viewer: Viewer, endpointId: string) {
  const endpoint = await findEndpoint(ctx, viewer, endpointId);
  const now = ctx.clock.now().getTime();
  // Whatever the endpoint's event filter or whether it is active.
  const [deliveryId] = await insertDeliveries(
    ctx.db,
    viewer.accountId,
    [endpoint.id],
    { type: "ping", data: { endpointId: endpoint.id } },
    now,
  );
  await attemptDelivery(ctx, { deliveryId: deliveryId! });
  const [row] = await listDeliveries(ctx, { id: deliveryId! });
  return row!;
}
