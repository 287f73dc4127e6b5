import { chinaDate } from "../calendar/workdays.ts";
import { ICP_PREFIX_CHARACTERS, provinceByIcpPrefix, type Province } from "../data/provinces.ts";
import type { Problem } from "../filing/problem.ts";
import { ALL_PROVINCE_RULE_ROWS, type ProvinceRuleRow } from "../rules/province-rules.ts";
import { resolveProvinceRules, type ResolvedRules } from "../rules/resolve.ts";
import type { ReadExpectation } from "./expectation.ts";
import type { NumberMatch } from "./find-numbers.ts";
import { footerProblem, HIDDEN_WHERE, type FooterProblemCode } from "./footer-problems.ts";
import type { ScannedPage } from "./html-scan.ts";
import { classifyMiitLink, MIIT_HOST } from "./link-targets.ts";

/**
 * The ICP number in the footer (fact base §5.4): shown, the right number with the
 * right province character, in the form the province wants (rule `siteNumberDisplay`:
 * Guangdong the subject number, elsewhere the website number with -N), visible, and
 * linked to beian.miit.gov.cn.
 */
export interface IcpFinding {
  match: NumberMatch | null;
  linked: boolean;
  linkTarget: string | null;
  /** The province whose rules applied: expected, else the number's character (2-digit code). */
  province: string | null;
  problems: Problem[];
}

export interface RuleOptions {
  today: Date;
  ruleOverrides: readonly ProvinceRuleRow[];
}

/** Everyday abbreviations a filing number must not use (§5.1). */
const EVERYDAY: Record<string, string> = { 川: "蜀", 贵: "黔", 云: "滇", 甘: "陇" };

export function checkIcp(
  page: ScannedPage,
  matches: NumberMatch[],
  expected: ReadExpectation,
  options: RuleOptions,
): IcpFinding {
  const problems: Problem[] = [];
  const match = pickIcp(page, matches, expected);
  const shownProvince = match?.prefix ? provinceByIcpPrefix(match.prefix) : undefined;
  const province = expected.province ?? shownProvince ?? null;
  const add = (code: FooterProblemCode, zh: string, en: string, source?: string) =>
    problems.push(footerProblem(code, { zh, en }, { province: province?.code, source }));

  if (!match) {
    const number = displayed(expected, options);
    add(
      "FOOTER_ICP_MISSING",
      `首页未找到ICP备案号${number ? `“${number}”` : ""}：须在首页底部显示备案号并链接到 https://${MIIT_HOST}/`,
      `No ICP number${number ? ` (${number})` : ""} found on the home page: show it at the bottom, linked to https://${MIIT_HOST}/`,
    );
    return { match: null, linked: false, linkTarget: null, province: province?.code ?? null, problems };
  }

  const numberOk = checkNumber(match, expected, add);
  if (numberOk) checkDisplayRule(match, province, options, add);
  if (match.hidden) {
    const where = HIDDEN_WHERE[match.hidden];
    add(
      "FOOTER_ICP_HIDDEN",
      `备案号${where.zh}，访问者看不到`,
      `The ICP number is ${where.en}: visitors do not see it`,
    );
  }
  const link = match.link === null ? undefined : page.links[match.link];
  const href = link?.href ?? null;
  if (href === null) {
    add(
      "FOOTER_ICP_NOT_LINKED",
      `备案号没有链接：须链接到工信部备案系统 https://${MIIT_HOST}/`,
      `The ICP number is not a link: it must link to MIIT's filing system https://${MIIT_HOST}/`,
    );
  } else {
    const kind = classifyMiitLink(href);
    if (kind === "old") {
      add(
        "FOOTER_ICP_LINK_OLD",
        `备案号链接到旧地址 ${href}：请改为 https://${MIIT_HOST}/`,
        `The ICP number links to the old address ${href}: change it to https://${MIIT_HOST}/`,
      );
    } else if (kind === "other") {
      add(
        "FOOTER_ICP_LINK_WRONG",
        `备案号链接到 ${href}，而不是工信部备案系统 https://${MIIT_HOST}/`,
        `The ICP number links to ${href} instead of MIIT's filing system https://${MIIT_HOST}/`,
      );
    }
    if (!match.linkCoversAll) {
      add(
        "FOOTER_ICP_PARTLY_LINKED",
        "只有部分备案号在链接里：请把完整的备案号（含“号”及后缀）放在同一个链接中",
        "Only part of the ICP number is inside the link: put the whole number (with 号 and the suffix) in one link",
      );
    }
  }
  return { match, linked: href !== null, linkTarget: href, province: province?.code ?? null, problems };
}

