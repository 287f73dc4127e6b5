import { AppError } from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import type { Executor } from "../platform/db.ts";
import type { RegulatorRecordTable } from "../platform/schema.ts";
import { PROVIDER_AT_REGULATOR, type RegulatorRecord } from "../regulator-bridge/port.ts";

/**
 * MIIT's records of domains (备案查询) as this platform last read them through
 * the regulator bridge. Asked when an order needs it (新增接入); stored so the
 * pre-check and every page after it read the answer without a network call.
 */
export async function refreshRegulatorRecord(
  ctx: AppContext,
  domain: string,
): Promise<RegulatorRecord | null> {
  if (!ctx.regulatorBridge)
    throw new AppError("REGULATOR_UNAVAILABLE", { reason: "no regulator configured" });
  let record: RegulatorRecord | null;
  try {
    record = await ctx.regulatorBridge.lookup(domain);
  } catch (error) {
    ctx.logger.warn({ err: error, domain }, "regulator lookup failed");
    throw new AppError("REGULATOR_UNAVAILABLE");
  }
  const now = ctx.clock.now().getTime();
  if (!record) {
    await ctx.db.deleteFrom("regulator_record").where("domain", "=", domain).execute();
    return null;
  }
  const row = {
    status: record.status,
    website_number: record.websiteNumber,
    website_name: record.name,
    subject_number: record.subjectNumber,
    subject_name: record.subjectName,
    providers: JSON.stringify(record.providers),
    checked_at: now,
  };
  await ctx.db
    .insertInto("regulator_record")
    .values({ domain, ...row })
    .onConflict((conflict) => conflict.column("domain").doUpdateSet(row))
    .execute();
  return record;
}

/** The stored records of these domains that show a live filing at MIIT. */
export async function filedRecords(
  executor: Executor,
  domains: readonly string[],
): Promise<RegulatorRecordTable[]> {
  if (domains.length === 0) return [];
  return executor
    .selectFrom("regulator_record")
    .selectAll()
    .where("domain", "in", [...domains])
    .where("status", "=", "filed")
    .execute();
}

/** The stored records of these domains that show a live filing through another provider. */
export async function filedElsewhere(
  executor: Executor,
  domains: readonly string[],
): Promise<Map<string, RegulatorRecordTable>> {
  const rows = await filedRecords(executor, domains);
  return new Map(rows.filter((row) => !isRowHostedHere(row)).map((row) => [row.domain, row]));
}

/** Whether this platform is among the record's access providers. */
export function isHostedHere(record: Pick<RegulatorRecord, "providers">): boolean {
  return record.providers.includes(PROVIDER_AT_REGULATOR);
}

/** isHostedHere for a stored record (its providers kept as JSON). */
export function isRowHostedHere(row: Pick<RegulatorRecordTable, "providers">): boolean {
  return isHostedHere({ providers: JSON.parse(row.providers) as string[] });
}
