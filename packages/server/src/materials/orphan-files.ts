import { DAY_MS } from "@openbeian/core";
import { sql } from "kysely";
import { STORAGE_REFERENCES } from "../backup/storage-references.ts";
import type { AppContext } from "../platform/context.ts";
import { dailyJob } from "../platform/daily-job.ts";
import type { JobLease } from "../platform/jobs.ts";
import type { StoredEntry } from "../platform/storage.ts";

/**
 * Files no row points at. An upload writes its (sealed) file before the transaction
 * that records it, so a crash, a failed commit or a failed delete after a replacement
 * leaves a file behind that nothing will ever read; an overwrite cut short (key
 * rotation) leaves a temporary file. They hold personal data, sealed, and they count
 * against the disk. The sweep removes them, once they are older than `graceMs` (default
 * a day): a file that young may belong to an upload whose transaction has not committed
 * yet. Keys are random and only an upload makes one, so a file past the grace period
 * that no row names cannot come to be named later. Only what the storage itself wrote
 * is looked at (storage.ts list()); rows are checked in batches, so the sweep holds
 * neither the whole key list nor a transaction.
 */
export interface OrphanSweepOptions {
  graceMs?: number;
  /** Count, remove nothing. */
  dryRun?: boolean;
  /** Keys looked up in one query (default 500). */
  batchSize?: number;
  /** After each batch (the worker extends its job's lease). */
  onBatch?: () => Promise<void>;
}

export interface OrphanSweepReport {
  /** Objects and temporary files in the storage. */
  scanned: number;
  referenced: number;
  /** Unreferenced or temporary, but younger than the grace period: left alone. */
  young: number;
  /** Unreferenced objects and temporary files past the grace period (removed unless a dry run). */
  orphans: number;
  orphanBytes: number;
  removed: number;
  dryRun: boolean;
}

export const ORPHAN_GRACE_MS = DAY_MS;

/** The sweep runs once a day as a job (platform/daily-job.ts), at 04:00 China time, after the filing watch. */
export const ORPHAN_SWEEP = dailyJob("storage.orphan_sweep", 20);

/** The daily job's work (its external step), extending the job's lease after each batch. */
export async function orphanSweepStep(ctx: AppContext, lease?: JobLease): Promise<void> {
  await sweepOrphanFiles(ctx, lease ? { onBatch: () => lease.extend() } : {});
}

export async function sweepOrphanFiles(
  ctx: AppContext,
  options: OrphanSweepOptions = {},
): Promise<OrphanSweepReport> {
  const graceMs = options.graceMs ?? ORPHAN_GRACE_MS;
  const batchSize = options.batchSize ?? 500;
  const dryRun = options.dryRun ?? false;
  // The clock is injected (tests run days ahead); file times are the file system's.
  const cutoff = ctx.clock.now().getTime() - graceMs;
  const report: OrphanSweepReport = {
    scanned: 0,
    referenced: 0,
    young: 0,
    orphans: 0,
    orphanBytes: 0,
    removed: 0,
    dryRun,
  };
  const remove = async (entry: StoredEntry) => {
    report.orphans++;
    report.orphanBytes += entry.sizeBytes;
    if (dryRun) return;
    if (entry.temporary) await ctx.storage.deleteTemporary(entry.name);
    else await ctx.storage.delete(entry.name);
    report.removed++;
  };
  let batch: StoredEntry[] = [];
  const settle = async () => {
    const named = await referencedKeys(
      ctx,
      batch.map((entry) => entry.name),
    );
    for (const entry of batch) {
      if (named.has(entry.name)) report.referenced++;
      else if (entry.modifiedAt > cutoff) report.young++;
      else await remove(entry);
    }
    batch = [];
    await options.onBatch?.();
  };
  for await (const entry of ctx.storage.list()) {
    report.scanned++;
    if (entry.temporary) {
      if (entry.modifiedAt > cutoff) report.young++;
      else await remove(entry);
      continue;
    }
    batch.push(entry);
    if (batch.length >= batchSize) await settle();
  }
  if (batch.length > 0) await settle();
  if (report.removed > 0 || report.orphans > 0)
    ctx.logger.info({ orphanFiles: report }, "unreferenced material files swept");
  return report;
}

/** Which of `keys` a row names, in any column that holds stored files' keys. */
async function referencedKeys(ctx: AppContext, keys: readonly string[]): Promise<Set<string>> {
  const named = new Set<string>();
  for (const { table, column } of STORAGE_REFERENCES) {
    const { rows } = await sql<{ key: string }>`
      select ${sql.ref(column)} as key from ${sql.table(table)}
      where ${sql.ref(column)} in (${sql.join(keys)})`.execute(ctx.db);
    for (const row of rows) named.add(row.key);
  }
  return named;
}
