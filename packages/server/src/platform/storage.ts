import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve, sep } from "node:path";

/**
 * File storage outside the web root. Callers never choose a path: every object
 * gets a random key, stored in a two-level fan-out under the root, so no name
 * from a request can reach the file system. (S3-compatible storage for several
 * machines plugs in behind the same interface.)
 */
export interface StoredObject {
  key: string;
  sizeBytes: number;
  sha256: string;
}

export interface FileStorage {
  put(bytes: Uint8Array): Promise<StoredObject>;
  /** Writes bytes under a key given earlier: a restore puts each backed-up file back under its own key. */
  putAt(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Buffer>;
  /**
   * Overwrites an existing object atomically (a reader gets the old bytes or the new, never
   * a mix): a key rotation re-seals each file in place, so no row has to change.
   */
  replace(key: string, bytes: Uint8Array): Promise<void>;
  delete(key: string): Promise<void>;
}

const KEY_PATTERN = /^[a-f0-9]{40}$/;

export class LocalFileStorage implements FileStorage {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(bytes: Uint8Array): Promise<StoredObject> {
    const key = randomBytes(20).toString("hex");
    await this.putAt(key, bytes);
    return { key, sizeBytes: bytes.byteLength, sha256: createHash("sha256").update(bytes).digest("hex") };
  }

  async putAt(key: string, bytes: Uint8Array): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(join(path, ".."), { recursive: true, mode: 0o700 });
    await writeFile(path, bytes, { mode: 0o600, flag: "wx" });
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  async replace(key: string, bytes: Uint8Array): Promise<void> {
    const path = this.pathOf(key);
    await stat(path); // a deleted object stays deleted (ENOENT)
    const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
    const file = await open(temporary, "wx", 0o600);
    try {
      await file.writeFile(bytes);
      // On disk before it takes the old bytes' place: a crash leaves one or the other, whole.
      await file.sync();
      await file.close();
      await rename(temporary, path);
    } catch (error) {
      await file.close().catch(() => undefined);
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error("invalid storage key");
    const path = join(this.root, key.slice(0, 2), key.slice(2, 4), key);
    if (!path.startsWith(this.root + sep)) throw new Error("invalid storage key");
    return path;
  }
}
