import type { Problem } from "../filing/problem.ts";
import { checkPsbNumber } from "../validators/psb-number.ts";
import type { ReadExpectation } from "./expectation.ts";
import type { NumberMatch } from "./find-numbers.ts";
import { footerProblem, HIDDEN_WHERE, type FooterProblemCode } from "./footer-problems.ts";
import type { ScannedPage } from "./html-scan.ts";
import { classifyMpsLink, MPS_HOST, psbLinkCode, psbQueryUrl } from "./link-targets.ts";

/**
 * The public-security number (公安联网备案号, fact base §5.5, §8): required when the site
 * has one (providers reject "底部未悬挂公安联网备案号", [H-ERR]); when shown, it must be
 * well-formed and visible. The link to the MPS platform and the icon come from the
 * platform's snippet; the fact base saw the link pattern only in deployment guides
 * (§5.5 ❓), so link and icon problems are warnings.
 */
export interface PsbFinding {
  match: NumberMatch | null;
  linked: boolean;
  problems: Problem[];
}

/** How far before or after the number an `<img>` still counts as its icon (source characters). */
const ICON_BEFORE = 400;
const ICON_AFTER = 200;

export function checkPsb(
  page: ScannedPage,
  matches: NumberMatch[],
  expected: ReadExpectation,
  province: string | null,
): PsbFinding {
  const problems: Problem[] = [];
  const add = (code: FooterProblemCode, zh: string, en: string) =>
    problems.push(footerProblem(code, { zh, en }, { province }));
  const match = pickPsb(page, matches, expected.psbDigits);
  const wantDigits = expected.psbDigits;

  if (!match) {
    if (wantDigits !== null) {
      add(
        "FOOTER_PSB_MISSING",
        `首页未找到公安联网备案号（${wantDigits}）：须在首页底部显示，并附公安备案图标和链接`,
        `No public-security number (${wantDigits}) found on the home page: show it at the bottom with the icon and link`,
      );
    }
    return { match: null, linked: false, problems };
  }

  const shown = match.shown;
  const checked = checkPsbNumber(`${match.prefix ?? ""}公网安备${match.digits}号`);
  if (!checked.ok || !match.hao) {
    const why = !match.hao
      ? { zh: "数字后缺少“号”", en: "号 is missing after the digits" }
      : checked.problem === "region"
        ? {
            zh: "行政区划代码与省份简称不一致",
            en: "the division code is not in the province its character names",
          }
        : checked.problem === "prefix"
          ? { zh: "省份简称不正确", en: "the province character is wrong" }
          : { zh: "应为“省份简称+公网安备+14位数字+号”", en: "it reads <province>公网安备<14 digits>号" };
    add(
      "FOOTER_PSB_FORMAT",
      `页面上的公安联网备案号“${shown}”格式不正确：${why.zh}`,
      `The public-security number on the page, "${shown}", is malformed: ${why.en}`,
    );
  }
  if (wantDigits !== null && match.digits !== wantDigits) {
    add(
      "FOOTER_PSB_WRONG_NUMBER",
      `页面显示的公安联网备案号“${shown}”与本网站的号码（${wantDigits}）不一致`,
      `The page shows the public-security number "${shown}", not this website's (${wantDigits})`,
    );
  }
  if (match.hidden) {
    const where = HIDDEN_WHERE[match.hidden];
    add(
      "FOOTER_PSB_HIDDEN",
      `公安联网备案号${where.zh}，访问者看不到`,
      `The public-security number is ${where.en}: visitors do not see it`,
    );
  }
  const href = match.link === null ? null : (page.links[match.link]?.href ?? null);
  const query = psbQueryUrl(match.digits);
  if (href === null) {
    add(
      "FOOTER_PSB_NOT_LINKED",
      `公安联网备案号没有链接：建议链接到 ${query}`,
      `The public-security number is not a link: link it to ${query}`,
    );
  } else {
    const kind = classifyMpsLink(href);
    if (kind === "old") {
      add(
        "FOOTER_PSB_LINK_OLD",
        `公安联网备案号链接到旧平台地址 ${href}：建议改为 ${query}`,
        `The public-security number links to the platform's old address ${href}: change it to ${query}`,
      );
    } else if (kind === "other") {
      add(
        "FOOTER_PSB_LINK_WRONG",
        `公安联网备案号链接到 ${href}，而不是全国互联网安全管理服务平台（${MPS_HOST}）`,
        `The public-security number links to ${href}, not to the MPS platform (${MPS_HOST})`,
      );
    }
    const code = psbLinkCode(href);
    if (kind !== "other" && code !== null && code !== match.digits) {
      add(
        "FOOTER_PSB_LINK_CODE",
        `公安备案链接查询的是 ${code}，与显示的号码 ${match.digits} 不一致`,
        `The link queries ${code}, not the number shown (${match.digits})`,
      );
    }
  }
  if (!hasIcon(page, match)) {
    add(
      "FOOTER_PSB_ICON_MISSING",
      "公安联网备案号旁没有找到备案图标（<img>）；若图标由CSS背景显示，可忽略此提示",
      "No icon (<img>) next to the public-security number; if a CSS background shows it, ignore this",
    );
  }
  return { match, linked: href !== null, problems };
}

function pickPsb(page: ScannedPage, matches: NumberMatch[], wantDigits: string | null): NumberMatch | null {
  const rank = (match: NumberMatch): number => {
    const href = match.link === null ? null : (page.links[match.link]?.href ?? null);
    return (
      (match.digits === wantDigits ? 8 : 0) +
      (match.hidden === null ? 4 : 0) +
      (href !== null && classifyMpsLink(href) === "current" ? 2 : 0) +
      (href !== null ? 1 : 0)
    );
  };
  // Equal ranks: the later one, as footers are at the bottom.
  return matches.reduce<NumberMatch | null>(
    (best, match) => (best === null || rank(match) >= rank(best) ? match : best),
    null,
  );
}

/** A shown `<img>` inside the number's link or just around the number. */
function hasIcon(page: ScannedPage, match: NumberMatch): boolean {
  // Where first: whether an image is seen is worked out only when asked (element-frames.ts).
  return page.images.some(
    (image) =>
      ((match.link !== null && image.link === match.link) ||
        (image.start >= match.start - ICON_BEFORE && image.start <= match.end + ICON_AFTER)) &&
      image.hidden === null,
  );
}
