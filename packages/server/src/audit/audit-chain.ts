import { createHash } from "node:crypto";
import type { Executor } from "../platform/db.ts";
import type { AuditLogTable } from "../platform/schema.ts";

/**
 * The audit log is a hash chain: every record carries the hash of the one before
 * it and its own hash over its content and that link. Records are numbered
 * gaplessly from the `audit_chain` counter row, whose lock (taken by the UPDATE)
 * is held until the writing transaction commits, so the chain follows commit
 * order and a rolled-back record leaves no gap. Changing a record breaks its own
 * hash; deleting one leaves a gap in the numbers; `beian audit verify` reports
 * the first of either. (The hash is plain SHA-256: someone who can rewrite the
 * whole table from the altered record onwards can forge it; an external anchor of
 * the latest hash is what would catch that.)
 */
export const AUDIT_CHAIN_COUNTER = "audit_chain";
/** The link before the first record. */
export const GENESIS_HASH = "0".repeat(64);

export type ChainedFields = Omit<AuditLogTable, "seq" | "prev_hash" | "hash">;

/** The record's hash: SHA-256 over the previous hash and the record's fields in a fixed order. */
export function auditHash(prevHash: string, seq: number, row: ChainedFields): string {
  const content = JSON.stringify([
    seq,
    row.id,
    Number(row.at),
    row.actor_kind,
    row.actor_user_id,
    row.account_id,
    row.entity,
    row.entity_id,
    row.action,
    row.from_state,
    row.to_state,
    row.version === null ? null : Number(row.version),
    row.detail,
  ]);
  return createHash("sha256").update(prevHash).update("\n").update(content).digest("hex");
}

/** The next number and the previous record's hash, inside the caller's transaction. */
export async function nextAuditLink(executor: Executor): Promise<{ seq: number; prevHash: string }> {
  const { value } = await executor
    .updateTable("counter")
    .set((eb) => ({ value: eb("value", "+", 1) }))
    .where("name", "=", AUDIT_CHAIN_COUNTER)
    .returning("value")
    .executeTakeFirstOrThrow();
  const seq = Number(value);
  if (seq === 1) return { seq, prevHash: GENESIS_HASH };
  const previous = await executor
    .selectFrom("audit_log")
    .select("hash")
    .where("seq", "=", seq - 1)
    .executeTakeFirst();
  // A missing predecessor was deleted: the chain goes on from a link that verify will report.
  return { seq, prevHash: previous?.hash ?? GENESIS_HASH };
}
