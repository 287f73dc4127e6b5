import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
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
  get(key: string): Promise<Buffer>;
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
    const path = this.pathOf(key);
    await mkdir(join(path, ".."), { recursive: true, mode: 0o700 });
    await writeFile(path, bytes, { mode: 0o600, flag: "wx" });
    return { key, sizeBytes: bytes.byteLength, sha256: createHash("sha256").update(bytes).digest("hex") };
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
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
