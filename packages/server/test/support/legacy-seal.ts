import { createCipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Values exactly as the platform sealed them before keys had ids ("v1", bytes
 * starting 0x01), written here with the original algorithm: the data of an
 * installation from before key rotation, which must keep opening and must rotate.
 */
const derive = (masterKey: Buffer, info: string) => Buffer.from(hkdfSync("sha256", masterKey, "", info, 32));

export function legacySeal(masterKey: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derive(masterKey, "openbeian field encryption"), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), body]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(":");
}

export function legacySealBytes(masterKey: Buffer, plaintext: Uint8Array, context: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", derive(masterKey, "openbeian file encryption"), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), body]);
}
