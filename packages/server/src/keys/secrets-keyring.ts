import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dataKeyId, generateDataKey } from "../platform/crypto.ts";
import { secretsFile, type StoredSecrets } from "../platform/config.ts";

/**
 * `beian keys new` for demo mode, where the data key lives in
 * `<data-dir>/secrets.json`: a new current key, the one before it kept as the
 * first previous key (still read until `beian keys rotate` has moved everything).
 * Production keys come from the environment and are changed there.
 */
export interface NewKey {
  keyId: string;
  previousKeyIds: string[];
  file: string;
}

export function addDataKeyToSecrets(dataDir: string): NewKey {
  const file = secretsFile(dataDir);
  if (!existsSync(file)) throw new Error(`no ${file}: start the platform once (or run beian migrate) first`);
  const stored = JSON.parse(readFileSync(file, "utf8")) as StoredSecrets;
  const previous = [stored.dataKey, ...(stored.previousDataKeys ?? [])];
  const next: StoredSecrets = { ...stored, dataKey: generateDataKey(), previousDataKeys: previous };
  // Written beside and renamed over: a crash leaves the old file or the new one, never half of one.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(next, null, 2), { mode: 0o600 });
  renameSync(temporary, file);
  return {
    keyId: idOf(next.dataKey),
    previousKeyIds: previous.map(idOf),
    file,
  };
}

const idOf = (key: string) => dataKeyId(Buffer.from(key, "base64"));
