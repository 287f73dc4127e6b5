import { readFile } from "node:fs/promises";
import { text } from "@openbeian/core";
import { isDeepStrictEqual } from "node:util";
import type { FieldCipher } from "../platform/crypto.ts";
import {
  MIGRATION_NAMES,
  migrateTo,
  migrateToLatest,
  openDatabase,
  type DatabaseOptions,
  type Db,
  type Engine,
} from "../platform/db.ts";
import { LocalFileStorage } from "../platform/storage.ts";
import { auditChainState } from "./audit-state.ts";
import { BackupError } from "./backup-error.ts";
import { readCatalogue } from "./catalogue.ts";
import { checkKeyOnBackup, checkKeyOnDatabase, type KeyCheck } from "./key-check.ts";
import { loadOrder } from "./load-order.ts";
import { loadTables, verifyFailed } from "./load-tables.ts";
import {
  readManifest,
  storedFile,
  type AuditChainState,
  type BackupManifest,
  type StoredFileEntry,
} from "./manifest.ts";
import { assertEmptyTarget, undoRestore } from "./restore-target.ts";
import { verifyBackup } from "./verify-backup.ts";

export interface RestoreOptions {
  /** The backup directory. */
  source: string;
  /** The target database: empty (no tables). */
  database: DatabaseOptions;
  /** The target's stored files (`<data-dir>/files`): empty or absent. */
  storageDir: string;
  /** The configured data key, which must open the backup's data. */
  cipher: FieldCipher;
}

export interface RestoreResult {
  manifest: BackupManifest;
  engine: Engine;
  rows: number;
  files: { count: number; bytes: number };
  /** Migrations newer than the backup, applied to the restored data. */
  migrated: string[];
  /** The restored audit chain (equal to the manifest's). */
  auditChain: AuditChainState | null;
  /** Values and files opened with the data key: before writing (in the backup) and after (restored). */
  keyCheck: { backup: KeyCheck; restored: KeyCheck };
}

/**
 * Restores a backup into an empty target. Nothing is written until the whole backup has
 * been read against its checksums and the data key has opened its encrypted data; then
 * the schema is rebuilt at the backup's version, the files and rows go in, newer
 * migrations run, and the result is checked (row counts, the audit chain to its last
 * hash, the key on the restored data). A restore that fails after writing began is
 * undone, leaving the target empty as it was.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const manifest = await readManifest(options.source);
  assertKnownSchema(manifest);
  const files = await verifyBackup(options.source, manifest);
  const backupKeyCheck = await checkKeyOnBackup(options.cipher, options.source, manifest);

  const handle = openDatabase(options.database);
  const { db, engine, schema } = handle;
  const storage = new LocalFileStorage(options.storageDir);
  try {
    await assertEmptyTarget(db, engine, options.storageDir);
    try {
      await migrateTo(db, manifest.schemaVersion, schema);
      const catalogue = loadOrder(await readCatalogue(db, engine));
      const fileBytes = await restoreFiles(storage, options.source, files);
      const rows = await loadTables(db, options.source, manifest, catalogue);
      const migrated = await migrateToLatest(db, schema);
      const auditChain = await checkAuditChain(db, engine, manifest);
      const restoredKeyCheck = await checkKeyOnDatabase(
        options.cipher,
        db,
        await readCatalogue(db, engine),
        (key) => storage.get(key),
        new Set(manifest.files.missing.map((file) => file.key)),
      );
      return {
        manifest,
        engine,
        rows,
        files: { count: files.length, bytes: fileBytes },
        migrated,
        auditChain,
        keyCheck: { backup: backupKeyCheck, restored: restoredKeyCheck },
      };
    } catch (error) {
      // The error to report is the restore's; a failed undo is added to it, not put in its place.
      await undoRestore(db, engine, options.storageDir).catch((undoError: unknown) => {
        if (error instanceof BackupError) error.details.undoFailed = (undoError as Error).message;
        else if (error instanceof Error)
          error.message += `; undoing the restore failed too: ${(undoError as Error).message}`;
      });
      throw error;
    }
  } finally {
    await handle.close();
  }
}

/** The backup's migrations must be this code's first ones, in order: then it knows how to rebuild them. */
function assertKnownSchema(manifest: BackupManifest): void {
  const known = manifest.migrations.every((name, index) => MIGRATION_NAMES[index] === name);
  if (known && manifest.schemaVersion === manifest.migrations.at(-1)) return;
  throw new BackupError(
    "BACKUP_TOO_NEW",
    text(
      `备份的数据库结构（${manifest.schemaVersion}）比本程序新或不为本程序所知，请先升级 OpenBeian 再恢复`,
      `the backup's schema (${manifest.schemaVersion}) is newer than, or unknown to, this installation: upgrade OpenBeian before restoring`,
    ),
    { schemaVersion: manifest.schemaVersion, known: MIGRATION_NAMES.at(-1) },
  );
}

async function restoreFiles(
  storage: LocalFileStorage,
  source: string,
  files: readonly StoredFileEntry[],
): Promise<number> {
  let bytes = 0;
  for (const file of files) {
    const content = await readFile(storedFile(source, file.key));
    await storage.putAt(file.key, content);
    bytes += content.length;
  }
  return bytes;
}

/** The restored chain must be the backup's: as whole (or broken) as it was, up to the same last hash. */
async function checkAuditChain(db: Db, engine: Engine, manifest: BackupManifest) {
  const restored = await auditChainState(db, await readCatalogue(db, engine));
  const expected = manifest.auditChain;
  // A backup from before the chain: the migrations just built it over the restored records.
  const same = expected ? isDeepStrictEqual(restored, expected) : restored?.ok === true;
  if (!same)
    throw verifyFailed(
      `audit chain: restored ${JSON.stringify(restored)}, backed up ${JSON.stringify(expected)}`,
    );
  return restored;
}
