import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { text } from "@openbeian/core";
import { BackupError } from "./backup-error.ts";
import { auditChainState } from "./audit-state.ts";
import { appliedMigrations, readCatalogue } from "./catalogue.ts";
import { classifyMissing, copyReferencedFiles } from "./copy-files.ts";
import { dumpTable } from "./dump-table.ts";
import { inSnapshot } from "./snapshot.ts";
import { checkKeyOnDatabase, type KeyCheck } from "./key-check.ts";
import { loadOrder } from "./load-order.ts";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  storedFile,
  writeManifest,
  type BackupManifest,
  type ManifestTable,
} from "./manifest.ts";
import { discardPartial, prepareBackupDirectory, publishBackup } from "./target-directory.ts";
import type { FieldCipher } from "../platform/crypto.ts";
import { openDatabase, type DatabaseOptions } from "../platform/db.ts";
import { LocalFileStorage } from "../platform/storage.ts";

export interface BackupOptions {
  /** The platform's database, as `beian start` opens it. */
  database: DatabaseOptions;
  /** The platform's stored files (`<data-dir>/files`). */
  storageDir: string;
  /** Where the backup goes: a new or empty directory. */
  target: string;
  /** The configured data key: when given, the backup says whether it opens the snapshot's data. */
  cipher?: FieldCipher;
  /** After each table is written, inside the snapshot (progress; tests write meanwhile). */
  onTableWritten?: (table: string, rows: number) => void | Promise<void>;
  now?: () => Date;
}

export interface BackupResult {
  dir: string;
  manifest: BackupManifest;
  /** Whether the configured key opens the data (null: no key given). A backup never holds the key. */
  keyCheck: ({ ok: true } & KeyCheck) | { ok: false; error: BackupError } | null;
}

/**
 * A consistent backup of a running platform. Every table is read in one read-only
 * transaction that sees one instant (snapshot.ts), and the files those rows name are
 * copied while it is open. Writers carry on meanwhile.
 */
export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const url = options.database.url;
  if (!/^postgres(ql)?:\/\//.test(url) && url !== ":memory:" && !existsSync(url))
    throw new BackupError(
      "BACKUP_SOURCE_MISSING",
      text(`找不到数据库文件 ${url}；请检查 --data-dir`, `no database at ${url}: check --data-dir`),
      { database: url },
    );
  const { target, partial } = await prepareBackupDirectory(options.target);
  const handle = openDatabase({ ...options.database, poolSize: 2 });
  const storage = new LocalFileStorage(options.storageDir);
  try {
    // The snapshot's instant, near enough: it is fixed by the transaction's first read.
    const createdAt = (options.now?.() ?? new Date()).toISOString();
    const snapshot = await inSnapshot(handle.db, handle.engine, async (trx) => {
      // The first read fixes the snapshot (both engines): everything below sees that instant.
      const migrations = await appliedMigrations(trx, handle.engine);
      if (!migrations)
        throw new BackupError(
          "BACKUP_SOURCE_MISSING",
          text("数据库中没有平台数据（从未迁移）", "the database holds no platform schema (never migrated)"),
          { database: url },
        );
      const catalogue = loadOrder(await readCatalogue(trx, handle.engine));
      const tables: ManifestTable[] = [];
      for (const table of catalogue) {
        const written = await dumpTable(trx, partial, table);
        tables.push({ name: table.name, columns: table.columns, primaryKey: table.primaryKey, ...written });
        await options.onTableWritten?.(table.name, written.rows);
      }
      const auditChain = await auditChainState(trx, catalogue);
      const files = await copyReferencedFiles(trx, catalogue, storage, partial);
      const keyCheck = options.cipher
        ? await checkKeyOnDatabase(
            options.cipher,
            trx,
            catalogue,
            // The copies just made: a file deleted from storage since cannot fail the check.
            (key) => readFile(storedFile(partial, key)),
            new Set(files.missing.map((file) => file.key)),
          ).then(
            (check) => ({ ok: true as const, ...check }),
            (error: unknown) => {
              if (error instanceof BackupError) return { ok: false as const, error };
              throw error;
            },
          )
        : null;
      return { migrations, tables, auditChain, files, keyCheck };
    });
    const { migrations, tables, auditChain, files, keyCheck } = snapshot;
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt,
      engine: handle.engine,
      schemaVersion: migrations.at(-1)!,
      migrations,
      dataKeyIncluded: false,
      tables,
      files: {
        count: files.count,
        bytes: files.bytes,
        sha256: files.sha256,
        missing: await classifyMissing(handle.db, files.missing),
      },
      auditChain,
    };
    await writeManifest(partial, manifest);
    await publishBackup(partial, target);
    return { dir: target, manifest, keyCheck };
  } catch (error) {
    await discardPartial(partial);
    throw error;
  } finally {
    await handle.close();
  }
}
