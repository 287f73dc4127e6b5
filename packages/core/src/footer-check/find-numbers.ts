import { ICP_PREFIX_CHARACTERS } from "../data/provinces.ts";
import { PSB_PREFIX_CHARACTERS } from "../validators/psb-number.ts";
import { offsetInSource, type HiddenReason, type ScannedPage } from "./html-scan.ts";

/**
 * Finds ICP and public-security numbers in the scanned text as a visitor reads it,
 * not as the markup spells it: `浙ICP备 2026001234号-1`, `浙ICP备<span>2026001234</span>号`,
 * `浙ＩＣＰ备２０２６００１２３４号－１` (full-width), `&nbsp;` or a line break after 备, and
 * a Big5 page's `粵ICP備…號` all read as the same number. Text is searched across element
 * boundaries; each HTML comment is searched on its own (a comment in the middle of a
 * number is not how anyone writes a footer, a comment next to one is).
 */
export interface NumberMatch {
  /** The number as shown, folded: no spaces, half-width, simplified characters. */
  shown: string;
  /** The province character before ICP / 公网安备; null when there is none. */
  prefix: string | null;
  digits: string;
  /** Whether 号 follows the digits. */
  hao: boolean;
  /** The service suffix as shown ("-1", "-2A"); ICP numbers only. */
  suffix: string | null;
  /** Why a visitor does not see it (the first hidden piece); null when shown. */
  hidden: HiddenReason | null;
  /** Index into the page's links of the `<a>` around the number, or around part of it. */
  link: number | null;
  linkCoversAll: boolean;
  /** Source offsets of the number's first character and just after its last. */
  start: number;
  end: number;
}

/**
 * Only a province character counts as the number's prefix (with 川 贵 云 甘, wrong for
 * ICP numbers but written by people): text runs together across elements, so any
 * other character before "ICP" is the end of the previous sentence, not the prefix.
 */
const ICP = new RegExp(
  `([${ICP_PREFIX_CHARACTERS}川贵云甘])? *ICP *备 *(\\d+) *(号)?(?: *-(\\d+)(?:([AXK])(?![A-Z]))?)?`,
  "gi",
);
const PSB = new RegExp(`([${PSB_PREFIX_CHARACTERS}])? *公 *网 *安 *备 *(\\d+) *(号)?`, "g");

/** Characters of a Big5 (traditional) page that appear in these numbers. */
const TRADITIONAL: Record<string, string> = {
  備: "备",
  號: "号",
  網: "网",
  證: "证",
  粵: "粤",
  滬: "沪",
  遼: "辽",
  蘇: "苏",
  魯: "鲁",
  贛: "赣",
  閩: "闽",
  瓊: "琼",
  晉: "晋",
  陝: "陕",
  隴: "陇",
  寧: "宁",
  貴: "贵",
  雲: "云",
};
/**
 * What folding touches: white space (with &nbsp; and the ideographic space), invisible
 * characters, dashes, full-width ASCII (！ to ～) and the traditional characters above.
 * Every replacement is one UTF-16 unit for one, so a position in folded text is the
 * same position in the run's text (invisible characters become spaces, which the
 * patterns allow between the parts of a number).
 */
const FOLDED = new RegExp(
  `[\\s\\u00ad\\u200b-\\u200d\\u2060\\ufeff\\u2010-\\u2015\\u2212\\ufe58\\ufe63\\uff01-\\uff5e${Object.keys(TRADITIONAL).join("")}]`,
  "g",
);
const DASH = /[\u2010-\u2015\u2212\ufe58\ufe63]/;

function foldChar(char: string): string {
  const traditional = TRADITIONAL[char];
  if (traditional !== undefined) return traditional;
  const code = char.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  return DASH.test(char) ? "-" : " ";
}

/** A number typed by a person (an expectation), folded the way page text is. */
export function foldNumber(text: string): string {
  return text.replace(FOLDED, foldChar).replace(/ /g, "");
}

/** The folded text of one comment, or of everything outside comments, with where each run starts in it. */
interface Channel {
  text: string;
  runs: number[];
  starts: number[];
}

