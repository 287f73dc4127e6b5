import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Webhook signatures, in the manner of Stripe's: `X-OpenBeian-Signature:
 * t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Signing the
 * timestamp with the body lets a receiver refuse replays of old deliveries.
 */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString("base64url")}`;

export function signatureHeader(secret: string, timestamp: number, body: string): string {
  const digest = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${digest}`;
}

/**
 * What a receiver does (also the reference for the README): take `t` and every
 * `v1` from the header, recompute over the raw body, compare in constant time,
 * and refuse timestamps more than `toleranceSeconds` away from its own clock.
 */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = header.split(",").map((part) => part.split("=", 2) as [string, string | undefined]);
  const timestamp = Number(parts.find(([name]) => name === "t")?.[1]);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureHeader(secret, timestamp, body).split("v1=")[1]!, "hex");
  return parts.some(([name, value]) => {
    if (name !== "v1" || !value || !/^[0-9a-f]{64}$/.test(value)) return false;
    return timingSafeEqual(Buffer.from(value, "hex"), expected);
  });
}
