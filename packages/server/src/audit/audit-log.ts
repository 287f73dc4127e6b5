import type { Executor } from "../platform/db.ts";
import { newId } from "../platform/ids.ts";
import { auditHash, nextAuditLink } from "./audit-chain.ts";

/** One audit record; written in the same transaction as the change it describes. */
export interface AuditEntry {
  at: number;
  actorKind: string;
  actorUserId: string | null;
  accountId: string | null;
  entity: string;
  entityId: string;
  action: string;
  fromState?: string | null;
  toState?: string | null;
  version?: number | null;
  /** Never personal data: ids, field paths, reasons. */
  detail?: Record<string, unknown>;
}

export async function writeAudit(executor: Executor, entry: AuditEntry): Promise<void> {
  const row = {
    id: newId(),
    at: entry.at,
    actor_kind: entry.actorKind,
    actor_user_id: entry.actorUserId,
    account_id: entry.accountId,
    entity: entry.entity,
    entity_id: entry.entityId,
    action: entry.action,
    from_state: entry.fromState ?? null,
    to_state: entry.toState ?? null,
    version: entry.version ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
  };
  // Chained last: the counter's lock is held until commit (see audit-chain.ts).
  const { seq, prevHash } = await nextAuditLink(executor);
  await executor
    .insertInto("audit_log")
    .values({ ...row, seq, prev_hash: prevHash, hash: auditHash(prevHash, seq, row) })
    .execute();
}
