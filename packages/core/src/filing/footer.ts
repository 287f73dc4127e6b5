import type { SiteNumberDisplay } from "../rules/province-rules.ts";
import { parseIcpNumber } from "../validators/icp-number.ts";

/**
 * What a filed website must show at the bottom of its home page (fact base
 * §5.4): the filing number linked to MIIT's system. Which number is province
 * data (the rule `siteNumberDisplay`: Guangdong the subject number without the
 * website suffix, elsewhere the website number).
 */
export const MIIT_URL = "https://beian.miit.gov.cn/";

/** Days from the site's opening to the public-security filing (公安联网备案, fact base §5.5, §8). */
export const PSB_FILING_DAYS = 30;

export function footerNumber(websiteNumber: string, display: SiteNumberDisplay): string {
  const parsed = parseIcpNumber(websiteNumber);
  return parsed && display === "subject_number" ? parsed.subjectNumber : websiteNumber;
}

/** The HTML to paste into the footer; the number is plain text, so nothing needs escaping beyond it. */
export function footerSnippet(websiteNumber: string, display: SiteNumberDisplay): string {
  const number = footerNumber(websiteNumber, display).replace(/[<>&"]/g, "");
  return `<a href="${MIIT_URL}" target="_blank" rel="noopener">${number}</a>`;
}

/** The public-security platform's query page for one number (fact base §5.5: observed pattern). */
export const PSB_QUERY_URL = "https://beian.mps.gov.cn/#/query/webSearch";

/**
 * The badge the public-security platform hands out with the number, to be
 * downloaded there and put beside the page; the snippet refers to it by this
 * file name (no official address for hot-linking it is known, fact base §5.5).
 */
export const PSB_ICON_FILE = "psb-icon.png";

/** The public-security number as the footer shows it: the icon and the number linked to its query page. */
export function psbFooterSnippet(psbNumber: string): string {
  const digits = /\d{14}/.exec(psbNumber)?.[0] ?? "";
  const text = psbNumber.replace(/[<>&"]/g, "");
  return `<a href="${PSB_QUERY_URL}?code=${digits}" target="_blank" rel="noopener"><img src="/${PSB_ICON_FILE}" alt="" style="width:16px;height:16px;vertical-align:middle">${text}</a>`;
}
