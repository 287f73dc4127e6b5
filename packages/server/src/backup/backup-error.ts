import type { LocalizedText } from "@openbeian/core";

/**
 * Why a backup or a restore stopped. The code is stable (operators' scripts read it
 * from `--json`); the message says what to do, in Chinese and English.
 */
export type BackupErrorCode =
  /** `beian backup`: the target directory exists and holds something. */
  | "BACKUP_TARGET_NOT_EMPTY"
  /** `beian backup`: no database there, or one the platform never migrated. */
  | "BACKUP_SOURCE_MISSING"
  /** `beian backup`: written, but files the database still points at are missing from storage. */
  | "BACKUP_FILES_MISSING"
  /** `beian backup`: a column holds a value NDJSON cannot carry unchanged between engines. */
  | "BACKUP_UNSUPPORTED_VALUE"
  /** `beian restore`: no manifest.json, or one that is not an OpenBeian backup's. */
  | "BACKUP_NOT_A_BACKUP"
  /** `beian restore`: written by a newer OpenBeian (format or schema this code does not know). */
  | "BACKUP_TOO_NEW"
  /** `beian restore`: a file of the backup differs from what the manifest recorded. */
  | "BACKUP_CHECKSUM_MISMATCH"
  /** `beian restore`: the configured data key does not open the backup's encrypted data. */
  | "BACKUP_DATA_KEY_MISMATCH"
  /** `beian restore`: the target database has tables, or the target files directory has files. */
  | "RESTORE_TARGET_NOT_EMPTY"
  /** `beian restore`: the restored data does not match the manifest (counts, audit chain, schema). */
  | "RESTORE_VERIFY_FAILED"
  /** Anything else: the database unreachable, a full disk… (the message has the cause). */
  | "INTERNAL";

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    readonly localized: LocalizedText,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${code}: ${localized.en}`);
    this.name = "BackupError";
  }

  toJSON() {
    return { code: this.code, message: this.localized, details: this.details };
  }
}
