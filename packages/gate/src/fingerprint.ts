/**
 * A 64-bit fingerprint of a normalised host name, as two 32-bit halves
 * (FNV-1a and a multiply-xorshift hash with a different basis), so lookups
 * need no BigInt. For 5 million domains the chance that any unfiled name
 * shares a filed one's fingerprint is about n²/2⁶⁵ ≈ 7·10⁻⁷: a table of
 * fingerprints is exact enough to decide, at 8 bytes a domain.
 */
export interface Fingerprint {
  hi: number;
  lo: number;
}

export function fingerprint(host: string): Fingerprint {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let index = 0; index < host.length; index++) {
    const code = host.charCodeAt(index);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x85ebca6b);
    b ^= b >>> 13;
  }
  // Final avalanche so that near-identical names land far apart.
  b = Math.imul(b ^ (b >>> 16), 0xc2b2ae35);
  b ^= b >>> 16;
  a ^= a >>> 15;
  return { hi: a >>> 0, lo: b >>> 0 };
}

/** The fingerprint as one unsigned 64-bit number, for sorting with the typed array's native sort. */
export function fingerprint64(host: string): bigint {
  const { hi, lo } = fingerprint(host);
  return (BigInt(hi) << 32n) | BigInt(lo);
}