/**
 * The number to report on when there are several (an old one in a comment, a
 * licence-holder's group numbers…): the expected one first, then what a visitor sees,
 * then a proper link, then the last on the page (footers are at the bottom).
 */
function pickIcp(page: ScannedPage, matches: NumberMatch[], expected: ReadExpectation): NumberMatch | null {
  const score = (match: NumberMatch): number[] => {
    const href = match.link === null ? null : (page.links[match.link]?.href ?? null);
    const sameSerial = expected.icp !== null && match.digits === expected.icp.serial;
    return [
      sameSerial ? 1 : 0,
      sameSerial && match.prefix === expected.icp?.province.icpPrefix ? 1 : 0,
      match.hidden === null ? 1 : 0,
      href !== null && classifyMiitLink(href) === "current" ? 1 : 0,
      href !== null ? 1 : 0,
      match.start,
    ];
  };
  let best: { match: NumberMatch; score: number[] } | null = null;
  for (const match of matches) {
    const candidate = { match, score: score(match) };
    if (!best || compareScores(candidate.score, best.score) > 0) best = candidate;
  }
  return best?.match ?? null;
}

function compareScores(a: number[], b: number[]): number {
  for (let index = 0; index < a.length; index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

type Add = (code: FooterProblemCode, zh: string, en: string, source?: string) => void;

/** Shape, province character and identity of the number; false when it is not the filing's number. */
function checkNumber(match: NumberMatch, expected: ReadExpectation, add: Add): boolean {
  const shown = match.shown;
  const want = expected.icp;
  if (match.prefix === null || !match.hao || (match.digits.length !== 8 && match.digits.length !== 10)) {
    const why =
      match.prefix === null
        ? { zh: "缺少省份简称", en: "the province character is missing" }
        : !match.hao
          ? { zh: "数字后缺少“号”", en: "号 is missing after the digits" }
          : { zh: "数字应为8位或10位", en: "it should have 8 or 10 digits" };
    add(
      "FOOTER_ICP_FORMAT",
      `页面上的备案号“${shown}”格式不正确：${why.zh}`,
      `The ICP number on the page, "${shown}", is malformed: ${why.en}`,
    );
  }
  if (want && match.digits !== want.serial) {
    add(
      "FOOTER_ICP_WRONG_NUMBER",
      `页面显示的备案号“${shown}”不是本网站的备案号（${want.subjectNumber}）`,
      `The page shows "${shown}", which is not this website's filing (${want.subjectNumber})`,
    );
    return false;
  }
  if (match.prefix !== null && !ICP_PREFIX_CHARACTERS.includes(match.prefix)) {
    const hint = EVERYDAY[match.prefix];
    add(
      "FOOTER_ICP_WRONG_PROVINCE",
      `备案号开头的“${match.prefix}”不是任何省份的备案号简称${hint ? `（应为“${hint}”）` : ""}`,
      `"${match.prefix}" at the start of the number is no province's ICP character${hint ? ` (use ${hint})` : ""}`,
    );
  } else if (want && match.prefix !== null && match.prefix !== want.province.icpPrefix) {
    add(
      "FOOTER_ICP_WRONG_PROVINCE",
      `备案号的省份简称应为“${want.province.icpPrefix}”（${want.province.zh}），页面上是“${match.prefix}”`,
      `The number's province character should be ${want.province.icpPrefix} (${want.province.en}), the page shows ${match.prefix}`,
    );
  }
  const kind = match.suffix?.slice(-1) ?? "";
  if (/[AXK]/.test(kind)) {
    add(
      "FOOTER_ICP_NOT_WEBSITE",
      `“${shown}”是App、小程序或快应用的备案号（后缀${match.suffix}），网站应显示网站备案号`,
      `"${shown}" is an app, mini-program or quick-app number (suffix ${match.suffix}); a website shows its website number`,
    );
    return false;
  }
  const wantSequence = want?.service?.sequence;
  if (wantSequence !== undefined && match.suffix !== null && match.suffix !== `-${wantSequence}`) {
    add(
      "FOOTER_ICP_WRONG_NUMBER",
      `页面显示“${shown}”，是同一主体另一个网站的号码；本网站是 ${want?.subjectNumber}-${wantSequence}`,
      `The page shows "${shown}", another website of the same subject; this website is ${want?.subjectNumber}-${wantSequence}`,
    );
    return false;
  }
  return true;
}

interface DisplayRule {
  display: ResolvedRules["siteNumberDisplay"];
  sources: readonly string[];
}

/**
 * siteNumberDisplay per province and China day, from the shipped rows alone. Resolving
 * a province's rules works through every rule key and row, many times the cost of the
 * rest of a footer check; the shipped rows never change, and the campaign checks
 * thousands of sites on one day.
 */
const SHIPPED_DISPLAY_RULES = new Map<string, DisplayRule>();
const DISPLAY_RULES_KEPT = 1000;

function displayRule(province: Province, options: RuleOptions): DisplayRule {
  // Each rule is resolved from its own rows only, so overrides of other rules change nothing here.
  if (options.ruleOverrides.some((row) => row.rule === "siteNumberDisplay")) {
    return resolveDisplayRule(province, options.today, options.ruleOverrides);
  }
  const key = `${province.code} ${chinaDate(options.today)}`;
  let rule = SHIPPED_DISPLAY_RULES.get(key);
  if (!rule) {
    if (SHIPPED_DISPLAY_RULES.size >= DISPLAY_RULES_KEPT) SHIPPED_DISPLAY_RULES.clear();
    rule = resolveDisplayRule(province, options.today, []);
    SHIPPED_DISPLAY_RULES.set(key, rule);
  }
  return rule;
}

function resolveDisplayRule(
  province: Province,
  today: Date,
  overrides: readonly ProvinceRuleRow[],
): DisplayRule {
  const resolved = resolveProvinceRules(ALL_PROVINCE_RULE_ROWS, province.code, today, overrides);
  return { display: resolved.rules.siteNumberDisplay, sources: resolved.sources.siteNumberDisplay };
}

/** The number the footer should show, when it is known. */
function displayed(expected: ReadExpectation, options: RuleOptions): string | null {
  const want = expected.icp;
  if (!want) return null;
  const province = expected.province ?? want.province;
  const { display } = displayRule(province, options);
  if (display === "subject_number" || !want.service) return want.subjectNumber;
  return `${want.subjectNumber}-${want.service.sequence}`;
}

/**
 * Fact base §5.4 [H-AFTER] [J-GD]: Guangdong shows the subject number (no -N), other
 * provinces the website number (-N). Providers' notices disagree on this (peer survey,
 * pain point 16), so a footer in the other form is a warning, not an error.
 */
function checkDisplayRule(match: NumberMatch, province: Province | null, options: RuleOptions, add: Add) {
  if (!province) return;
  const { display, sources } = displayRule(province, options);
  const source = `fact-base §5.4; siteNumberDisplay (${province.code}): ${sources.join(", ")}`;
  if (display === "subject_number" && match.suffix !== null) {
    add(
      "FOOTER_ICP_SUFFIX_SHOWN",
      `${province.zh}的网站页脚应显示主体备案号（不带“${match.suffix}”），页面显示的是网站备案号“${match.shown}”`,
      `In ${province.en} the footer shows the subject number (without "${match.suffix}"); the page shows the website number "${match.shown}"`,
      source,
    );
  } else if (display === "website_number" && match.suffix === null) {
    add(
      "FOOTER_ICP_SUFFIX_MISSING",
      `${province.zh}的网站页脚应显示网站备案号（带“-N”后缀），页面显示的是主体备案号“${match.shown}”`,
      `In ${province.en} the footer shows the website number (with its -N suffix); the page shows the subject number "${match.shown}"`,
      source,
    );
  }
}
