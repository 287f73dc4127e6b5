import type { AppContext } from "../platform/context.ts";
import { allCurrent, runKeyPass, type KeyPassOptions, type KeyPassReport } from "./key-pass.ts";
import type { Tally } from "./tally.ts";

/**
 * `beian keys rotate`: rewrites everything under the current key, then verifies
 * the result with a second, read-only pass (which also catches values a process
 * still configured with the old key wrote meanwhile). Only after a whole rotation
 * whose verification is clean may the previous keys leave the configuration.
 */
export interface RotationReport {
  ok: boolean;
  complete: boolean;
  keyId: string;
  previousKeyIds: readonly string[];
  rotated: { totals: Tally; targets: Record<string, Tally> };
  /** Null when the rotation stopped early (maxBatches) or could not open everything. */
  verified: { totals: Tally; targets: Record<string, Tally> } | null;
}

export async function rotateKeys(
  ctx: AppContext,
  options: Omit<KeyPassOptions, "write"> = {},
): Promise<RotationReport> {
  const rotated = await runKeyPass(ctx, { ...options, write: true });
  const verification =
    rotated.complete && rotated.totals.unreadable === 0
      ? await runKeyPass(ctx, { write: false, batchSize: options.batchSize })
      : null;
  return {
    ok: verification !== null && allCurrent(verification),
    complete: rotated.complete,
    keyId: rotated.keyId,
    previousKeyIds: rotated.previousKeyIds,
    rotated: pick(rotated),
    verified: verification && pick(verification),
  };
}

export async function verifyKeys(ctx: AppContext, options: { batchSize?: number } = {}) {
  const report = await runKeyPass(ctx, { write: false, batchSize: options.batchSize });
  return { ok: allCurrent(report), ...report };
}

const pick = (report: KeyPassReport) => ({ totals: report.totals, targets: report.targets });
