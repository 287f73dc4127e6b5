import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

/**
 * Field encryption for personal data at rest (certificate numbers, phone
 * numbers, the order data blob): AES-256-GCM with a fresh IV per value, keys
 * derived from one master key from configuration. `blindIndex` gives an equality
 * lookup (one subject per certificate) without storing the plaintext.
 * `encryptBytes` seals uploaded files (ID photos, scans) with a key of its own.
 *
 * Key rotation: the cipher holds a keyring, the current master key (every new
 * value) and the previous ones (still read, until `beian keys rotate` has moved
 * everything to the current key). Each value names the key it was sealed with:
 *
 *   text   "v2:<key id>:<iv>:<tag>:<body>"  (base64url parts)
 *   bytes  0x02, 4-byte key id, 12-byte IV, 16-byte tag, body
 *
 * The key id is derived from the master key (8 hex digits), so configuration
 * lists keys only. Values written before key ids ("v1:<iv>:<tag>:<body>", bytes
 * starting 0x01) name no key: they open with whichever key of the ring fits
 * (GCM's tag tells), and a rotation rewrites them in the current form.
 */
const TEXT_LEGACY = "v1";
const TEXT_KEYED = "v2";
const BYTES_LEGACY = 1;
const BYTES_KEYED = 2;
const KEY_ID_BYTES = 4;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Where a sealed value stands against the keyring. */
export type SealState = "current" | "previous" | "legacy" | "unknown-key" | "not-sealed";

interface DataKey {
  id: string;
  encryptionKey: Buffer;
  indexKey: Buffer;
  fileKey: Buffer;
}

const derive = (masterKey: Buffer, info: string) => Buffer.from(hkdfSync("sha256", masterKey, "", info, 32));

/** The id a master key's values carry: 8 hex digits derived from the key, never the key itself. */
export function dataKeyId(masterKey: Buffer): string {
  return derive(masterKey, "openbeian key id").subarray(0, KEY_ID_BYTES).toString("hex");
}

function dataKey(masterKey: Buffer): DataKey {
  if (masterKey.length !== 32) throw new Error("the data key must be 32 bytes");
  return {
    id: dataKeyId(masterKey),
    encryptionKey: derive(masterKey, "openbeian field encryption"),
    indexKey: derive(masterKey, "openbeian blind index"),
    fileKey: derive(masterKey, "openbeian file encryption"),
  };
}

export class FieldCipher {
  /** The current key's id: every value written now carries it. */
  readonly keyId: string;
  /** The previous keys' ids, in the order configured. */
  readonly previousKeyIds: readonly string[];
  private readonly current: DataKey;
  /** The current key first, then the previous ones. */
  private readonly ring: readonly DataKey[];
  private readonly byId: ReadonlyMap<string, DataKey>;

  constructor(masterKey: Buffer, previousKeys: readonly Buffer[] = []) {
    this.current = dataKey(masterKey);
    const byId = new Map<string, DataKey>([[this.current.id, this.current]]);
    for (const previous of previousKeys) {
      const key = dataKey(previous);
      const known = byId.get(key.id);
      // The same key listed twice (or the current one again) is harmless; two keys with one id are not.
      if (known && !known.encryptionKey.equals(key.encryptionKey))
        throw new Error("two data keys share an id");
      if (!known) byId.set(key.id, key);
    }
    this.byId = byId;
    this.ring = [...byId.values()];
    this.keyId = this.current.id;
    this.previousKeyIds = this.ring.slice(1).map((key) => key.id);
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.current.encryptionKey, iv);
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return [
      TEXT_KEYED,
      this.current.id,
      ...[iv, cipher.getAuthTag(), body].map((part) => part.toString("base64url")),
    ].join(":");
  }

  decrypt(sealed: string): string {
    const parsed = parseText(sealed);
    if (!parsed) throw new Error("not an encrypted value");
    const keys = this.keysFor(parsed.keyId);
    for (const key of keys) {
      const opened = openText(key, parsed);
      if (opened !== null) return opened;
    }
    throw new Error(
      keys.length === 0
        ? `encrypted with an unknown data key (${parsed.keyId})`
        : "the value does not open with the data key",
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
    const cipher = createCipheriv("aes-256-gcm", this.current.fileKey, iv);
    cipher.setAAD(Buffer.from(context, "utf8"));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const header = Buffer.concat([Buffer.from([BYTES_KEYED]), Buffer.from(this.current.id, "hex")]);
    return Buffer.concat([header, iv, cipher.getAuthTag(), body]);
  }

  decryptBytes(sealed: Uint8Array, context = ""): Buffer {
    const parsed = parseBytes(sealed);
    if (!parsed) throw new Error("not encrypted bytes");
    const keys = this.keysFor(parsed.keyId);
    for (const key of keys) {
      const opened = openBytes(key, parsed, context);
      if (opened !== null) return opened;
    }
    throw new Error(
      keys.length === 0
        ? `encrypted with an unknown data key (${parsed.keyId})`
        : "the bytes do not open with the data key",
    );
  }

  /** The blind index under the current key: what is stored. */
  blindIndex(value: string): string {
    return indexUnder(this.current, value);
  }

  /**
   * The blind index under every key of the ring, the current one first: what a
   * lookup matches while a rotation is under way (rows not yet rewritten still
   * carry a previous key's index).
   */
  blindIndexes(value: string): string[] {
    return this.ring.map((key) => indexUnder(key, value));
  }

  /** Whether a text looks like a sealed value at all (either form), without opening it. */
  isSealed(value: string): boolean {
    return parseText(value) !== null;
  }

  /** Sealed with the current key in the current form: nothing for a rotation to do. */
  isCurrent(sealed: string): boolean {
    return sealed.startsWith(`${TEXT_KEYED}:${this.current.id}:`);
  }

  isCurrentBytes(sealed: Uint8Array): boolean {
    const parsed = parseBytes(sealed);
    return parsed !== null && parsed.keyId === this.current.id;
  }

  /** Where a sealed text stands, from its header alone (`legacy`: the key is found by opening it). */
  stateOf(sealed: string): SealState {
    return stateOfKey(parseText(sealed), this);
  }

  stateOfBytes(sealed: Uint8Array): SealState {
    return stateOfKey(parseBytes(sealed), this);
  }

  /** The value sealed with the current key: unchanged when it already is, else opened and sealed again. */
  reseal(sealed: string): string {
    return this.isCurrent(sealed) ? sealed : this.encrypt(this.decrypt(sealed));
  }

  resealBytes(sealed: Uint8Array, context = ""): Buffer {
    const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    return this.isCurrentBytes(bytes) ? bytes : this.encryptBytes(this.decryptBytes(bytes, context), context);
  }

  hasKey(keyId: string): boolean {
    return this.byId.has(keyId);
  }

  private keysFor(keyId: string | null): readonly DataKey[] {
    if (keyId === null) return this.ring;
    const key = this.byId.get(keyId);
    return key ? [key] : [];
  }
}

