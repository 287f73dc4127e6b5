import type { Kysely } from "kysely";
import { AUDIT_CHAIN_COUNTER, GENESIS_HASH, auditHash, type ChainedFields } from "../../audit/audit-chain.ts";

/**
 * Issue 11: the tamper-evident audit log. Each record gets its number in the chain,
 * the previous record's hash and its own (audit/audit-chain.ts). Records written
 * before this migration are chained in id order (ids sort by creation), in pages.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("audit_log").addColumn("seq", "bigint").execute();
  await db.schema.alterTable("audit_log").addColumn("prev_hash", "text").execute();
  await db.schema.alterTable("audit_log").addColumn("hash", "text").execute();
  let seq = 0;
  let prevHash = GENESIS_HASH;
  let after = "";
  for (;;) {
    const rows = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("id", ">", after)
      .orderBy("id")
      .limit(1000)
      .execute();
    for (const row of rows) {
      seq++;
      const hash = auditHash(prevHash, seq, row as ChainedFields);
      await db
        .updateTable("audit_log")
        .set({ seq, prev_hash: prevHash, hash })
        .where("id", "=", row.id)
        .execute();
      prevHash = hash;
      after = row.id as string;
    }
    if (rows.length < 1000) break;
  }
  await db.schema.createIndex("audit_log_seq").on("audit_log").column("seq").unique().execute();
  await db.insertInto("counter").values({ name: AUDIT_CHAIN_COUNTER, value: seq }).execute();
}
