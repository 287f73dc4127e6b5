import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
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

/** What the storage holds, as a sweep for unreferenced files sees it (orphan-files.ts). */
export interface StoredEntry {
  /** The object's key; for a temporary file (an overwrite cut short), its name. */
  name: string;
  temporary: boolean;
  sizeBytes: number;
  modifiedAt: number;
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
  /** Every object and leftover temporary file, in no particular order; other files are not listed. */
  list(): AsyncIterable<StoredEntry>;
  /** Removes a temporary file that list() reported. */
  deleteTemporary(name: string): Promise<void>;
}

const KEY_PATTERN = /^[a-f0-9]{40}$/;
/** What replace() writes before renaming it into place. */
const TEMPORARY_PATTERN = /^([a-f0-9]{40})\.[a-f0-9]{12}\.tmp$/;
const FAN_OUT = /^[a-f0-9]{2}$/;

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

  async *list(): AsyncIterable<StoredEntry> {
    for (const first of await directories(this.root)) {
      for (const second of await directories(join(this.root, first))) {
        const folder = join(this.root, first, second);
        for (const name of await readdir(folder).catch(() => [] as string[])) {
          const temporary = TEMPORARY_PATTERN.exec(name);
          const key = temporary ? temporary[1]! : name;
          // Only what this storage writes, where it writes it.
          if (!KEY_PATTERN.test(key) || key.slice(0, 2) !== first || key.slice(2, 4) !== second) continue;
          const info = await stat(join(folder, name)).catch(() => null);
          if (!info?.isFile()) continue;
          yield { name, temporary: temporary !== null, sizeBytes: info.size, modifiedAt: info.mtimeMs };
        }
      }
    }
  }

  async deleteTemporary(name: string): Promise<void> {
    const temporary = TEMPORARY_PATTERN.exec(name);
    if (!temporary) throw new Error("not a temporary file's name");
    await rm(join(this.pathOf(temporary[1]!), "..", name), { force: true });
  }

  private pathOf(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error("invalid storage key");
    const path = join(this.root, key.slice(0, 2), key.slice(2, 4), key);
    if (!path.startsWith(this.root + sep)) throw new Error("invalid storage key");
    return path;
  }
}

/** The two-hex-digit folders of the fan-out (none when the storage is empty or not made yet). */
async function directories(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isDirectory() && FAN_OUT.test(entry.name))
    .map((entry) => entry.name);
}
