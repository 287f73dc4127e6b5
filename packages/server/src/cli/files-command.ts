import { HOUR_MS } from "@openbeian/core";
import { sweepOrphanFiles, ORPHAN_GRACE_MS, type OrphanSweepReport } from "../materials/orphan-files.ts";
import { configOrExit } from "./platform-options.ts";
import { withReportPlatform } from "./report-platform.ts";
import { parseCommandArgs, parseOrExit, UsageError } from "./usage.ts";

/**
 * `beian files sweep`: removes stored files that no row points at (materials/orphan-files.ts).
 * The worker does this once a day; the command is for an operator who wants it now, or
 * wants to see first what it would remove. FILES_USAGE is the contract.
 */
export const FILES_USAGE = `beian files sweep [--data-dir <dir>] [--dry-run] [--grace-hours <n>] [--json]

Removes stored files (sealed uploads) that no database row points at: left by an upload
whose transaction never committed (a crash), by a failed delete, or an overwrite cut
short. Only files older than --grace-hours (default ${ORPHAN_GRACE_MS / HOUR_MS}, at least 1) are removed:
a younger one may belong to an upload still in progress. The worker runs the same sweep
every day at 04:00 China time. Safe while the platform runs.

  --dry-run   count what would be removed, remove nothing

Exit codes: 0 done; 2 usage or configuration error.
--json prints one line: {"scanned", "referenced", "young", "orphans", "orphanBytes", "removed", "dryRun"}.`;

interface FilesRequest {
  dataDir: string | undefined;
  dryRun: boolean;
  graceHours: number;
  json: boolean;
}

export async function runFilesCommand(args: string[]): Promise<number> {
  const parsed = parseOrExit("files", FILES_USAGE, () => parseFilesArgs(args));
  if (!parsed.ok) return parsed.exitCode;
  const { request } = parsed;
  const loaded = configOrExit({ dataDir: request.dataDir });
  if (!loaded.ok) return loaded.exitCode;
  return withReportPlatform(loaded.config, async (ctx) => {
    const report = await sweepOrphanFiles(ctx, {
      dryRun: request.dryRun,
      graceMs: request.graceHours * HOUR_MS,
    });
    console.log(request.json ? JSON.stringify(report) : describe(report));
    return 0;
  });
}

function parseFilesArgs(args: string[]): FilesRequest {
  const { positionals, values } = parseCommandArgs(args, {
    "data-dir": { type: "string" },
    "dry-run": { type: "boolean" },
    "grace-hours": { type: "string" },
    json: { type: "boolean" },
  });
  const [action, ...rest] = positionals;
  if (action !== "sweep")
    throw new UsageError(action ? `unknown files command "${action}"` : "which files command?");
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const raw = values["grace-hours"];
  const graceHours = raw === undefined ? ORPHAN_GRACE_MS / HOUR_MS : Number(raw);
  if (raw !== undefined && (!/^\d+$/.test(raw.trim()) || graceHours < 1 || graceHours > 24 * 365)) {
    throw new UsageError(`--grace-hours takes a whole number from 1 to ${24 * 365}, got "${raw}"`);
  }
  return {
    dataDir: values["data-dir"],
    dryRun: values["dry-run"] === true,
    graceHours,
    json: values.json === true,
  };
}

function describe(report: OrphanSweepReport): string {
  const size = `${(report.orphanBytes / 1024).toFixed(1)} KB`;
  return [
    `存储文件 / stored files: ${report.scanned} (${report.referenced} in use, ${report.young} too young to judge)`,
    report.dryRun
      ? `无引用文件 / unreferenced: ${report.orphans} (${size}); --dry-run: nothing removed`
      : `已删除无引用文件 / unreferenced files removed: ${report.removed} (${size})`,
  ].join("\n");
}
