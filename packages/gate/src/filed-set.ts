import { fingerprint, fingerprint64, type Fingerprint } from "./fingerprint.ts";

/**
 * The set of domains filed through this provider. A host passes when it or one
 * of its parent domains is in the set (sub-domains of a filed domain are
 * covered, fact base §1.1).
 *
 * Millions of domains fit because only 64-bit fingerprints are kept: a sorted
 * BigUint64Array (8 bytes a domain, searched through a Uint32Array view of the
 * same buffer, so no BigInt per lookup) plus a small overlay of changes since
 * the last rebuild. Updates are visible at once; `compact()` folds the overlay
 * into a new table (O(n)), which `add`/`delete` do by themselves once the
 * overlay outgrows a fraction of the table.
 */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const HI = LITTLE_ENDIAN ? 1 : 0;
const LO = LITTLE_ENDIAN ? 0 : 1;

export class FiledDomainSet {
  private table: BigUint64Array;
  private words: Uint32Array;
  /** Changes since the last rebuild, by fingerprint key: true added, false deleted. */
  private readonly overlay = new Map<string, boolean>();
  private count: number;
  /** The high halves in the overlay, by count: most lookups miss it without building a string key. */
  private readonly overlayHi = new Map<number, number>();

  constructor(table: BigUint64Array = new BigUint64Array(0)) {
    this.table = table;
    this.words = new Uint32Array(table.buffer, table.byteOffset, table.length * 2);
    this.count = table.length;
  }

  /** Builds the table from a list of normalised domains in one pass and one native sort. */
  static fromDomains(domains: Iterable<string>): FiledDomainSet {
    const list = Array.isArray(domains) ? (domains as string[]) : [...domains];
    const table = new BigUint64Array(list.length);
    for (let index = 0; index < list.length; index++) table[index] = fingerprint64(list[index]!);
    table.sort();
    return new FiledDomainSet(dedupe(table));
  }

  /** A builder for loads that arrive page by page: fingerprints only, no list of names kept. */
  static builder(): FiledDomainSetBuilder {
    return new FiledDomainSetBuilder();
  }

  add(domain: string): void {
    const print = fingerprint(domain);
    if (this.has(print)) return;
    const key = keyOf(print);
    if (this.overlay.get(key) === false) this.forget(key, print.hi);
    else this.remember(key, print.hi, true);
    this.count += 1;
    this.compactWhenLarge();
  }

  delete(domain: string): void {
    const print = fingerprint(domain);
    if (!this.has(print)) return;
    const key = keyOf(print);
    if (this.overlay.get(key) === true) this.forget(key, print.hi);
    else this.remember(key, print.hi, false);
    this.count -= 1;
    this.compactWhenLarge();
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the table (the overlay is small and transient). */
  get tableBytes(): number {
    return this.table.byteLength;
  }

  has(print: Fingerprint): boolean {
    const changed = this.overlayHi.has(print.hi) ? this.overlay.get(keyOf(print)) : undefined;
    return changed ?? this.inTable(print);
  }

  /** The filed domain that covers `host`, or null. */
  coveringDomain(host: string): string | null {
    let candidate = host;
    for (;;) {
      if (this.has(fingerprint(candidate))) return candidate;
      const dot = candidate.indexOf(".");
      if (dot === -1) return null;
      candidate = candidate.slice(dot + 1);
    }
  }

  /** Folds the overlay into a new sorted table; lookups keep working on the old one meanwhile. */
  compact(): void {
    if (this.overlay.size === 0) return;
    const added: bigint[] = [];
    const deleted = new Set<bigint>();
    for (const [key, present] of this.overlay) {
      if (present) added.push(valueOf(key));
      else deleted.add(valueOf(key));
    }
    const next = new BigUint64Array(this.table.length - deleted.size + added.length);
    let length = 0;
    for (const value of this.table) if (!deleted.has(value)) next[length++] = value;
    for (const value of added) next[length++] = value;
    const table = next.subarray(0, length);
    table.sort();
    this.table = table;
    this.words = new Uint32Array(table.buffer, table.byteOffset, table.length * 2);
    this.overlay.clear();
    this.overlayHi.clear();
  }

  private remember(key: string, hi: number, present: boolean): void {
    this.overlay.set(key, present);
    this.overlayHi.set(hi, (this.overlayHi.get(hi) ?? 0) + 1);
  }

  private forget(key: string, hi: number): void {
    this.overlay.delete(key);
    const left = (this.overlayHi.get(hi) ?? 1) - 1;
    if (left === 0) this.overlayHi.delete(hi);
    else this.overlayHi.set(hi, left);
  }

  private compactWhenLarge(): void {
    if (this.overlay.size > Math.max(1024, this.table.length / 64)) this.compact();
  }

  private inTable({ hi, lo }: Fingerprint): boolean {
    const words = this.words;
    let low = 0;
    let high = this.table.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const wordHi = words[middle * 2 + HI]!;
      const wordLo = words[middle * 2 + LO]!;
      if (wordHi === hi && wordLo === lo) return true;
      if (wordHi < hi || (wordHi === hi && wordLo < lo)) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }
}

/** Collects fingerprints into a growing table; `build()` sorts it once. */
export class FiledDomainSetBuilder {
  private table = new BigUint64Array(1024);
  private length = 0;

  add(domain: string): void {
    if (this.length === this.table.length) {
      const grown = new BigUint64Array(this.table.length * 2);
      grown.set(this.table);
      this.table = grown;
    }
    this.table[this.length++] = fingerprint64(domain);
  }

  build(): FiledDomainSet {
    // A copy of exactly the used length, so the spare capacity is not kept alive.
    const table = this.table.slice(0, this.length);
    this.table = new BigUint64Array(0);
    table.sort();
    return new FiledDomainSet(dedupe(table));
  }
}

/** The overlay's key, "hi:lo": cheap to build on every lookup; compact() turns it back into 64 bits. */
function keyOf({ hi, lo }: Fingerprint): string {
  return `${hi}:${lo}`;
}

function valueOf(key: string): bigint {
  const [hi = "0", lo = "0"] = key.split(":");
  return (BigInt(hi) << 32n) | BigInt(lo);
}

function dedupe(sorted: BigUint64Array): BigUint64Array {
  let length = 0;
  for (let index = 0; index < sorted.length; index++) {
    if (index === 0 || sorted[index] !== sorted[index - 1]) sorted[length++] = sorted[index]!;
  }
  return sorted.subarray(0, length);
}
