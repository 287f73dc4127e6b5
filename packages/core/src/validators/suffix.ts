import { chinaDate } from "../calendar/workdays.ts";
import { SUFFIX_LISTS, type SuffixList } from "../data/approved-suffixes.ts";
import { analyzeDomain, type DomainAnalysis } from "./domain.ts";
import { domainLabelsToAscii } from "./punycode.ts";

export interface SuffixCheck {
  ok: boolean;
  /**
   * The longest listed suffix the domain ends with, in Unicode ("com.cn", "中国"); when
   * none matches (or an excluded one does), the suffix that was refused: the excluded
   * entry, else the domain's public suffix, else its last label.
   */
  suffix: string;
  /** `suffix` in ASCII ("xn--fiqs8s"). */
  suffixAscii: string;
  list: SuffixList["id"];
  source: string;
  effectiveFrom: string;
}

export interface SuffixCheckOptions {
  /** Two-digit province code of the filing bureau; "11" selects Beijing's list. */
  provinceCode?: string;
  /** The day the check is for; picks the list in force then. */
  on: Date;
}

/**
 * The list in force for a province on a day: the newest province list already in
 * force, else the newest general list in force, else (a day before any list we hold)
 * the oldest general list, the best data we have.
 */
export function suffixListFor(provinceCode: string | undefined, on: Date): SuffixList {
  const day = chinaDate(on);
  const newest = (lists: SuffixList[]) =>
    lists
      .filter((list) => list.effectiveFrom <= day)
      .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  const general = SUFFIX_LISTS.filter((list) => list.provinceCode === undefined);
  const own = SUFFIX_LISTS.filter((list) => provinceCode !== undefined && list.provinceCode === provinceCode);
  const fallback = [...general].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
  const chosen = newest(own) ?? newest(general) ?? fallback;
  if (!chosen) throw new Error("no suffix list");
  return chosen;
}

function endsWithSuffix(name: string, suffix: string): boolean {
  return name === suffix || name.endsWith(`.${suffix}`);
}

/**
 * Is the domain's suffix approved by MIIT for filing (fact base §4.1 rule 1, §4.2)?
 * Takes a DomainAnalysis or a name / suffix string ("example.com.cn", ".com.cn",
 * "中国", "xn--fiqs8s"). The suffix tested is the longest listed suffix the name ends
 * with ("gov.cn", "com.cn", "bj.cn", "cn"); if a longer excluded entry matches (Beijing:
 * hk.cn, tw.cn) the name is refused. Names under unlisted suffixes (.app, .io, .me,
 * .org) are refused. Beijing (provinceCode "11", from 2019-01-01) uses its own list.
 */
export function checkSuffix(domain: DomainAnalysis | string, options: SuffixCheckOptions): SuffixCheck {
  const list = suffixListFor(options.provinceCode, options.on);
  const analysis = typeof domain === "string" ? analyzeDomain(domain.trim().replace(/^[.。]/, "")) : domain;
  const name = analysis.unicode ?? (typeof domain === "string" ? domain.trim().toLowerCase() : "");
  const longest = (candidates: readonly string[]) =>
    candidates
      .filter((suffix) => endsWithSuffix(name, suffix))
      .sort((a, b) => b.split(".").length - a.split(".").length)[0];
  const approved = longest(list.suffixes);
  const excluded = longest(list.excluded);
  const refusedExcluded =
    excluded !== undefined &&
    (approved === undefined || excluded.split(".").length > approved.split(".").length);
  const base = { list: list.id, source: list.source, effectiveFrom: list.effectiveFrom };
  if (approved !== undefined && !refusedExcluded) {
    return { ok: true, suffix: approved, suffixAscii: domainLabelsToAscii(approved), ...base };
  }
  const refused =
    (refusedExcluded ? excluded : undefined) ?? analysis.publicSuffixUnicode ?? name.split(".").pop() ?? name;
  let refusedAscii = refused;
  try {
    refusedAscii = domainLabelsToAscii(refused);
  } catch {
    // keep the text as typed
  }
  return { ok: false, suffix: refused, suffixAscii: refusedAscii, ...base };
}
