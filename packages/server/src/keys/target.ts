import type { AppContext } from "../platform/context.ts";
import type { Executor } from "../platform/db.ts";
import type { Row, TableWalk } from "./batches.ts";
import type { Tally } from "./tally.ts";

/** One kind of data that depends on the data key, walked row by row. */
export interface KeyTarget {
  /** Its name in reports (the table, or "material files"). */
  name: string;
  walk: TableWalk;
  /** The sealed text columns it covers (for the completeness check); none for files. */
  sealedColumns: readonly string[];
  /** Rows per batch as a fraction of the pass's (files are read whole, so fewer at once). */
  batchShare?: number;
  /** Looks at one row: counts into `pass.tally` and, when `pass.write`, rewrites what is stale. */
  visit(pass: KeyPass, executor: Executor, row: Row): Promise<void>;
}

export interface KeyPass {
  ctx: AppContext;
  /** Rotating (rewrite what is stale) or verifying (only count, and open every current value). */
  write: boolean;
  tally: Tally;
}
