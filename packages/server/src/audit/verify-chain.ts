import type { Executor } from "../platform/db.ts";
import { AUDIT_CHAIN_COUNTER, GENESIS_HASH, auditHash } from "./audit-chain.ts";

/** What `beian audit verify` reports: the chain is whole, or where it first breaks. */
export interface AuditChainReport {
  ok: boolean;
  /** Records read. */
  records: number;
  /** The last number handed out (the counter): records after the last one read were deleted. */
  lastSeq: number;
  firstProblem: AuditChainProblem | null;
}

export interface AuditChainProblem {
  seq: number;
  /** altered: its content or its link no longer hashes to what it carries; deleted: the number is missing. */
  kind: "altered" | "deleted";
  /** The record's id (null when deleted). */
  id: string | null;
  at: string | null;
}

const PAGE = 1000;

/** Reads the chain in order, page by page (constant memory), and stops at the first break. */
export async function verifyAuditChain(executor: Executor): Promise<AuditChainReport> {
  const counter = await executor
    .selectFrom("counter")
    .select("value")
    .where("name", "=", AUDIT_CHAIN_COUNTER)
    .executeTakeFirst();
  const lastSeq = Number(counter?.value ?? 0);
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let records = 0;
  const report = (problem: AuditChainProblem | null): AuditChainReport => ({
    ok: problem === null,
    records,
    lastSeq,
    firstProblem: problem,
  });
  for (;;) {
    const rows = await executor
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", ">=", expected)
      .orderBy("seq")
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expected) return report({ seq: expected, kind: "deleted", id: null, at: null });
      const { seq: _seq, prev_hash: link, hash, ...fields } = row;
      if (link !== prevHash || auditHash(link, seq, fields) !== hash)
        return report({ seq, kind: "altered", id: row.id, at: new Date(Number(row.at)).toISOString() });
      records++;
      prevHash = hash;
      expected = seq + 1;
    }
    if (rows.length < PAGE) break;
  }
  // The newest records were deleted: the counter handed out numbers that are gone.
  if (expected <= lastSeq) return report({ seq: expected, kind: "deleted", id: null, at: null });
  return report(null);
}
