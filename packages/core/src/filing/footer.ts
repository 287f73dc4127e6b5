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