export function findNumbers(html: string, page: ScannedPage): { icp: NumberMatch[]; psb: NumberMatch[] } {
  const building = new Map<number, { parts: string[]; runs: number[]; starts: number[]; length: number }>();
  page.runs.forEach((run, runIndex) => {
    const key = run.comment ?? -1;
    let channel = building.get(key);
    if (!channel) building.set(key, (channel = { parts: [], runs: [], starts: [], length: 0 }));
    channel.parts.push(run.text.replace(FOLDED, foldChar));
    channel.runs.push(runIndex);
    channel.starts.push(channel.length);
    channel.length += run.text.length;
  });
  const icp: NumberMatch[] = [];
  const psb: NumberMatch[] = [];
  for (const { parts, runs, starts } of building.values()) {
    const channel: Channel = { text: parts.join(""), runs, starts };
    for (const match of channel.text.matchAll(ICP)) {
      const [, prefix, digits = "", hao, sequence, kind] = match;
      const suffix = sequence === undefined ? null : `-${sequence}${(kind ?? "").toUpperCase()}`;
      const shown = `${prefix ?? ""}ICP备${digits}${hao ? "号" : ""}${suffix ?? ""}`;
      icp.push(describe(html, page, channel, match, { shown, prefix, digits, hao, suffix }));
    }
    for (const match of channel.text.matchAll(PSB)) {
      const [, prefix, digits = "", hao] = match;
      const shown = `${prefix ?? ""}公网安备${digits}${hao ? "号" : ""}`;
      psb.push(describe(html, page, channel, match, { shown, prefix, digits, hao, suffix: null }));
    }
  }
  const byPosition = (a: NumberMatch, b: NumberMatch) => a.start - b.start;
  return { icp: icp.sort(byPosition), psb: psb.sort(byPosition) };
}

function describe(
  html: string,
  page: ScannedPage,
  channel: Channel,
  match: RegExpExecArray,
  found: {
    shown: string;
    prefix: string | undefined;
    digits: string;
    hao: string | undefined;
    suffix: string | null;
  },
): NumberMatch {
  // Leading and trailing spaces belong to the pattern, not to the number.
  const first = match.index + (match[0].length - match[0].trimStart().length);
  const last = match.index + match[0].trimEnd().length - 1;
  let hidden: HiddenReason | null = null;
  const links = new Set<number | null>();
  for (let index = first; index <= last; index++) {
    if (channel.text[index] === " ") continue;
    const run = page.runs[locate(channel, index).run];
    if (!run) continue;
    hidden ??= run.hidden;
    links.add(run.link);
  }
  const link = [...links].find((value) => value !== null) ?? null;
  return {
    shown: found.shown,
    prefix: found.prefix ?? null,
    digits: found.digits,
    hao: found.hao !== undefined,
    suffix: found.suffix,
    hidden,
    link,
    linkCoversAll: link !== null && links.size === 1,
    start: sourceStart(html, page, channel, first),
    end: sourceEnd(html, page, channel, last),
  };
}

/** The run (page index) and the unit within its text of a position in the channel. */
function locate(channel: Channel, index: number): { run: number; unit: number } {
  let low = 0;
  let high = channel.starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((channel.starts[middle] ?? 0) <= index) low = middle;
    else high = middle - 1;
  }
  return { run: channel.runs[low] ?? 0, unit: index - (channel.starts[low] ?? 0) };
}

function sourceStart(html: string, page: ScannedPage, channel: Channel, index: number): number {
  const { run, unit } = locate(channel, index);
  const found = page.runs[run];
  return found ? offsetInSource(html, found, unit) : 0;
}

/** Just after the source of the unit at `index`: where the next unit starts, or the run's end. */
function sourceEnd(html: string, page: ScannedPage, channel: Channel, index: number): number {
  const { run, unit } = locate(channel, index);
  const found = page.runs[run];
  if (!found) return 0;
  return unit + 1 < found.text.length ? offsetInSource(html, found, unit + 1) : found.end;
}
