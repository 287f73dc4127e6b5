import type { AppContext } from "../platform/context.ts";
import { walkTable } from "./batches.ts";
import { fileTarget } from "./file-target.ts";
import { jobTarget } from "./job-target.ts";
import { orderTarget } from "./order-target.ts";
import { plainTargets } from "./plain-targets.ts";
import { subjectTarget } from "./subject-target.ts";
import { addTally, emptyTally, type Tally } from "./tally.ts";
import type { KeyTarget } from "./target.ts";

/**
 * One pass over everything that depends on the data key: every sealed column,
 * every blind index, every stored file. Rotating, it rewrites what is not under
 * the current key; verifying, it only counts, and opens every value that claims
 * the current key. A pass is idempotent (a second rotation rewrites nothing)
 * and safe to interrupt (each batch commits on its own; the next pass finds
 * the rest).
 */
export const KEY_TARGETS: readonly KeyTarget[] = [
  ...plainTargets,
  subjectTarget,
  orderTarget,
  jobTarget,
  fileTarget,
];

export const DEFAULT_BATCH_SIZE = 200;

export interface KeyPassOptions {
  write: boolean;
  /** Rows per batch (default 200; files a tenth of it). */
  batchSize?: number;
  /** Stop after this many batches (a slice of the work now, the rest on the next run). */
  maxBatches?: number;
  /** After each batch has committed. Throwing stops the pass there (what an interruption does). */
  onBatch?: (target: string, tally: Tally) => void | Promise<void>;
}

export interface KeyPassReport {
  /** Every target walked to its end (false: stopped by maxBatches). */
  complete: boolean;
  keyId: string;
  previousKeyIds: readonly string[];
  totals: Tally;
  targets: Record<string, Tally>;
}

export async function runKeyPass(ctx: AppContext, options: KeyPassOptions): Promise<KeyPassReport> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const targets: Record<string, Tally> = {};
  const totals = emptyTally();
  let batches = 0;
  let complete = true;
  for (const target of KEY_TARGETS) {
    const pass = { ctx, write: options.write, tally: emptyTally() };
    targets[target.name] = pass.tally;
    const finished = await walkTable(
      ctx,
      target.walk,
      {
        batchSize: Math.max(1, Math.round(batchSize * (target.batchShare ?? 1))),
        write: options.write,
        afterBatch: async () => {
          batches++;
          await options.onBatch?.(target.name, pass.tally);
          return options.maxBatches === undefined || batches < options.maxBatches;
        },
      },
      async (executor, rows) => {
        for (const row of rows) {
          pass.tally.rows++;
          await target.visit(pass, executor, row);
        }
      },
    );
    addTally(totals, pass.tally);
    if (!finished) {
      complete = false;
      break;
    }
  }
  return { complete, keyId: ctx.cipher.keyId, previousKeyIds: ctx.cipher.previousKeyIds, totals, targets };
}

/** Whether a verification found everything under the current key and readable. */
export const allCurrent = (report: KeyPassReport) =>
  report.complete && report.totals.stale === 0 && report.totals.unreadable === 0;
