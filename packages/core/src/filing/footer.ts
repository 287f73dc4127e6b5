import { parseIcpNumber } from "../validators/icp-number.ts";

/**
 * What a filed website must show at the bottom of its home page (fact base
 * §5.4): the filing number linked to MIIT's system. Guangdong shows the subject
 * number without the website suffix; every other province the website number.
 */
export const MIIT_URL = "https://beian.miit.gov.cn/";

/** Days from the site's opening to the public-security filing (公安联网备案, fact base §5.5, §8). */
export const PSB_FILING_DAYS = 30;

export function footerNumber(websiteNumber: string): string {
  const parsed = parseIcpNumber(websiteNumber);
  return parsed?.province.code === "44" ? parsed.subjectNumber : websiteNumber;
}

/** The HTML to paste into the footer; the number is plain text, so nothing needs escaping beyond it. */
export function footerSnippet(websiteNumber: string): string {
  const number = footerNumber(websiteNumber).replace(/[<>&"]/g, "");
  return `<a href="${MIIT_URL}" target="_blank" rel="noopener">${number}</a>`;
}
