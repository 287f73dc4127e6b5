import {
  analyseFooter,
  emptyFooterCheck,
  readFooterExpectation,
  type AnalyseFooterOptions,
  type FooterCheck,
  type FooterExpectation,
  type Problem,
} from "@openbeian/core";
import { fetchHomePage, FetchPageError, type FetchPageOptions } from "./fetch-page.ts";
import { fetchProblem } from "./fetch-problems.ts";

/**
 * One site's footer check: fetch the home page, analyse it. It never throws: a site
 * that cannot be read is itself the finding (a reviewer who cannot open it rejects),
 * so every failure becomes a problem with a stable code and `ok: false`. The
 * compliance campaign runs this for many sites and must get a result for each.
 */
export interface FooterCheckReport extends FooterCheck {
  /** The URL finally answered (after redirects), or the one that failed. */
  url: string;
  /** The final HTTP status; null when no answer came. */
  status: number | null;
  fetchMs: number;
  truncated: boolean;
}

export type CheckFooterOptions = FetchPageOptions & AnalyseFooterOptions;

export async function checkFooter(
  url: string,
  expect: FooterExpectation = {},
  options: CheckFooterOptions = {},
): Promise<FooterCheckReport> {
  const started = performance.now();
  const failed = (problems: Problem[], at: string, status: number | null = null): FooterCheckReport => ({
    ...emptyFooterCheck(problems),
    url: at,
    status,
    fetchMs: Math.round(performance.now() - started),
    truncated: false,
  });
  try {
    // A check against a number that cannot exist would only mislead: no fetch.
    const expectation = readFooterExpectation(expect);
    if (expectation.problems.length > 0) return failed(expectation.problems, url);
    const page = await fetchHomePage(url, options);
    const analysed = analyseFooter(page.html, expect, {
      ...(options.today ? { today: options.today } : {}),
      ...(options.ruleOverrides ? { ruleOverrides: options.ruleOverrides } : {}),
    });
    const problems = page.truncated
      ? [...analysed.problems, fetchProblem("FOOTER_PAGE_TRUNCATED", `${page.bytes} bytes`)]
      : analysed.problems;
    return {
      ...analysed,
      problems,
      url: page.url,
      status: page.status,
      fetchMs: page.fetchMs,
      truncated: page.truncated,
    };
  } catch (error) {
    if (error instanceof FetchPageError) {
      return failed([fetchProblem(error.code, error.detail)], error.url, error.status ?? null);
    }
    const detail = error instanceof Error ? error.message : String(error);
    return failed([fetchProblem("FOOTER_CHECK_FAILED", detail)], url);
  }
}
