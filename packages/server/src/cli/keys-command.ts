import type { Config } from "../platform/config.ts";
import { DEFAULT_BATCH_SIZE } from "../keys/key-pass.ts";
import { rotateKeys, verifyKeys, type RotationReport } from "../keys/rotation.ts";
import { addDataKeyToSecrets } from "../keys/secrets-keyring.ts";
import type { Tally } from "../keys/tally.ts";
import { configOrExit } from "./platform-options.ts";
import { withReportPlatform } from "./report-platform.ts";
import { parseCommandArgs, parseOrExit, UsageError } from "./usage.ts";

/**
 * `beian keys`: data key rotation. The contract operators script against is
 * KEYS_USAGE below (and README "Rotating the data key").
 */
export const KEYS_USAGE = `beian keys rotate [--data-dir <dir>] [--batch-size <n>] [--max-batches <n>] [--json]
beian keys verify [--data-dir <dir>] [--json]
beian keys new    [--data-dir <dir>] [--json]

The data key (BEIAN_DATA_KEY) seals certificate and phone numbers, order data and
stored files, and keys the blind indexes. To change it: make the new key current and
list the old one as previous (BEIAN_DATA_KEY_PREVIOUS, comma-separated; demo mode:
beian keys new does it in secrets.json), restart every process, then run

  rotate  rewrites every sealed value, blind index and stored file under the current
          key, in batches of --batch-size rows (default ${DEFAULT_BATCH_SIZE}, files a tenth), each batch
          its own transaction, while the platform runs; then verifies the result.
          Safe to run again and to interrupt: a run finds what is done already done.
          --max-batches <n> stops after n batches (run again to continue).
  verify  reads everything and checks that every value opens with the current key and
          none is left under a previous key. Changes nothing.
  new     demo mode: writes a new current key into <data-dir>/secrets.json, the old one
          kept as previous.

Once rotate (or verify) exits 0, remove the previous keys from the configuration and
restart. Keys are named by an id derived from them (8 hex digits), never printed.

Exit codes: 0 done / all under the current key; 1 values no configured key opens, or
values still under a previous key (verify; rotate: written meanwhile by a process
still running with the old key); 2 usage or configuration error; 3 rotate stopped
by --max-batches.
--json prints one line: rotate {"ok", "complete", "keyId", "previousKeyIds", "rotated": {"totals", "targets"},
"verified": {"totals", "targets"} | null}; verify {"ok", "complete", "keyId", "previousKeyIds", "totals",
"targets"}; new {"keyId", "previousKeyIds", "file"}. Counts per target (a table, "material files"):
{"rows", "values", "stale", "unreadable", "missing", "unmatched"}.`;

interface KeysRequest {
  action: "rotate" | "verify" | "new";
  dataDir: string | undefined;
  batchSize: number;
  maxBatches: number | undefined;
  json: boolean;
}

export async function runKeysCommand(args: string[]): Promise<number> {
  const parsed = parseOrExit("keys", KEYS_USAGE, () => parseKeysArgs(args));
  if (!parsed.ok) return parsed.exitCode;
  const { request } = parsed;
  const loaded = configOrExit({ dataDir: request.dataDir });
  if (!loaded.ok) return loaded.exitCode;
  const { config } = loaded;
  if (request.action === "new") return newKey(config, request.json);

  return withReportPlatform(config, async (ctx) => {
    if (request.action === "verify") {
      const report = await verifyKeys(ctx, { batchSize: request.batchSize });
      console.log(request.json ? JSON.stringify(report) : describeVerification(report));
      return report.ok ? 0 : 1;
    }
    const report = await rotateKeys(ctx, {
      batchSize: request.batchSize,
      maxBatches: request.maxBatches,
      onBatch: process.stderr.isTTY
        ? (target, tally) => void process.stderr.write(`\r${target}: ${tally.rows} …\u001b[K`)
        : undefined,
    });
    if (process.stderr.isTTY) process.stderr.write("\r\u001b[K");
    console.log(request.json ? JSON.stringify(report) : describeRotation(report));
    if (!report.complete) return 3;
    return report.ok ? 0 : 1;
  });
}

