import { join } from "node:path";
import { text } from "@openbeian/core";
import { Value } from "@sinclair/typebox/value";
import { BackupError } from "./backup-error.ts";
import {
  FILE_LIST,
  FileEntry,
  storedFile,
  tableFile,
  type BackupManifest,
  type StoredFileEntry,
} from "./manifest.ts";
import { digestFile, readNdjson } from "./ndjson.ts";

/**
 * Reads every byte of a backup against its manifest (each table file's size, SHA-256
 * and row count, the file list, every stored file) before a restore writes anything:
 * a damaged or altered backup is refused whole. Returns the files to restore.
 */
export async function verifyBackup(dir: string, manifest: BackupManifest): Promise<StoredFileEntry[]> {
  for (const table of manifest.tables) {
    const path = tableFile(dir, table.name);
    const digest = await digestOf(path, `tables/${table.name}.ndjson`);
    if (digest.sha256 !== table.sha256 || digest.bytes !== table.bytes || digest.lines !== table.rows)
      throw mismatch(`tables/${table.name}.ndjson`, table, digest);
  }
  const listPath = join(dir, FILE_LIST);
  const listDigest = await digestOf(listPath, FILE_LIST);
  if (listDigest.sha256 !== manifest.files.sha256 || listDigest.lines !== manifest.files.count)
    throw mismatch(FILE_LIST, { sha256: manifest.files.sha256, rows: manifest.files.count }, listDigest);
  const entries: StoredFileEntry[] = [];
  let bytes = 0;
  for await (const entry of readNdjson<StoredFileEntry>(listPath)) {
    if (!Value.Check(FileEntry, entry)) throw mismatch(FILE_LIST, { entry }, {});
    const name = `files/${entry.key}`;
    const digest = await digestOf(storedFile(dir, entry.key), name);
    if (digest.sha256 !== entry.sha256 || digest.bytes !== entry.bytes) throw mismatch(name, entry, digest);
    bytes += entry.bytes;
    entries.push(entry);
  }
  if (bytes !== manifest.files.bytes) throw mismatch(FILE_LIST, { bytes: manifest.files.bytes }, { bytes });
  return entries;
}

async function digestOf(path: string, name: string) {
  try {
    return await digestFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    throw new BackupError(
      "BACKUP_CHECKSUM_MISMATCH",
      text(`备份不完整：缺少 ${name}`, `the backup is incomplete: ${name} is missing`),
      { file: name },
    );
  }
}

function mismatch(name: string, expected: object, found: object): BackupError {
  return new BackupError(
    "BACKUP_CHECKSUM_MISMATCH",
    text(
      `备份文件 ${name} 与清单记录不符（已损坏或被修改），未写入任何数据`,
      `the backup's ${name} does not match its manifest (damaged or altered); nothing was written`,
    ),
    { file: name, expected, found },
  );
}
