import type { FieldCipher } from "../platform/crypto.ts";
import type { Executor } from "../platform/db.ts";
import type { AnyDb, Row } from "./batches.ts";
import type { Tally } from "./tally.ts";

/**
 * One sealed value against the keyring: left alone when under the current key
 * (a verification also opens it, to prove it does), else opened with whichever
 * configured key it names and sealed again with the current one.
 */
export type Outcome = { kind: "current" } | { kind: "stale"; resealed: string } | { kind: "unreadable" };

export function examineSealed(cipher: FieldCipher, value: string, write: boolean, tally: Tally): Outcome {
  tally.values++;
  try {
    if (cipher.isCurrent(value)) {
      if (!write) cipher.decrypt(value);
      return { kind: "current" };
    }
    const resealed = cipher.reseal(value);
    tally.stale++;
    return { kind: "stale", resealed };
  } catch {
    tally.unreadable++;
    return { kind: "unreadable" };
  }
}

/** Where one row is: its primary key's columns and values. */
export function rowKey(keys: readonly string[], row: Row): Row {
  return Object.fromEntries(keys.map((key) => [key, row[key]]));
}

/**
 * Writes changed columns of one row, only where each still holds the value read:
 * a concurrent writer (which seals with the current key anyway) wins.
 */
export async function updateRow(
  executor: Executor,
  table: string,
  key: Row,
  changes: Row,
  previous: Row,
): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  let query = (executor as unknown as AnyDb).updateTable(table).set(changes);
  for (const [column, value] of Object.entries(key)) query = query.where(column, "=", value);
  for (const column of Object.keys(changes)) {
    const old = previous[column];
    query = old === null ? query.where(column, "is", null) : query.where(column, "=", old);
  }
  await query.execute();
}

/** Reseals the sealed text columns of a row; returns the changes (not yet written) and the plaintexts read. */
export function resealColumns(
  cipher: FieldCipher,
  row: Row,
  columns: readonly string[],
  write: boolean,
  tally: Tally,
): Row {
  const changes: Row = {};
  for (const column of columns) {
    const value = row[column];
    // Null, or text never sealed (an idempotent answer stored before answers were sealed).
    if (typeof value !== "string" || !cipher.isSealed(value)) continue;
    const outcome = examineSealed(cipher, value, write, tally);
    if (outcome.kind === "stale") changes[column] = outcome.resealed;
  }
  return changes;
}

/** Opens a sealed value with any key of the ring; null when none does (counted elsewhere). */
export function openOrNull(cipher: FieldCipher, value: unknown): string | null {
  if (typeof value !== "string" || !cipher.isSealed(value)) return null;
  try {
    return cipher.decrypt(value);
  } catch {
    return null;
  }
}
