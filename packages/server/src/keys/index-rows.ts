import type { FieldCipher } from "../platform/crypto.ts";
import type { Tally } from "./tally.ts";

/**
 * Blind index rows (a filed subject's mobiles, a submitted order's contacts) hold
 * HMACs only, so a rotation recomputes them from the plaintexts the records still
 * hold: each stored row is matched against the candidates' indexes under every
 * key of the ring. A row under the current key stays; a row under a previous key
 * is replaced by the current key's; a row no candidate explains is left alone and
 * counted (its plaintext is gone from the records, so no key can be proved).
 */
export interface IndexRow {
  hash: string;
  kind: string;
}

export interface Candidate {
  kind: string;
  value: string;
}

export interface Replacement {
  from: string;
  to: string;
  kind: string;
}

export function matchIndexRows(
  cipher: FieldCipher,
  stored: readonly IndexRow[],
  candidates: readonly Candidate[],
  tally: Tally,
): Replacement[] {
  /** `kind:hash` under any key → the current key's hash for that plaintext. */
  const current = new Map<string, string>();
  for (const candidate of candidates) {
    const [now, ...before] = cipher.blindIndexes(candidate.value);
    for (const hash of [now!, ...before]) current.set(`${candidate.kind}:${hash}`, now!);
  }
  const replacements: Replacement[] = [];
  for (const row of stored) {
    tally.values++;
    const wanted = current.get(`${row.kind}:${row.hash}`);
    if (wanted === undefined) tally.unmatched++;
    else if (wanted !== row.hash) {
      tally.stale++;
      replacements.push({ from: row.hash, to: wanted, kind: row.kind });
    }
  }
  return replacements;
}

/** A derived blind index column (one per row, from the row's own sealed data). */
export function checkIndexColumn(stored: unknown, wanted: string | null, tally: Tally): boolean {
  if (typeof stored !== "string" || wanted === null) return false;
  tally.values++;
  if (stored === wanted) return false;
  tally.stale++;
  return true;
}
