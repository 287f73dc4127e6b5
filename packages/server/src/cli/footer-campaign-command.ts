import { openPlatform } from "../platform/bootstrap.ts";
import {
  activeCampaign,
  CAMPAIGN_DEFAULTS,
  createFooterCampaign,
  runFooterCampaign,
  type CampaignSummary,
} from "../footer/campaign.ts";
import { FETCH_DEFAULTS } from "../footer/fetch-page.ts";
import { configOrExit, platformOptions } from "./platform-options.ts";
import { ProgressBar } from "./progress-bar.ts";
import { parseCommandArgs, parseOrExit, UsageError } from "./usage.ts";

/**
 * `beian footer --all`: a footer campaign now, over every filed website in the
 * platform's database (the one `beian start` uses: --data-dir, DATABASE_URL), with
 * a progress bar on stderr. Owners of failing sites are told with a deadline, as
 * by the weekly campaign. Exit codes: 0 the campaign ran (failures are its
 * findings, not an error), 1 it could not run (another campaign is running, a
 * configuration error), 2 usage error.
 */
export const FOOTER_ALL_USAGE = `beian footer --all [--concurrency <n>] [--host-interval <ms>] [--timeout <ms>] [--data-dir <dir>] [--json]

Checks the footer of every filed website now: the ICP number shown, visible, in the
province's form and linked to https://beian.miit.gov.cn/; the public-security number
when one is recorded. Owners of failing sites are notified with a deadline; a site
that cannot be reached is reported but opens no finding. A progress bar goes to stderr.

Options:
  --concurrency <n>     checks at once (default ${CAMPAIGN_DEFAULTS.concurrency})
  --host-interval <ms>  pause between two checks of sites under one registrable domain (default ${CAMPAIGN_DEFAULTS.hostIntervalMs})
  --timeout <ms>        per site, redirects included (default ${FETCH_DEFAULTS.timeoutMs})
  --data-dir <dir>      as for beian start (default ./data)
  --json                print the summary as one line of JSON

Exit codes: 0 the campaign ran, 1 it could not run, 2 usage error.`;

interface CampaignRequest {
  concurrency: number;
  hostIntervalMs: number;
  timeoutMs: number;
  dataDir: string | undefined;
  json: boolean;
}

export async function runFooterCampaignCommand(args: string[]): Promise<number> {
  const parsed = parseOrExit("footer --all", FOOTER_ALL_USAGE, () => parseCampaignArgs(args));
  if (!parsed.ok) return parsed.exitCode;
  const { request } = parsed;
  const loaded = configOrExit({ dataDir: request.dataDir }, 1);
  if (!loaded.ok) return loaded.exitCode;
  const { config } = loaded;
  const platform = await openPlatform(platformOptions(config));
  try {
    const running = await activeCampaign(platform.ctx);
    if (running) {
      console.error(
        `已有页脚巡检正在进行 / a footer campaign is already running: ${running.id} (${running.checked}/${running.total})`,
      );
      return 1;
    }
    const id = await createFooterCampaign(platform.ctx, "cli", null);
    const bar = new ProgressBar(process.stderr, "页脚巡检 / footer campaign");
    const summary = await runFooterCampaign(platform.ctx, id, {
      concurrency: request.concurrency,
      hostIntervalMs: request.hostIntervalMs,
      fetch: { timeoutMs: request.timeoutMs },
      onProgress: (progress) =>
        bar.update(
          progress.checked,
          progress.total,
          `✓${progress.passed} ✗${progress.failed} ?${progress.unreachable}`,
        ),
    });
    bar.finish();
    const failures = await failingChecks(platform, id);
    console.log(request.json ? campaignJson(summary, failures) : describeCampaign(summary, failures));
    return 0;
  } finally {
    await platform.close();
  }
}

function parseCampaignArgs(args: string[]): CampaignRequest {
  const { positionals, values } = parseCommandArgs(args, {
    all: { type: "boolean" },
    concurrency: { type: "string" },
    "host-interval": { type: "string" },
    timeout: { type: "string" },
    "data-dir": { type: "string" },
    json: { type: "boolean" },
  });
  if (positionals.length > 0) {
    throw new UsageError(`--all checks every filed website: no <url> ("${positionals[0]}")`);
  }
  return {
    concurrency: integerOption("--concurrency", values.concurrency, CAMPAIGN_DEFAULTS.concurrency, 1, 256),
    hostIntervalMs: integerOption(
      "--host-interval",
      values["host-interval"],
      CAMPAIGN_DEFAULTS.hostIntervalMs,
      0,
      600_000,
    ),
    timeoutMs: integerOption("--timeout", values.timeout, FETCH_DEFAULTS.timeoutMs, 1, 600_000),
    dataDir: values["data-dir"],
    json: values.json === true,
  };
}

function integerOption(name: string, raw: string | undefined, fallback: number, min: number, max: number) {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new UsageError(`${name} takes a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

interface CampaignFailure {
  websiteId: string;
  domain: string;
  websiteNumber: string;
  url: string;
  outcome: "failed" | "unreachable";
  problems: string[];
  reason: { zh: string; en: string } | null;
}

async function failingChecks(
  platform: Awaited<ReturnType<typeof openPlatform>>,
  campaignId: string,
): Promise<CampaignFailure[]> {
  const rows = await platform.ctx.db
    .selectFrom("footer_check")
    .innerJoin("website", "website.id", "footer_check.website_id")
    .select([
      "website.id",
      "website.domain",
      "website.website_number",
      "footer_check.url",
      "footer_check.outcome",
      "footer_check.report_json",
    ])
    .where("footer_check.campaign_id", "=", campaignId)
    .where("footer_check.outcome", "!=", "passed")
    .orderBy("website.domain")
    .execute();
  return rows.map((row) => {
    const report = JSON.parse(row.report_json) as {
      problems: Array<{ ruleId: string; severity: string; message: { zh: string; en: string } }>;
    };
    const errors = report.problems.filter((problem) => problem.severity === "error");
    return {
      websiteId: row.id,
      domain: row.domain,
      websiteNumber: row.website_number,
      url: row.url,
      outcome: row.outcome as "failed" | "unreachable",
      problems: errors.map((problem) => problem.ruleId),
      reason: errors[0]?.message ?? null,
    };
  });
}

/** The --json line: the summary's keys, then `failures`; later keys may be added. */
export function campaignJson(summary: CampaignSummary, failures: CampaignFailure[]): string {
  return JSON.stringify({ ...summary, failures });
}

function describeCampaign(summary: CampaignSummary, failures: CampaignFailure[]): string {
  const lines = [
    `页脚巡检完成 / footer campaign done: ${summary.checked} 个网站 / websites in ${(summary.durationMs / 1000).toFixed(1)} s`,
    `  合格 / passed: ${summary.passed}   不合格 / failed: ${summary.failed}   无法访问 / unreachable: ${summary.unreachable}   已通知 / owners told: ${summary.notified}`,
  ];
  for (const failure of failures) {
    const mark = failure.outcome === "failed" ? "✗" : "?";
    lines.push(
      `  ${mark} ${failure.domain} (${failure.websiteNumber}): ${failure.reason ? `${failure.reason.zh} / ${failure.reason.en}` : failure.problems.join(", ")}`,
    );
  }
  return lines.join("\n");
}
