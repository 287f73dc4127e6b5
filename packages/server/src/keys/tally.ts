/**
 * What one pass over the data found, per kind of data and in total. The same
 * counts serve `beian keys rotate` (what it rewrote) and `beian keys verify`
 * (what a rotation would still have to rewrite).
 */
export interface Tally {
  /** Rows (or files' rows) looked at. */
  rows: number;
  /** Sealed values, stored files and blind indexes looked at. */
  values: number;
  /** Of those, not under the current key: rewritten by a rotation, reported by a verification. */
  stale: number;
  /** Sealed values or files no configured key opens (a key missing from the configuration, damage). */
  unreadable: number;
  /** Files a row names that are not in storage. */
  missing: number;
  /** Blind index rows whose plaintext no record holds any more: left as they are. */
  unmatched: number;
}

export const emptyTally = (): Tally => ({
  rows: 0,
  values: 0,
  stale: 0,
  unreadable: 0,
  missing: 0,
  unmatched: 0,
});

export function addTally(into: Tally, from: Tally): void {
  for (const key of Object.keys(into) as (keyof Tally)[]) into[key] += from[key];
}