interface ParsedText {
  keyId: string | null;
  iv: Buffer;
  tag: Buffer;
  body: Buffer;
}

function parseText(sealed: string): ParsedText | null {
  const parts = sealed.split(":");
  let keyId: string | null = null;
  if (parts[0] === TEXT_KEYED && parts.length === 5 && /^[0-9a-f]{8}$/.test(parts[1]!)) keyId = parts[1]!;
  else if (parts[0] !== TEXT_LEGACY || parts.length !== 4) return null;
  const [iv, tag, body] = parts.slice(-3).map((part) => Buffer.from(part, "base64url"));
  if (iv!.length !== IV_BYTES || tag!.length !== TAG_BYTES) return null;
  return { keyId, iv: iv!, tag: tag!, body: body! };
}

function openText(key: DataKey, parsed: ParsedText): string | null {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.encryptionKey, parsed.iv);
    decipher.setAuthTag(parsed.tag);
    return Buffer.concat([decipher.update(parsed.body), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

interface ParsedBytes {
  keyId: string | null;
  iv: Buffer;
  tag: Buffer;
  body: Buffer;
}

function parseBytes(sealed: Uint8Array): ParsedBytes | null {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const keyed = bytes[0] === BYTES_KEYED;
  if (!keyed && bytes[0] !== BYTES_LEGACY) return null;
  const start = keyed ? 1 + KEY_ID_BYTES : 1;
  if (bytes.length < start + IV_BYTES + TAG_BYTES) return null;
  return {
    keyId: keyed ? bytes.subarray(1, start).toString("hex") : null,
    iv: bytes.subarray(start, start + IV_BYTES),
    tag: bytes.subarray(start + IV_BYTES, start + IV_BYTES + TAG_BYTES),
    body: bytes.subarray(start + IV_BYTES + TAG_BYTES),
  };
}

function openBytes(key: DataKey, parsed: ParsedBytes, context: string): Buffer | null {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.fileKey, parsed.iv);
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(parsed.tag);
    return Buffer.concat([decipher.update(parsed.body), decipher.final()]);
  } catch {
    return null;
  }
}

function stateOfKey(parsed: { keyId: string | null } | null, cipher: FieldCipher): SealState {
  if (!parsed) return "not-sealed";
  if (parsed.keyId === null) return "legacy";
  if (parsed.keyId === cipher.keyId) return "current";
  return cipher.hasKey(parsed.keyId) ? "previous" : "unknown-key";
}

function indexUnder(key: DataKey, value: string): string {
  return createHmac("sha256", key.indexKey).update(value.trim().toUpperCase()).digest("hex");
}

export function generateDataKey(): string {
  return randomBytes(32).toString("base64");
}

/** 330106********123X → "330***********123X": keeps the region and the last four. */
export function maskCertificate(value: string): string {
  if (value.length <= 7) return "*".repeat(value.length);
  return value.slice(0, 3) + "*".repeat(value.length - 7) + value.slice(-4);
}
