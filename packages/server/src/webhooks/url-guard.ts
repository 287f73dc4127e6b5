import { BlockList, isIP } from "node:net";
import { AppError } from "@openbeian/core";

/**
 * Webhooks make the platform send requests to addresses its users choose, so
 * they must not reach into the provider's own network (SSRF): loopback, private,
 * link-local (cloud metadata at 169.254.169.254), shared, multicast and reserved
 * ranges are refused unless BEIAN_WEBHOOK_ALLOW_PRIVATE=true. The URL is checked
 * when saved; every resolved address is checked again when connecting
 * (http-post.ts), so a name that later resolves inward is refused too.
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(network, prefix, "ipv6");

/** True for an address a webhook may not reach (IPv4-mapped IPv6 judged as the IPv4 it carries). */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return blocked.check(mapped[1]!, "ipv4");
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, "ipv4");
  if (family === 6) return blocked.check(bare, "ipv6");
  return true;
}

const LOCAL_NAMES = /(^|\.)(localhost|localdomain|internal|local)$/i;

/** The URL as it will be stored, or WEBHOOK_URL_INVALID / WEBHOOK_URL_PRIVATE. */
export function checkWebhookUrl(value: string, allowPrivate: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError("WEBHOOK_URL_INVALID");
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname) {
    throw new AppError("WEBHOOK_URL_INVALID");
  }
  if (!allowPrivate) {
    const host = url.hostname.replace(/\.$/, "");
    const literal = isIP(host.replace(/^\[|\]$/g, "")) !== 0;
    if ((literal && isPrivateAddress(host)) || (!literal && LOCAL_NAMES.test(host))) {
      throw new AppError("WEBHOOK_URL_PRIVATE");
    }
  }
  url.hash = "";
  return url.toString();
}
