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
export function eventMatches(patterns: readonly string[], type: string): boolean {
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
  /** A test ping goes to this endpoint only, whatever its filter; it is sent at once, not by the worker. */
  onlyEndpointId?: string,
): Promise<string[]> {
  let query = executor
    .selectFrom("webhook_endpoint")
    .select(["id", "events"])
    .where("account_id", "=", accountId);
  query = onlyEndpointId ? query.where("id", "=", onlyEndpointId) : query.where("active", "=", 1);
  const endpoints = (await query.execute()).filter(
    (endpoint) => onlyEndpointId || eventMatches(JSON.parse(endpoint.events) as string[], event.type),
  );
  if (endpoints.length === 0) return [];
  const eventId = `evt_${newId()}`;
  const payload = JSON.stringify({
    id: eventId,
    type: event.type,
    createdAt: new Date(now).toISOString(),
    data: event.data,
  });
  const ids: string[] = [];
  for (const endpoint of endpoints) {
    const id = newId();
    await executor
      .insertInto("webhook_delivery")
      .values({
        id,
        endpoint_id: endpoint.id,
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
      })
      .execute();
    if (!onlyEndpointId) await enqueueAttempt(executor, id, now, now);
    ids.push(id);
  }
  return ids;
}

/** One job per attempt (the delivery row keeps the schedule; deliver.ts). */
export function enqueueAttempt(executor: Executor, deliveryId: string, runAt: number, now: number) {
  const payload: WebhookJobPayload = { deliveryId };
  return enqueue(executor, { kind: WEBHOOK_JOB, payload, runAt, maxAttempts: 5 }, now);
}
