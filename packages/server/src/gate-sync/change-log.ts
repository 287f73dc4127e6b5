import type { OrderKind, OrderState } from "@openbeian/core";
import { sql } from "kysely";
import type { Engine, Tx } from "../platform/db.ts";
import { gateStatus, liveWebsites, orderDomains } from "./gate-status.ts";

/** The PostgreSQL channel gates LISTEN on; the payload is the schema, so tenants can tell theirs apart. */
export const GATE_CHANNEL = "beian_gate";

/**
 * Writes the gate status of each domain an order names, after a transition and
 * inside its transaction: the gate sees an approval exactly when it commits. The
 * sequence numbers come from the `gate_change` counter row; its lock, taken last
 * and held to commit, keeps sequence order equal to commit order, so a gate that
 * follows the log never skips a change committed late. On PostgreSQL a NOTIFY,
 * delivered at commit, wakes the gates at once; SQLite gates poll.
 */
export async function recordGateChanges(
  trx: Tx,
  engine: Engine,
  order: { domains: string; subject_id?: string | null; type?: OrderKind },
  nextState: OrderState,
  now: number,
): Promise<void> {
  const named = orderDomains(order.domains);
  // An order on a filing can end websites it no longer names (a change removes a domain, a cancellation).
  const ofSubject = order.subject_id
    ? (
        await trx.selectFrom("website").select("domain").where("subject_id", "=", order.subject_id).execute()
      ).map((row) => row.domain)
    : [];
  const domains = [...new Set([...named, ...ofSubject])];
  if (domains.length === 0) return;
  const websites = await trx
    .selectFrom("website")
    .select(["domain", "status"])
    .where("domain", "in", domains)
    .execute();
  const byDomain = liveWebsites(websites);
  const { value: last } = await trx
    .updateTable("counter")
    .set((eb) => ({ value: eb("value", "+", domains.length) }))
    .where("name", "=", "gate_change")
    .returning("value")
    .executeTakeFirstOrThrow();
  const first = Number(last) - domains.length + 1;
  await trx
    .insertInto("gate_change")
    .values(
      domains.map((domain, index) => ({
        seq: first + index,
        domain,
        ...gateStatus(byDomain.get(domain), nextState, order.type ?? null),
        at: now,
      })),
    )
    .execute();
  if (engine === "postgres") await sql`select pg_notify(${GATE_CHANNEL}, current_schema())`.execute(trx);
}
