import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

/**
 * Field encryption for personal data at rest (certificate numbers, phone
 * numbers, the order data blob): AES-256-GCM with a fresh IV per value, keys
 * derived from one master key from configuration. `blindIndex` gives an equality
 * lookup (one subject per certificate) without storing the plaintext.
 * `encryptBytes` seals uploaded files (ID photos, scans) with a key of its own.
 */
const VERSION = "v1";
/** Sealed bytes: version byte, 12-byte IV, 16-byte tag, ciphertext. */
const BYTES_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class FieldCipher {
  private readonly encryptionKey: Buffer;
  private readonly indexKey: Buffer;
  private readonly fileKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error("the data key must be 32 bytes");
    this.encryptionKey = Buffer.from(hkdfSync("sha256", masterKey, "", "openbeian field encryption", 32));
    this.indexKey = Buffer.from(hkdfSync("sha256", masterKey, "", "openbeian blind index", 32));
    this.fileKey = Buffer.from(hkdfSync("sha256", masterKey, "", "openbeian file encryption", 32));
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, iv.toString("base64url"), tag.toString("base64url"), body.toString("base64url")].join(
      ":",
    );
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, body] = sealed.split(":");
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error("not an encrypted value");
    const decipher = createDecipheriv("aes-256-gcm", this.encryptionKey, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  }

  encryptJson(value: unknown): string {
    return this.encrypt(JSON.stringify(value));
  }

  decryptJson<T>(sealed: string): T {
    return JSON.parse(this.decrypt(sealed)) as T;
  }

  /**
   * Seals a file's bytes. `context` (e.g. the material id and variant) is bound as
   * associated data, so sealed bytes moved to another row fail to open.
   */
  encryptBytes(plaintext: Uint8Array, context = ""): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.fileKey, iv);
    cipher.setAAD(Buffer.from(context, "utf8"));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([Buffer.from([BYTES_VERSION]), iv, cipher.getAuthTag(), body]);
  }

  decryptBytes(sealed: Uint8Array, context = ""): Buffer {
    const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (bytes.length < 1 + IV_BYTES + TAG_BYTES || bytes[0] !== BYTES_VERSION) {
      throw new Error("not encrypted bytes");
    }
    const decipher = createDecipheriv("aes-256-gcm", this.fileKey, bytes.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(bytes.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
  }

  blindIndex(value: string): string {
    return createHmac("sha256", this.indexKey).update(value.trim().toUpperCase()).digest("hex");
  }
}

export function generateDataKey(): string {
  return randomBytes(32).toString("base64");
}

/** 330106********123X → "330***********123X": keeps the region and the last four. */
export function maskCertificate(value: string): string {
  if (value.length <= 7) return "*".repeat(value.length);
  return value.slice(0, 3) + "*".repeat(value.length - 7) + value.slice(-4);
}
