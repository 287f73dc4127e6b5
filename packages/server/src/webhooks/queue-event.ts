import type { WebhookDeliveryTable } from "../platform/agency-schema.ts";
import type { Executor } from "../platform/db.ts";
import { newId } from "../platform/ids.ts";
import { enqueue } from "../platform/jobs.ts";

/**
 * Queues an event for the account's webhook endpoints in the caller's
 * transaction, like every other outgoing message: the delivery rows and their
 * jobs commit with the change they describe, or not at all. An account without
 * endpoints costs one indexed query.
 */
export const WEBHOOK_JOB = "webhook.deliver";

export interface WebhookJobPayload {
  deliveryId: string;
}

export interface WebhookEvent {
  type: string;
  /** Ids, numbers, states and dates only: never personal data. */
  data: Record<string, unknown>;
}

/** `*`, an exact type, or a family (`order.*`). */
function eventMatches(patterns: readonly string[], type: string): boolean {
  return patterns.some(
    (pattern) =>
      pattern === "*" ||
      pattern === type ||
      (pattern.endsWith(".*") && type.startsWith(pattern.slice(0, -1))),
  );
}

export async function queueWebhookEvent(
  executor: Executor,
  accountId: string,
  event: WebhookEvent,
  now: number,
): Promise<string[]> {
  const endpoints = await executor
    .selectFrom("webhook_endpoint")
    .select(["id", "events"])
    .where("account_id", "=", accountId)
    .where("active", "=", 1)
    .execute();
  const wanted = endpoints.filter((endpoint) =>
    eventMatches(JSON.parse(endpoint.events) as string[], event.type),
  );
  const ids = await insertDeliveries(
    executor,
    accountId,
    wanted.map((endpoint) => endpoint.id),
    event,
    now,
  );
  for (const id of ids) await enqueueAttempt(executor, id, now, now);
  return ids;
}

/**
 * One event (one event id and body) as a pending delivery to each endpoint, in
 * one insert. Queued for the worker by the caller, or sent at once (a test ping).
 */
export async function insertDeliveries(
  executor: Executor,
  accountId: string,
  endpointIds: readonly string[],
  event: WebhookEvent,
  now: number,
): Promise<string[]> {
  if (endpointIds.length === 0) return [];
  const eventId = `evt_${newId()}`;
  const payload = JSON.stringify({
    id: eventId,
    type: event.type,
    createdAt: new Date(now).toISOString(),
    data: event.data,
  });
  const rows = endpointIds.map((endpointId): WebhookDeliveryTable => ({
    id: newId(),
    endpoint_id: endpointId,
    account_id: accountId,
    event_id: eventId,
    event_type: event.type,
    payload,
    attempts: 0,
    next_attempt_at: now,
    status: "pending",
    last_status_code: null,
    last_error: null,
    redelivery_of: null,
    created_at: now,
    delivered_at: null,
  }));
  await executor.insertInto("webhook_delivery").values(rows).execute();
  return rows.map((row) => row.id);
}

/** One job per attempt (the delivery row keeps the schedule; deliver.ts). */
export function enqueueAttempt(executor: Executor, deliveryId: string, runAt: number, now: number) {
  const payload: WebhookJobPayload = { deliveryId };
  return enqueue(executor, { kind: WEBHOOK_JOB, payload, runAt, maxAttempts: 5 }, now);
}
