import { EXPIRING_STATES, TRANSITIONS, isFinal, type OrderState } from "@openbeian/core";
import type { Db } from "../../src/platform/db.ts";
import { countBy, groupBy, inChunks, key } from "./row-tally.ts";

/**
 * No order is half-written: its versions 1…n each have exactly one audit record
 * and the last one names its state; every submission kept its revision; every
 * regulator event its message row; every transition its notification job and
 * (for accounts with an endpoint) its webhook delivery; its service codes follow
 * its state. With `deadlinesPending`, an order in a state that lapses holds its
 * 45-day deadline as a live timer job and no other order does.
 */
export async function checkOrders(db: Db, accountIds: string[], options: { deadlinesPending: boolean }) {
  const facts = await loadFacts(db, accountIds);
  const problems = facts.orders.flatMap((order) => [
    ...wholeOrder(order, facts),
    ...(options.deadlinesPending ? deadlineHeld(order, facts) : []),
  ]);
  return { problems, orders: facts.orders.length };
}

/** Audit actions that move an order's version: its creation, edits and every transition of the table. */
const VERSIONED = new Set(["create", "edit", ...Object.keys(TRANSITIONS)]);
const FROM_REGULATOR = new Set(
  Object.entries(TRANSITIONS)
    .filter(([, rule]) => rule.actor === "regulator")
    .map(([event]) => event),
);

interface OrderRow {
  id: string;
  account_id: string;
  number: string;
  state: string;
  version: number;
  revision: number;
  expires_at: number | null;
}

type Facts = Awaited<ReturnType<typeof loadFacts>>;

/** Everything the checks compare, for the orders of `accountIds`, in a few queries. */
async function loadFacts(db: Db, accountIds: string[]) {
  const orders: OrderRow[] = await inChunks(accountIds, (chunk) =>
    db
      .selectFrom("filing_order")
      .select(["id", "account_id", "number", "state", "version", "revision", "expires_at"])
      .where("account_id", "in", chunk)
      .execute(),
  );
  const ids = orders.map((order) => order.id);
  const ofOrders = <T>(query: (chunk: string[]) => Promise<T[]>) => inChunks(ids, query);
  const audits = await ofOrders((chunk) =>
    db
      .selectFrom("audit_log")
      .select(["entity_id", "action", "version", "to_state"])
      .where("entity", "=", "order")
      .where("entity_id", "in", chunk)
      .execute(),
  );
  const revisions = await ofOrders((chunk) =>
    db.selectFrom("order_revision").select("order_id").where("order_id", "in", chunk).execute(),
  );
  const messages = await ofOrders((chunk) =>
    db.selectFrom("regulator_message").select("order_id").where("order_id", "in", chunk).execute(),
  );
  const codes = await ofOrders((chunk) =>
    db
      .selectFrom("service_code")
      .select(["code", "state", "order_id"])
      .where("order_id", "in", chunk)
      .execute(),
  );
  const jobs = await db
    .selectFrom("job")
    .select(["kind", "payload", "dedupe_key", "run_at", "done_at"])
    .execute();
  const notifyPayloads = jobs
    .filter((job) => job.kind === "notify")
    .map((job) => JSON.parse(job.payload) as { orderId: string | null; template: string });
  const deliveries = await inChunks(accountIds, (chunk) =>
    db
      .selectFrom("webhook_delivery")
      .select(["event_type", "payload"])
      .where("account_id", "in", chunk)
      .execute(),
  );
  const endpoints = await inChunks(accountIds, (chunk) =>
    db.selectFrom("webhook_endpoint").select("account_id").where("account_id", "in", chunk).execute(),
  );
  return {
    orders,
    audits: groupBy(audits, (row) => row.entity_id),
    revisions: countBy(revisions, (row) => row.order_id),
    messages: countBy(messages, (row) => row.order_id),
    codes: groupBy(codes, (row) => row.order_id ?? ""),
    notifications: countBy(notifyPayloads, (payload) => key(payload.orderId, payload.template)),
    deliveries: countBy(
      deliveries.filter((row) => row.event_type.startsWith("order.")),
      (row) => key((JSON.parse(row.payload) as { data: { orderId: string } }).data.orderId, row.event_type),
    ),
    withEndpoints: new Set(endpoints.map((row) => row.account_id)),
    timers: new Map(
      jobs.filter((job) => job.dedupe_key?.startsWith("order.expire:")).map((job) => [job.dedupe_key!, job]),
    ),
  };
}

function wholeOrder(order: OrderRow, facts: Facts): string[] {
  const problems: string[] = [];
  const own = facts.audits.get(order.id) ?? [];
  const versioned = own
    .filter((row) => VERSIONED.has(row.action))
    .sort((a, b) => Number(a.version) - Number(b.version));
  const versions = versioned.map((row) => Number(row.version)).join(",");
  if (versions !== Array.from({ length: order.version }, (_, index) => index + 1).join(","))
    problems.push(`${order.number}: audit versions [${versions}], the order is at v${order.version}`);
  const last = versioned.at(-1);
  if (last && last.to_state !== order.state)
    problems.push(`${order.number}: ${order.state}, but its last audit record says ${last.to_state}`);

  const submits = own.filter((row) => row.action === "submit").length;
  const revisions = facts.revisions.get(order.id) ?? 0;
  if (submits !== order.revision || revisions !== submits)
    problems.push(
      `${order.number}: ${submits} submissions, revision ${order.revision}, ${revisions} revision rows`,
    );
  const applied = own.filter((row) => FROM_REGULATOR.has(row.action)).length;
  const recorded = facts.messages.get(order.id) ?? 0;
  if (applied !== recorded)
    problems.push(`${order.number}: ${applied} regulator events applied, ${recorded} messages recorded`);

  for (const [action, count] of countBy(versioned, (row) => row.action)) {
    // Creating and editing an order tell nobody; every transition tells the applicant.
    const queued = facts.notifications.get(key(order.id, `order.${action}`)) ?? 0;
    if (action !== "create" && action !== "edit" && queued !== count)
      problems.push(`${order.number}: ${count}× ${action}, ${queued} notifications queued`);
    const delivered = facts.deliveries.get(key(order.id, `order.${action}`)) ?? 0;
    if (action !== "edit" && facts.withEndpoints.has(order.account_id) && delivered !== count)
      problems.push(`${order.number}: ${count}× ${action}, ${delivered} webhook deliveries`);
  }

  for (const code of facts.codes.get(order.id) ?? []) {
    const held = code.state === "bound" || code.state === "in_filing";
    const released = isFinal(order.state as OrderState) && held;
    if (released || (code.state === "used") !== (order.state === "approved"))
      problems.push(`${order.number} (${order.state}): service code ${code.code} is ${code.state}`);
  }
  return problems;
}

/** An order that would lapse holds its deadline as a live timer at `expires_at`; no other order holds one. */
function deadlineHeld(order: OrderRow, facts: Facts): string[] {
  const timer = facts.timers.get(`order.expire:${order.id}`);
  if (EXPIRING_STATES.has(order.state as OrderState)) {
    const live =
      order.expires_at !== null &&
      timer &&
      timer.done_at === null &&
      Number(timer.run_at) === Number(order.expires_at);
    return live ? [] : [`${order.number} (${order.state}): its 45-day deadline is not a live timer`];
  }
  if (order.expires_at !== null || (timer && timer.done_at === null))
    return [`${order.number} (${order.state}): a deadline is still pending`];
  return [];
}
