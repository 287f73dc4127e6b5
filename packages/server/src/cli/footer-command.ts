import { readFooterExpectation, type FooterExpectation } from "@openbeian/core";
import { checkFooter, type FooterCheckReport } from "../footer/check-footer.ts";
import { FETCH_DEFAULTS, parseHttpUrl } from "../footer/fetch-page.ts";
import { describeProblem } from "./check-command.ts";
import { parseCommandArgs, parseOrExit, UsageError } from "./usage.ts";

/**
 * `beian footer <url>`: fetches one home page and checks its footer (issue 8) — the ICP
 * number shown, visible, in the province's form and linked to beian.miit.gov.cn; the
 * public-security number when given. Like `check`, it needs no configuration or
 * database. Exit codes: 0 ok (warnings allowed), 1 at least one error (an unreachable
 * site included), 2 usage error (usage on stderr).
 */
export const FOOTER_USAGE = `beian footer <url> [--expect <ICP number>] [--expect-psb <number>] [--timeout <ms>] [--json]

Fetches the home page (following redirects) and checks its footer: the ICP number is
there, visible, linked to https://beian.miit.gov.cn/ and in the province's form
(Guangdong: the subject number; elsewhere the website number with -N); the
public-security number, when given, is there and linked to beian.mps.gov.cn.

Options:
  --expect <n>       the site's ICP number: website number (浙ICP备2026001234号-1) or subject number
  --expect-psb <n>   the site's public-security number (京公网安备11000002000001号)
  --timeout <ms>     for the whole fetch, redirects included (default ${FETCH_DEFAULTS.timeoutMs})
  --json             print one line of JSON

Exit codes: 0 ok (warnings allowed), 1 at least one error (an unreachable site included),
2 usage error.`;

const MAX_TIMEOUT_MS = 600_000;

interface FooterRequest {
  url: string;
  expect: FooterExpectation;
  timeoutMs: number;
  json: boolean;
}

export async function runFooterCommand(args: string[]): Promise<number> {
  const parsed = parseOrExit("footer", FOOTER_USAGE, () => parseFooterArgs(args));
  if (!parsed.ok) return parsed.exitCode;
  const { request } = parsed;
  const report = await checkFooter(request.url, request.expect, { timeoutMs: request.timeoutMs });
  console.log(request.json ? footerJson(report) : describeFooter(report));
  return report.ok ? 0 : 1;
}

function parseFooterArgs(args: string[]): FooterRequest {
  const { positionals, values } = parseCommandArgs(args, {
    expect: { type: "string" },
    "expect-psb": { type: "string" },
    timeout: { type: "string" },
    json: { type: "boolean" },
  });
  const [url, ...rest] = positionals;
  if (url === undefined) throw new UsageError("missing <url>");
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  if (!parseHttpUrl(url)) {
    throw new UsageError(`not an http(s) URL: "${url}" (write it in full, e.g. https://example.cn/)`);
  }
  const expect: FooterExpectation = {};
  if (values.expect !== undefined) expect.icpNumber = values.expect;
  if (values["expect-psb"] !== undefined) expect.psbNumber = values["expect-psb"];
  const invalid = readFooterExpectation(expect).problems[0];
  if (invalid) throw new UsageError(invalid.message.en);
  let timeoutMs: number = FETCH_DEFAULTS.timeoutMs;
  if (values.timeout !== undefined) {
    timeoutMs = Number(values.timeout);
    if (!/^\d+$/.test(values.timeout.trim()) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
      throw new UsageError(
        `--timeout takes milliseconds from 1 to ${MAX_TIMEOUT_MS}, got "${values.timeout}"`,
      );
    }
  }
  return { url, expect, timeoutMs, json: values.json === true };
}

/** The --json line. The keys up to `problems`, in this order, are a contract; later keys may be added. */
export function footerJson(report: FooterCheckReport): string {
  return JSON.stringify({
    ok: report.ok,
    icpNumber: report.icpNumber,
    icpLinked: report.icpLinked,
    linkTarget: report.linkTarget,
    visible: report.visible,
    psbNumber: report.psbNumber,
    psbLinked: report.psbLinked,
    problems: report.problems,
    evidence: report.evidence,
    url: report.url,
  });
}

export function describeFooter(report: FooterCheckReport): string {
  const yes = (value: boolean) => (value ? "是 / yes" : "否 / no");
  const status = report.status === null ? "" : `HTTP ${report.status}, `;
  const lines = [
    `${report.ok ? "✓ 页脚合格 / footer ok" : "✗ 页脚不合格 / footer not ok"}: ${report.url} (${status}${report.fetchMs} ms)`,
    `  ICP备案号 / ICP number: ${report.icpNumber ?? "—"}`,
  ];
  if (report.icpNumber !== null) {
    lines.push(`  可见 / visible: ${yes(report.visible)}`);
    lines.push(`  链接 / link: ${report.icpLinked ? (report.linkTarget ?? "") : yes(false)}`);
  }
  lines.push(`  公安备案号 / public-security number: ${report.psbNumber ?? "—"}`);
  if (report.psbNumber !== null) lines.push(`  公安备案链接 / linked: ${yes(report.psbLinked)}`);
  if (report.evidence !== null) lines.push(`  页面代码 / evidence: ${report.evidence}`);
  for (const problem of report.problems) lines.push(describeProblem(problem));
  return lines.join("\n");
}
