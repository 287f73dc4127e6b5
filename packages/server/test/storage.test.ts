import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { LocalFileStorage } from "../src/platform/storage.ts";

const root = mkdtempSync(join(tmpdir(), "beian-storage-"));
after(() => rmSync(root, { recursive: true, force: true }));

test("objects are stored under random keys with their size and hash, readable only by the owner", async () => {
  const storage = new LocalFileStorage(root);
  const bytes = new TextEncoder().encode("身份证正面");
  const stored = await storage.put(bytes);
  assert.match(stored.key, /^[a-f0-9]{40}$/);
  assert.equal(stored.sizeBytes, bytes.byteLength);
  assert.equal(stored.sha256.length, 64);
  assert.deepEqual(new Uint8Array(await storage.get(stored.key)), bytes);
  const mode = statSync(join(root, stored.key.slice(0, 2), stored.key.slice(2, 4), stored.key)).mode & 0o777;
  assert.equal(mode, 0o600);
  await storage.delete(stored.key);
  await assert.rejects(storage.get(stored.key));
});

test("keys that could leave the storage root are refused", async () => {
  const storage = new LocalFileStorage(root);
  for (const key of ["../../etc/passwd", "..", "a/b", "ABCDEF", ""]) {
    await assert.rejects(storage.get(key), /invalid storage key/);
  }
});

test("an object is replaced in place, whole, and a deleted one is not brought back", async () => {
  const storage = new LocalFileStorage(root);
  const stored = await storage.put(new TextEncoder().encode("sealed under the old key"));
  await storage.replace(stored.key, new TextEncoder().encode("sealed under the new key"));
  assert.equal((await storage.get(stored.key)).toString(), "sealed under the new key");
  const dir = join(root, stored.key.slice(0, 2), stored.key.slice(2, 4));
  assert.deepEqual(readdirSync(dir), [stored.key], "no temporary file is left");
  assert.equal(statSync(join(dir, stored.key)).mode & 0o777, 0o600);
  await storage.delete(stored.key);
  await assert.rejects(storage.replace(stored.key, new Uint8Array([1])), { code: "ENOENT" });
  await assert.rejects(storage.get(stored.key));
});
