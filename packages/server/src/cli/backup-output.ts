import type { BackupResult } from "../backup/create-backup.ts";
import type { BackupError } from "../backup/backup-error.ts";
import type { AuditChainState, MissingStoredFile } from "../backup/manifest.ts";
import type { RestoreResult } from "../backup/restore-backup.ts";

/**
 * What `beian backup` and `beian restore` print: one JSON object with --json (the
 * contract scripts read; README "Backup and restore"), or lines in Chinese and English.
 */
export function backupJson(result: BackupResult, failure: BackupError | null) {
  const { manifest } = result;
  return {
    ok: failure === null,
    ...(failure ? { error: failure.toJSON() } : {}),
    dir: result.dir,
    createdAt: manifest.createdAt,
    engine: manifest.engine,
    schemaVersion: manifest.schemaVersion,
    tables: manifest.tables.length,
    rows: manifest.tables.reduce((sum, table) => sum + table.rows, 0),
    files: { count: manifest.files.count, bytes: manifest.files.bytes, missing: manifest.files.missing },
    auditChain: manifest.auditChain,
    dataKeyIncluded: false,
    dataKeyOpens: result.keyCheck ? result.keyCheck.ok : null,
  };
}

export function backupText(result: BackupResult, dataKeyHint: string): string[] {
  const json = backupJson(result, null);
  const lines = [
    `备份完成 / backup written: ${json.dir}`,
    `  数据库 Database    ${json.engine}, schema ${json.schemaVersion}: ${json.tables} tables, ${json.rows} rows`,
    `  文件 Files         ${json.files.count} files, ${size(json.files.bytes)}`,
    `  审计链 Audit chain  ${chainText(json.auditChain)}`,
    `  数据密钥 Data key   未包含在备份中 / NOT in the backup: a restore needs the same key (${dataKeyHint}); keep it safe, apart from the backup`,
  ];
  lines.push(...missingText(json.files.missing));
  if (result.keyCheck && !result.keyCheck.ok)
    lines.push(
      `  ! 当前配置的数据密钥无法解密这些数据 / the data key configured here does not open this data: restoring needs the key the platform really uses`,
    );
  return lines;
}

export function restoreJson(source: string, result: RestoreResult) {
  const { manifest } = result;
  return {
    ok: true,
    source,
    engine: result.engine,
    backup: { createdAt: manifest.createdAt, engine: manifest.engine, schemaVersion: manifest.schemaVersion },
    tables: manifest.tables.length,
    rows: result.rows,
    files: { ...result.files, missing: manifest.files.missing },
    migrated: result.migrated,
    auditChain: result.auditChain,
    keyCheck: result.keyCheck,
  };
}

export function restoreText(source: string, result: RestoreResult): string[] {
  const json = restoreJson(source, result);
  const { fields, files } = result.keyCheck.restored;
  return [
    `恢复完成 / restore complete: ${source} → ${json.engine}`,
    `  备份 Backup        taken ${json.backup.createdAt} on ${json.backup.engine}, schema ${json.backup.schemaVersion}`,
    `  数据库 Database    ${json.tables} tables, ${json.rows} rows, as the manifest counts them; ${json.migrated.length > 0 ? `migrated since: ${json.migrated.join(", ")}` : "schema up to date"}`,
    `  文件 Files         ${json.files.count} files, ${size(json.files.bytes)}`,
    `  审计链 Audit chain  ${chainText(json.auditChain)} (as backed up)`,
    `  数据密钥 Data key   opens the data (${fields} encrypted values and ${files} files checked)`,
    ...missingText(json.files.missing),
  ];
}

export function failureJson(error: BackupError) {
  return { ok: false, error: error.toJSON() };
}

function chainText(chain: AuditChainState | null): string {
  if (!chain) return "none (schema before the chain)";
  const last = chain.lastHash ? `, last #${chain.lastSeq} ${chain.lastHash.slice(0, 12)}…` : "";
  return `${chain.records} records, ${chain.ok ? "intact 完整" : "BROKEN 已断开 (see beian audit verify)"}${last}`;
}

function missingText(missing: readonly MissingStoredFile[]): string[] {
  const released = missing.filter((file) => file.reason === "released_after_snapshot").length;
  const lost = missing.filter((file) => file.reason === "missing_from_storage");
  return [
    ...(released > 0
      ? [
          `  ! ${released} 个文件在快照后被替换并删除，未包含 / ${released} files were replaced and deleted after the snapshot: not in the backup`,
        ]
      : []),
    ...lost.map(
      (file) =>
        `  ! 存储中缺少文件 / missing from storage: ${file.key} (${file.table}.${file.column} of ${JSON.stringify(file.row)})`,
    ),
  ];
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
