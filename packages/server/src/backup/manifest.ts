import { open, readFile } from "node:fs/promises";
import { join } from "node:path";
import { text } from "@openbeian/core";
import { Type, type Static } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { BackupError } from "./backup-error.ts";

/**
 * A backup directory:
 *
 *   manifest.json            this file's shape, written last (no manifest: not a finished backup)
 *   tables/<table>.ndjson    one JSON object per row, columns by name, in primary-key order
 *   files.ndjson             one {"key","bytes","sha256"} per stored file
 *   files/<k0k1>/<k2k3>/<key> the stored files as they are at rest (sealed: still encrypted)
 *
 * Values are what both engines share (text, integers, null; booleans are 0/1 and JSON is
 * text in this schema), so a backup restores into either engine. The data key is never
 * in a backup.
 */
export const BACKUP_FORMAT = "openbeian-backup";
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = "manifest.json";
export const FILE_LIST = "files.ndjson";

const TABLE_NAME = "^[a-z_][a-z0-9_]*$";
const STORAGE_KEY = "^[a-f0-9]{40}$";
const SHA256 = "^[a-f0-9]{64}$";
const Count = Type.Integer({ minimum: 0 });

const TableEntry = Type.Object({
  name: Type.String({ pattern: TABLE_NAME }),
  columns: Type.Array(Type.String()),
  primaryKey: Type.Array(Type.String()),
  rows: Count,
  bytes: Count,
  sha256: Type.String({ pattern: SHA256 }),
});

const MissingFile = Type.Object({
  key: Type.String({ pattern: STORAGE_KEY }),
  table: Type.String(),
  column: Type.String(),
  /** The referencing row's primary key. */
  row: Type.Record(Type.String(), Type.Unknown()),
  /**
   * released_after_snapshot: the row let go of the file after the snapshot (a replaced upload)
   * and the platform deleted it; missing_from_storage: the database still points at it.
   */
  reason: Type.Union([Type.Literal("released_after_snapshot"), Type.Literal("missing_from_storage")]),
});

export const FileEntry = Type.Object({
  key: Type.String({ pattern: STORAGE_KEY }),
  bytes: Count,
  sha256: Type.String({ pattern: SHA256 }),
});

const AuditChainState = Type.Object({
  ok: Type.Boolean(),
  records: Count,
  lastSeq: Count,
  lastHash: Type.Union([Type.String(), Type.Null()]),
});

const Manifest = Type.Object({
  format: Type.Literal(BACKUP_FORMAT),
  formatVersion: Type.Integer({ minimum: 1 }),
  createdAt: Type.String(),
  /** The engine the backup was taken from (it restores into either). */
  engine: Type.Union([Type.Literal("sqlite"), Type.Literal("postgres")]),
  /** The last migration the database had; `migrations` lists all of them in order. */
  schemaVersion: Type.String(),
  migrations: Type.Array(Type.String(), { minItems: 1 }),
  dataKeyIncluded: Type.Literal(false),
  /** In the order they load (every table after the tables it references). */
  tables: Type.Array(TableEntry),
  files: Type.Object({
    count: Count,
    bytes: Count,
    /** Of files.ndjson. */
    sha256: Type.String({ pattern: SHA256 }),
    missing: Type.Array(MissingFile),
  }),
  /** The audit chain as the snapshot held it; null before the chain existed (migration 0023). */
  auditChain: Type.Union([AuditChainState, Type.Null()]),
});

export type BackupManifest = Static<typeof Manifest>;
export type ManifestTable = Static<typeof TableEntry>;
export type MissingStoredFile = Static<typeof MissingFile>;
export type StoredFileEntry = Static<typeof FileEntry>;
export type AuditChainState = Static<typeof AuditChainState>;

export const tableFile = (dir: string, table: string) => join(dir, "tables", `${table}.ndjson`);
export const storedFile = (dir: string, key: string) =>
  join(dir, "files", key.slice(0, 2), key.slice(2, 4), key);

export async function writeManifest(dir: string, manifest: BackupManifest): Promise<void> {
  const handle = await open(join(dir, MANIFEST_FILE), "wx", 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(manifest, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The manifest of a finished backup, checked for shape before anything trusts it. */
export async function readManifest(dir: string): Promise<BackupManifest> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(join(dir, MANIFEST_FILE), "utf8"));
  } catch (error) {
    throw notABackup(dir, (error as Error).message);
  }
  // A newer format may differ in shape: say "too new" rather than "not a backup".
  const { format, formatVersion } = (parsed ?? {}) as { format?: unknown; formatVersion?: unknown };
  if (format === BACKUP_FORMAT && typeof formatVersion === "number" && formatVersion > BACKUP_FORMAT_VERSION)
    throw new BackupError(
      "BACKUP_TOO_NEW",
      text(
        `备份格式版本 ${formatVersion} 由更新版本的 OpenBeian 写入，请先升级本程序`,
        `backup format ${formatVersion} was written by a newer OpenBeian: upgrade this installation first`,
      ),
      { formatVersion },
    );
  if (!Value.Check(Manifest, parsed)) {
    const first = Value.Errors(Manifest, parsed).First();
    throw notABackup(dir, first ? `${first.path || "/"}: ${first.message}` : "unexpected shape");
  }
  return parsed;
}

function notABackup(dir: string, problem: string): BackupError {
  return new BackupError(
    "BACKUP_NOT_A_BACKUP",
    text(
      `${dir} 不是完整的 OpenBeian 备份（缺少或无法读取 ${MANIFEST_FILE}）`,
      `${dir} is not a finished OpenBeian backup (${MANIFEST_FILE} missing or unreadable)`,
    ),
    { problem },
  );
}
