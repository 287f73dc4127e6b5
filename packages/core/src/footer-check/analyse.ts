import { systemClock } from "../clock.ts";
import type { Problem } from "../filing/problem.ts";
import type { ProvinceRuleRow } from "../rules/province-rules.ts";
import { readFooterExpectation, type FooterExpectation } from "./expectation.ts";
import { findNumbers, type NumberMatch } from "./find-numbers.ts";
import { scanHtml, type ScannedPage } from "./html-scan.ts";
import { checkIcp } from "./icp-checks.ts";
import { checkPsb } from "./psb-checks.ts";

/**
 * The footer check on a page's HTML (issue 8): does the home page show what the fact
 * base (§5.4, §5.5) says a filed website must show — the ICP number, visible and linked
 * to MIIT's system, and the public-security number when the site has one? Pure: the
 * server fetches the page, the compliance campaign and `beian footer` call this.
 * `ok` is false when any problem is an error; warnings keep it true.
 */
export interface FooterCheck {
  ok: boolean;
  /** The ICP number as the page shows it (spaces removed, full-width folded); null when none. */
  icpNumber: string | null;
  icpLinked: boolean;
  /** The `href` of the link around the ICP number. */
  linkTarget: string | null;
  /** Whether a visitor sees the ICP number (false when there is none). */
  visible: boolean;
  psbNumber: string | null;
  psbLinked: boolean;
  problems: Problem[];
  /** The page's source around the ICP number (whitespace collapsed, at most 200 characters). */
  evidence: string | null;
}

export interface AnalyseFooterOptions {
  /** The day whose province rules apply (default: now). */
  today?: Date;
  /** Administrators' province-rule overrides (source "admin"). */
  ruleOverrides?: readonly ProvinceRuleRow[];
}

export const EVIDENCE_MAX_CHARS = 200;

export function analyseFooter(
  html: string,
  expect: FooterExpectation = {},
  options: AnalyseFooterOptions = {},
): FooterCheck {
  const expected = readFooterExpectation(expect);
  if (expected.problems.length > 0) return emptyFooterCheck(expected.problems);
  const page = scanHtml(html);
  const found = findNumbers(html, page);
  const icp = checkIcp(page, found.icp, expected, {
    today: options.today ?? systemClock.now(),
    ruleOverrides: options.ruleOverrides ?? [],
  });
  const psb = checkPsb(page, found.psb, expected, icp.province);
  const problems = [...icp.problems, ...psb.problems];
  return {
    ok: !problems.some((problem) => problem.severity === "error"),
    icpNumber: icp.match?.shown ?? null,
    icpLinked: icp.linked,
    linkTarget: icp.linkTarget,
    visible: icp.match !== null && icp.match.hidden === null,
    psbNumber: psb.match?.shown ?? null,
    psbLinked: psb.linked,
    problems,
    evidence: icp.match ? evidenceOf(html, page, icp.match) : null,
  };
}

/** The result when nothing could be analysed (an invalid expectation; the server adds fetch failures). */
export function emptyFooterCheck(problems: Problem[]): FooterCheck {
  return {
    ok: !problems.some((problem) => problem.severity === "error"),
    icpNumber: null,
    icpLinked: false,
    linkTarget: null,
    visible: false,
    psbNumber: null,
    psbLinked: false,
    problems,
    evidence: null,
  };
}

/**
 * The link element around the number (`<a href="…">浙ICP备…号-1</a>`) when it fits,
 * else the number with as much context on each side as fits.
 */
function evidenceOf(html: string, page: ScannedPage, match: NumberMatch): string {
  const link = match.link === null ? undefined : page.links[match.link];
  if (link) {
    const whole = collapse(html.slice(Math.min(link.start, match.start), Math.max(link.end, match.end)));
    if (whole.length <= EVIDENCE_MAX_CHARS) return whole;
  }
  const number = collapse(html.slice(match.start, match.end));
  if (number.length >= EVIDENCE_MAX_CHARS) return `${number.slice(0, EVIDENCE_MAX_CHARS - 1)}…`;
  const side = Math.floor((EVIDENCE_MAX_CHARS - number.length) / 2);
  const before = html.slice(Math.max(0, match.start - side * 4), match.start).replace(/\s+/g, " ");
  const after = html.slice(match.end, match.end + side * 4).replace(/\s+/g, " ");
  const head = before.length > side ? `…${before.slice(before.length - side + 1)}` : before;
  const tail = after.length > side ? `${after.slice(0, side - 1)}…` : after;
  return `${head}${number}${tail}`.trim();
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