function parseKeysArgs(args: string[]): KeysRequest {
  const { positionals, values } = parseCommandArgs(args, {
    "data-dir": { type: "string" },
    "batch-size": { type: "string" },
    "max-batches": { type: "string" },
    json: { type: "boolean" },
  });
  const [action, ...rest] = positionals;
  if (action !== "rotate" && action !== "verify" && action !== "new") {
    throw new UsageError(action ? `unknown keys command "${action}"` : "which keys command?");
  }
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  if (action !== "rotate" && values["max-batches"] !== undefined)
    throw new UsageError("--max-batches is for keys rotate");
  return {
    action,
    dataDir: values["data-dir"],
    batchSize: wholeNumber("--batch-size", values["batch-size"], DEFAULT_BATCH_SIZE, 1, 100_000),
    maxBatches:
      values["max-batches"] === undefined
        ? undefined
        : wholeNumber("--max-batches", values["max-batches"], 0, 1, 1_000_000_000),
    json: values.json === true,
  };
}

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number) {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new UsageError(`${name} takes a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function newKey(config: Config, json: boolean): number {
  if (config.mode === "production" || process.env.BEIAN_DATA_KEY) {
    console.error(
      "数据密钥来自环境变量，请在那里更换 / the data key comes from the environment: put a new key in " +
        "BEIAN_DATA_KEY and the old one in BEIAN_DATA_KEY_PREVIOUS, restart, then run beian keys rotate.",
    );
    return 2;
  }
  const added = addDataKeyToSecrets(config.dataDir);
  console.log(
    json
      ? JSON.stringify(added)
      : [
          `新数据密钥 / new data key ${added.keyId} in ${added.file}`,
          `  旧密钥仍可读取 / still read: ${added.previousKeyIds.join(", ")}`,
          "  重启所有进程后运行 / restart every process, then run: beian keys rotate",
        ].join("\n"),
  );
  return 0;
}

function describeRotation(report: RotationReport): string {
  const lines = [
    `数据密钥轮换 / key rotation to key ${report.keyId}` +
      (report.previousKeyIds.length
        ? ` (previous: ${report.previousKeyIds.join(", ")})`
        : " (no previous key)"),
    ...tallyLines(report.rotated.targets, report.rotated.totals, "rewritten"),
  ];
  if (!report.complete) {
    lines.push(
      "已按 --max-batches 暂停 / stopped by --max-batches: run beian keys rotate again to continue.",
    );
    return lines.join("\n");
  }
  if (report.rotated.totals.unreadable > 0) {
    lines.push(unreadableAdvice(report.rotated.totals.unreadable));
    return lines.join("\n");
  }
  const verified = report.verified!.totals;
  lines.push(
    `验证 / verification: ${verified.values} values, ${verified.stale} under a previous key, ${verified.unreadable} unreadable`,
  );
  if (verified.unreadable > 0) lines.push(unreadableAdvice(verified.unreadable));
  if (verified.stale > 0)
    lines.push(
      "仍有数据在旧密钥下 / values were written under a previous key meanwhile: a process still runs with the " +
        "old key as current. Restart every process with the new configuration, then run beian keys rotate again.",
    );
  if (missingOf(verified)) lines.push(missingAdvice(verified.missing));
  if (report.ok)
    lines.push(
      "可以移除旧密钥 / the previous keys are no longer needed: remove them (BEIAN_DATA_KEY_PREVIOUS, or " +
        "previousDataKeys in secrets.json) and restart.",
    );
  return lines.join("\n");
}

function describeVerification(report: Awaited<ReturnType<typeof verifyKeys>>): string {
  const lines = [
    `数据密钥校验 / key verification against key ${report.keyId}`,
    ...tallyLines(report.targets, report.totals, "under a previous key"),
  ];
  if (report.totals.unreadable > 0) lines.push(unreadableAdvice(report.totals.unreadable));
  if (missingOf(report.totals)) lines.push(missingAdvice(report.totals.missing));
  lines.push(
    report.ok
      ? `全部使用当前密钥 / every value opens with the current key (${report.totals.values} values)`
      : report.totals.stale > 0
        ? `${report.totals.stale} 个值仍在旧密钥下 / values still under a previous key: run beian keys rotate`
        : "校验未通过 / verification failed",
  );
  return lines.join("\n");
}

function tallyLines(targets: Record<string, Tally>, totals: Tally, staleLabel: string): string[] {
  const line = (name: string, tally: Tally) =>
    `  ${name.padEnd(24)} ${String(tally.rows).padStart(8)} rows ${String(tally.values).padStart(8)} values ` +
    `${String(tally.stale).padStart(8)} ${staleLabel}` +
    (tally.unreadable ? `, ${tally.unreadable} unreadable` : "") +
    (tally.missing ? `, ${tally.missing} files missing` : "") +
    (tally.unmatched ? `, ${tally.unmatched} index rows without a record` : "");
  return [...Object.entries(targets).map(([name, tally]) => line(name, tally)), line("合计 / total", totals)];
}

const missingOf = (tally: Tally) => tally.missing > 0;

function unreadableAdvice(count: number): string {
  return (
    `${count} 个值无法用已配置的密钥解开 / values open with no configured key: add the key they were sealed ` +
    "with to BEIAN_DATA_KEY_PREVIOUS (or previousDataKeys in secrets.json) and run again; everything else was done."
  );
}

function missingAdvice(count: number): string {
  return `${count} 个文件不在存储中 / stored files named by a material are missing (nothing a key change can fix).`;
}
