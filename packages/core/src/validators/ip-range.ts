/**
 * IPv4 address ranges in CIDR notation (47.96.0.0/11), for the provider's own
 * address space: a filed domain that resolves inside it still points at the
 * provider even when the address is not one of its registered servers (a load
 * balancer, a CDN edge of the same provider). Pure.
 */
export interface Ipv4Range {
  /** The network address as an unsigned 32-bit number. */
  network: number;
  bits: number;
  /** As written, normalised (47.96.0.0/11). */
  text: string;
}

/** The address as an unsigned 32-bit number, or null when it is not a dotted IPv4 address. */
export function ipv4ToNumber(address: string): number | null {
  const parts = address.trim().split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = value * 256 + Number(part);
  }
  return value;
}

/** "47.96.0.0/11" (or a bare address, a /32) as a range; null when malformed. */
export function parseIpv4Range(input: string): Ipv4Range | null {
  const [address, prefix, ...rest] = input.trim().split("/");
  if (rest.length > 0 || address === undefined) return null;
  const value = ipv4ToNumber(address);
  if (value === null) return null;
  const bits = prefix === undefined ? 32 : /^\d{1,2}$/.test(prefix) ? Number(prefix) : NaN;
  if (!(bits >= 0 && bits <= 32)) return null;
  const network = bits === 0 ? 0 : (value & maskOf(bits)) >>> 0;
  return { network, bits, text: `${numberToIpv4(network)}/${bits}` };
}

export function ipv4InRanges(address: string, ranges: readonly Ipv4Range[]): boolean {
  const value = ipv4ToNumber(address);
  if (value === null) return false;
  return ranges.some((range) => range.bits === 0 || (value & maskOf(range.bits)) >>> 0 === range.network);
}

function maskOf(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join(".");
}
