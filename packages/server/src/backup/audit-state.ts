import { sql } from "kysely";
import { verifyAuditChain } from "../audit/verify-chain.ts";
import type { Executor } from "../platform/db.ts";
import type { CatalogueTable } from "./catalogue.ts";
import type { AuditChainState } from "./manifest.ts";

/**
 * The audit chain as an executor sees it (inside a backup's snapshot: the counter and
 * the records of one instant) with its newest hash, which a restore must reproduce.
 * Null for a schema from before the chain.
 */
export async function auditChainState(
  executor: Executor,
  catalogue: readonly CatalogueTable[],
): Promise<AuditChainState | null> {
  const log = catalogue.find((table) => table.name === "audit_log");
  if (!log?.columns.includes("hash") || !catalogue.some((table) => table.name === "counter")) return null;
  const { ok, records, lastSeq } = await verifyAuditChain(executor);
  const { rows } = await sql<{ hash: string | null }>`
    select hash from audit_log where seq is not null order by seq desc limit 1`.execute(executor);
  return { ok, records, lastSeq, lastHash: rows[0]?.hash ?? null };
}
