import { readFile } from "node:fs/promises";
import { text } from "@openbeian/core";
import { sql } from "kysely";
import type { FieldCipher } from "../platform/crypto.ts";
import type { Executor } from "../platform/db.ts";
import { BackupError } from "./backup-error.ts";
import type { CatalogueTable } from "./catalogue.ts";
import { storedFile, tableFile, type BackupManifest } from "./manifest.ts";
import { readNdjson } from "./ndjson.ts";
import { STORAGE_REFERENCES, isEncryptedColumn, type StorageReference } from "./storage-references.ts";

/**
 * Proves a data key is the one the data was encrypted with by opening a few encrypted
 * values of every `_enc` column and a few stored files of every kind. AES-GCM opens
 * nothing with a wrong key, so a handful per column is proof enough; all of them
 * would cost a second full read.
 */
const PER_COLUMN = 3;

export interface KeyCheck {
  /** Encrypted values opened. */
  fields: number;
  /** Stored files opened. */
  files: number;
}

interface Tally extends KeyCheck {
  cipher: FieldCipher;
}

/** On a backup, before anything is written anywhere. */
export async function checkKeyOnBackup(
  cipher: FieldCipher,
  dir: string,
  manifest: BackupManifest,
): Promise<KeyCheck> {
  const tally: Tally = { cipher, fields: 0, files: 0 };
  const missing = new Set(manifest.files.missing.map((file) => file.key));
  for (const table of manifest.tables) {
    const fields = table.columns.filter(isEncryptedColumn);
    const files = referencesOf(table.name, table.columns);
    if (fields.length === 0 && files.length === 0) continue;
    const wanted = new Map(
      [...fields, ...files.map((ref) => ref.column)].map((column) => [column, PER_COLUMN]),
    );
    for await (const row of readNdjson(tableFile(dir, table.name))) {
      for (const column of fields) {
        if (row[column] === null || !wanted.get(column)) continue;
        openField(tally, table.name, column, String(row[column]));
        wanted.set(column, wanted.get(column)! - 1);
      }
      for (const reference of files) {
        const key = row[reference.column];
        if (key === null || missing.has(String(key)) || !wanted.get(reference.column)) continue;
        openFile(tally, reference, row, await readFile(storedFile(dir, String(key))));
        wanted.set(reference.column, wanted.get(reference.column)! - 1);
      }
      if ([...wanted.values()].every((left) => left === 0)) break;
    }
  }
  return { fields: tally.fields, files: tally.files };
}

/**
 * On a database and its files: `readStored` reads a stored file by key (from storage, or
 * from the copy a backup just made). Files known to be missing are passed over.
 */
export async function checkKeyOnDatabase(
  cipher: FieldCipher,
  executor: Executor,
  catalogue: readonly CatalogueTable[],
  readStored: (key: string) => Promise<Buffer>,
  missingKeys: ReadonlySet<string>,
): Promise<KeyCheck> {
  const tally: Tally = { cipher, fields: 0, files: 0 };
  for (const table of catalogue) {
    for (const column of table.columns.filter(isEncryptedColumn)) {
      const { rows } = await sql<{ value: string }>`
        select ${sql.ref(column)} as value from ${sql.table(table.name)} where ${sql.ref(column)} is not null
        limit ${PER_COLUMN}`.execute(executor);
      for (const { value } of rows) openField(tally, table.name, column, value);
    }
    for (const reference of referencesOf(table.name, table.columns)) {
      const { rows } = await sql<Record<string, unknown>>`
        select * from ${sql.table(table.name)} where ${sql.ref(reference.column)} is not null
        limit ${PER_COLUMN + missingKeys.size}`.execute(executor);
      const present = rows.filter((row) => !missingKeys.has(String(row[reference.column])));
      for (const row of present.slice(0, PER_COLUMN))
        openFile(tally, reference, row, await readStored(String(row[reference.column])));
    }
  }
  return { fields: tally.fields, files: tally.files };
}

const referencesOf = (table: string, columns: readonly string[]) =>
  STORAGE_REFERENCES.filter((ref) => ref.table === table && columns.includes(ref.column));

function openField(tally: Tally, table: string, column: string, value: string): void {
  try {
    tally.cipher.decrypt(value);
  } catch (error) {
    throw keyMismatch(table, column, error);
  }
  tally.fields++;
}

function openFile(tally: Tally, reference: StorageReference, row: Record<string, unknown>, bytes: Buffer) {
  try {
    tally.cipher.decryptBytes(bytes, reference.binding(row));
  } catch (error) {
    throw keyMismatch(reference.table, reference.column, error);
  }
  tally.files++;
}

function keyMismatch(table: string, column: string, error: unknown): BackupError {
  return new BackupError(
    "BACKUP_DATA_KEY_MISMATCH",
    text(
      "配置的数据密钥无法解密备份中的加密数据。备份不含密钥：请把 BEIAN_DATA_KEY 设为原平台使用的密钥（演示模式：把原数据目录的 secrets.json 复制到新数据目录）后重试",
      "the configured data key cannot decrypt this backup's encrypted data. Backups do not contain the key: set BEIAN_DATA_KEY to the key of the platform the backup came from (demo mode: copy its data directory's secrets.json into the new data directory) and try again",
    ),
    { table, column, problem: (error as Error).message },
  );
}
