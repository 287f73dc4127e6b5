import { provinceByCode, type Province } from "../data/provinces.ts";
import type { Problem } from "../filing/problem.ts";
import { parseIcpNumber, type IcpNumber } from "../validators/icp-number.ts";
import { checkPsbNumber } from "../validators/psb-number.ts";
import { foldNumber } from "./find-numbers.ts";
import { footerProblem } from "./footer-problems.ts";

/**
 * What the footer should show, as the caller (the platform's records, or an operator
 * on the command line) states it, read through the validators the rest of the
 * platform uses. Checked before any page is fetched: a check against a number that
 * cannot exist would only produce misleading problems. The command line turns these
 * problems into a usage error.
 */
export interface FooterExpectation {
  /** The website number (`浙ICP备2026001234号-1`) or the subject number. */
  icpNumber?: string;
  /** The public-security number (`浙公网安备33010602000001号`). */
  psbNumber?: string;
  /** Two-digit province code; when absent, the ICP number's province character decides. */
  province?: string;
}

export interface ReadExpectation {
  icp: IcpNumber | null;
  /** The expected number's 14 digits. */
  psbDigits: string | null;
  /** From `province`, else from the ICP number. */
  province: Province | null;
  problems: Problem[];
}

export function readFooterExpectation(expect: FooterExpectation): ReadExpectation {
  const problems: Problem[] = [];
  const invalid = (zh: string, en: string) =>
    problems.push(footerProblem("FOOTER_EXPECT_INVALID", { zh, en }));
  let icp: IcpNumber | null = null;
  if (expect.icpNumber !== undefined) {
    icp = parseIcpNumber(foldNumber(expect.icpNumber));
    if (!icp) {
      invalid(
        `预期的ICP备案号“${expect.icpNumber}”格式不正确（如 浙ICP备2026001234号-1）`,
        `The expected ICP number "${expect.icpNumber}" is not valid (e.g. 浙ICP备2026001234号-1)`,
      );
    } else if (icp.service && icp.service.kind !== "website") {
      invalid(
        `“${expect.icpNumber}”不是网站备案号：网站的号码以 -N 结尾（-NA App，-NX 小程序，-NK 快应用）`,
        `"${expect.icpNumber}" is not a website number: websites end in -N (-NA app, -NX mini program, -NK quick app)`,
      );
      icp = null;
    }
  }
  let psbDigits: string | null = null;
  if (expect.psbNumber !== undefined) {
    const psb = checkPsbNumber(foldNumber(expect.psbNumber));
    if (psb.ok && psb.normalized) psbDigits = psb.normalized.replace(/\D/g, "");
    else
      invalid(
        `预期的公安联网备案号“${expect.psbNumber}”不正确（省份简称+公网安备+14位数字+号，行政区划须属该省）`,
        `The expected public-security number "${expect.psbNumber}" is not valid (<province>公网安备<14 digits>号, its division in that province)`,
      );
  }
  let province: Province | null = icp?.province ?? null;
  if (expect.province !== undefined) {
    const code = expect.province.trim();
    const found = /^\d{2}(?:\d{4})?$/.test(code) ? provinceByCode(code) : undefined;
    if (found) province = found;
    else invalid(`未知的省份代码“${expect.province}”`, `Unknown province code "${expect.province}"`);
  }
  return { icp, psbDigits, province, problems };
}
