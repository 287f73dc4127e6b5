import { randomBytes } from "node:crypto";
import { mkdir, readdir, rename, rm, rmdir, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { text } from "@openbeian/core";
import { BackupError } from "./backup-error.ts";

/**
 * A backup is written into a hidden sibling directory and renamed into place once its
 * manifest is on disk, so an interrupted backup never sits under the name asked for
 * looking complete (what it leaves is `.<name>.partial-…`, without a manifest).
 */
export async function prepareBackupDirectory(target: string): Promise<{ target: string; partial: string }> {
  const absolute = resolve(target);
  if (!(await isEmptyOrAbsent(absolute)))
    throw new BackupError(
      "BACKUP_TARGET_NOT_EMPTY",
      text(
        `备份目录 ${absolute} 已存在且不为空；请指定新目录或空目录`,
        `the backup directory ${absolute} exists and is not empty: name a new or empty directory`,
      ),
      { dir: absolute },
    );
  await mkdir(dirname(absolute), { recursive: true });
  const partial = join(dirname(absolute), `.${basename(absolute)}.partial-${randomBytes(4).toString("hex")}`);
  await mkdir(join(partial, "tables"), { recursive: true, mode: 0o700 });
  await mkdir(join(partial, "files"), { mode: 0o700 });
  return { target: absolute, partial };
}

/** Puts the finished backup under its name. */
export async function publishBackup(partial: string, target: string): Promise<void> {
  // An empty directory of that name (made by the operator) gives way to the backup.
  if (await exists(target)) await rmdir(target);
  await rename(partial, target);
}

export async function discardPartial(partial: string): Promise<void> {
  await rm(partial, { recursive: true, force: true });
}

export async function isEmptyOrAbsent(path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    return info.isDirectory() && (await readdir(path)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
