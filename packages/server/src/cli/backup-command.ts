import { join } from "node:path";
import { text } from "@openbeian/core";
import { BackupError } from "../backup/backup-error.ts";
import { createBackup } from "../backup/create-backup.ts";
import { restoreBackup } from "../backup/restore-backup.ts";
import type { Config } from "../platform/config.ts";
import { FieldCipher } from "../platform/crypto.ts";
import { backupJson, backupText, failureJson, restoreJson, restoreText } from "./backup-output.ts";
import { configOrExit, platformOptions } from "./platform-options.ts";
import { parseCommandArgs, parseOrExit, UsageError } from "./usage.ts";

export const BACKUP_USAGE = `beian backup <dir> [--data-dir <dir>] [--json]
beian restore <dir> [--data-dir <dir>] [--json]

backup: a consistent copy of the platform's database (--data-dir's SQLite file, or
DATABASE_URL) and stored files into <dir>, a new or empty directory, while the platform
runs. The data key is NOT included: keep BEIAN_DATA_KEY (demo mode: <data-dir>/secrets.json).
restore: into an empty target only (a fresh --data-dir; with DATABASE_URL an empty
PostgreSQL database or schema), with the same data key; checks every checksum and the key
before writing, and counts, the audit chain and the key after.
Exit status: 0 done, 1 failed (the error's code in --json), 2 usage or configuration error.
--json prints one object (README "Backup and restore" lists the fields); a failure is
{"ok": false, "error": {"code", "message": {"zh", "en"}, "details"}}.`;

interface BackupRequest {
  dir: string;
  dataDir: string | undefined;
  json: boolean;
}

/** `beian backup <dir>` and `beian restore <dir>`: their own arguments, then the configuration. */
export async function runBackupCommand(command: "backup" | "restore", args: string[]): Promise<number> {
  const parsed = parseOrExit(command, BACKUP_USAGE, () => parseBackupArgs(args));
  if (!parsed.ok) return parsed.exitCode;
  const { request } = parsed;
  const loaded = configOrExit({ dataDir: request.dataDir });
  if (!loaded.ok) return loaded.exitCode;
  const { config } = loaded;
  return command === "backup" ? backup(config, request) : restore(config, request);
}

function parseBackupArgs(args: string[]): BackupRequest {
  const { positionals, values } = parseCommandArgs(args, {
    "data-dir": { type: "string" },
    json: { type: "boolean" },
  });
  if (positionals.length === 0 || !positionals[0]) throw new UsageError("which directory?");
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  return { dir: positionals[0], dataDir: values["data-dir"], json: values.json === true };
}

async function backup(config: Config, { dir, json }: BackupRequest): Promise<number> {
  const options = platformOptions(config);
  try {
    const result = await createBackup({
      database: { url: config.databaseUrl },
      storageDir: options.storageDir,
      target: dir,
      cipher: cipherOf(config),
    });
    const lost = result.manifest.files.missing.filter((file) => file.reason === "missing_from_storage");
    const failure =
      lost.length > 0
        ? new BackupError(
            "BACKUP_FILES_MISSING",
            text(
              `备份已写入，但数据库仍引用的 ${lost.length} 个文件在存储中缺失，请检查 ${options.storageDir}`,
              `the backup was written, but ${lost.length} files the database still points at are missing from storage: check ${options.storageDir}`,
            ),
            { missing: lost },
          )
        : null;
    if (json) console.log(JSON.stringify(backupJson(result, failure)));
    else {
      console.log(backupText(result, keyHint(config)).join("\n"));
      if (failure) console.error(failureText("备份不完整 / backup incomplete", failure));
    }
    return failure ? 1 : 0;
  } catch (error) {
    return reportFailure("备份失败 / backup failed", error, json);
  }
}

async function restore(config: Config, { dir, json }: BackupRequest): Promise<number> {
  try {
    const result = await restoreBackup({
      source: dir,
      database: { url: config.databaseUrl },
      storageDir: platformOptions(config).storageDir,
      cipher: cipherOf(config),
    });
    console.log(json ? JSON.stringify(restoreJson(dir, result)) : restoreText(dir, result).join("\n"));
    return 0;
  } catch (error) {
    return reportFailure("恢复失败 / restore failed", error, json);
  }
}

/** The keyring the platform itself would use (previous keys too, in the middle of a rotation). */
const cipherOf = (config: Config) => new FieldCipher(config.dataKey, config.previousDataKeys);

function keyHint(config: Config): string {
  return process.env.BEIAN_DATA_KEY ? "BEIAN_DATA_KEY" : `${join(config.dataDir, "secrets.json")}`;
}

function reportFailure(title: string, error: unknown, json: boolean): number {
  const failure =
    error instanceof BackupError
      ? error
      : new BackupError(
          "INTERNAL",
          text(`意外错误：${(error as Error).message}`, `unexpected error: ${(error as Error).message}`),
        );
  if (json) console.log(JSON.stringify(failureJson(failure)));
  else console.error(failureText(title, failure));
  return 1;
}

function failureText(title: string, failure: BackupError): string {
  return `${title} [${failure.code}]\n  ${failure.localized.zh}\n  ${failure.localized.en}`;
}
