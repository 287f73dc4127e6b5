import { verifyAuditChain } from "../audit/verify-chain.ts";
import type { Config } from "../platform/config.ts";
import { migrateToLatest, openDatabase } from "../platform/db.ts";

export const AUDIT_USAGE = `beian audit verify [--data-dir <dir>] [--json]

Checks the audit log's hash chain on the platform's database (the one beian start uses:
--data-dir, DATABASE_URL) and reports the first altered or deleted record.
Exit status: 0 the chain is whole, 1 it is broken, 2 usage error.
--json prints {"ok", "records", "lastSeq", "firstProblem": {"seq", "kind": "altered"|"deleted", "id", "at"} | null}.`;

export async function runAuditCommand(config: Config, args: string[], json: boolean): Promise<number> {
  if (args[0] !== "verify") {
    console.error(AUDIT_USAGE);
    return 2;
  }
  const handle = openDatabase({ url: config.databaseUrl });
  try {
    await migrateToLatest(handle.db);
    const report = await verifyAuditChain(handle.db);
    if (json) console.log(JSON.stringify(report));
    else if (report.ok) console.log(`审计链完整 / audit chain intact: ${report.records} records`);
    else {
      const problem = report.firstProblem!;
      const what =
        problem.kind === "deleted"
          ? `记录已被删除 / record deleted: #${problem.seq}`
          : `记录已被篡改 / record altered: #${problem.seq} (id ${problem.id}, ${problem.at})`;
      console.log(`审计链已断开 / audit chain broken after ${report.records} good records — ${what}`);
    }
    return report.ok ? 0 : 1;
  } finally {
    await handle.close();
  }
}
