import { ICP_PREFIX_CHARACTERS } from "../data/provinces.ts";
import { PSB_PREFIX_CHARACTERS } from "../validators/psb-number.ts";
import type { ScannedPage } from "./html-scan.ts";
import type { HiddenReason } from "./text-pieces.ts";
import { PieceText } from "./piece-text.ts";
import { isSpace } from "./start-tag.ts";

/**
 * Finds ICP and public-security numbers in the scanned text as a visitor reads it,
 * not as the markup spells it: `浙ICP备 2026001234号-1`, `浙ICP备<span>2026001234</span>号`,
 * `浙ＩＣＰ备２０２６００１２３４号－１` (full-width), `&nbsp;` or a line break after 备, and
 * a Big5 page's `粵ICP備…號` all read as the same number. Text is searched across element
 * boundaries; each HTML comment is searched on its own (a comment in the middle of a
 * number is not how anyone writes a footer, a comment next to one is).
 *
 * Every number has exactly one 备 (備 on a Big5 page), and a page has few. So the
 * search does not fold the page's text and run the patterns over all of it: it finds
 * the 备s in the source (a literal one, or a numeric reference such as `&#22791;`),
 * reads the text around each — back over what may come before 备 in a number, forward
 * over what may come after — folds that window and runs the pattern on it. The result
 * is what the pattern run over the whole folded text gives (see searchChannel).
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
const ICP_PREFIXES = `${ICP_PREFIX_CHARACTERS}川贵云甘`;
const ICP = new RegExp(
  `([${ICP_PREFIXES}])? *ICP *备 *(\\d+) *(号)?(?: *-(\\d+)(?:([AXK])(?![A-Z]))?)?`,
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
const TRADITIONAL_CODES = new Map(
  Object.entries(TRADITIONAL).map(([from, to]) => [from.charCodeAt(0), to.charCodeAt(0)]),
);

function foldChar(char: string): string {
  const traditional = TRADITIONAL[char];
  if (traditional !== undefined) return traditional;
  const code = char.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  return DASH.test(char) ? "-" : " ";
}

/** foldChar on one UTF-16 unit, for text read a character at a time. */
export function foldCode(code: number): number {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d) ? 0x20 : code;
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  const traditional = TRADITIONAL_CODES.get(code);
  if (traditional !== undefined) return traditional;
  if ((code >= 0x2010 && code <= 0x2015) || code === 0x2212 || code === 0xfe58 || code === 0xfe63)
    return 0x2d;
  if (isSpace(code) || code === 0xad || (code >= 0x200b && code <= 0x200d) || code === 0x2060) return 0x20;
  return code;
}

/** A number typed by a person (an expectation), folded the way page text is. */
export function foldNumber(text: string): string {
  return text.replace(FOLDED, foldChar).replace(/ /g, "");
}

/** What a pattern's groups say about the number. */
interface Parts {
  shown: string;
  prefix: string | undefined;
  digits: string;
  hao: string | undefined;
  suffix: string | null;
}

/**
 * A number's pattern, with the (folded) characters that may stand between the start
 * of a match and its 备 and after its 备: the window read around a 备 spans these.
 */
interface NumberPattern {
  regex: RegExp;
  before: Set<number>;
  after: Set<number>;
  parts: (match: RegExpExecArray) => Parts;
}

const codesOf = (text: string) => new Set([...text].map((char) => char.charCodeAt(0)));

const ICP_PATTERN: NumberPattern = {
  regex: ICP,
  before: codesOf(` ICPicp${ICP_PREFIXES}`),
  after: codesOf(" 0123456789号-AXKaxk"),
  parts: (match) => {
    const [, prefix, digits = "", hao, sequence, kind] = match;
    const suffix = sequence === undefined ? null : `-${sequence}${(kind ?? "").toUpperCase()}`;
    const shown = `${prefix ?? ""}ICP备${digits}${hao ? "号" : ""}${suffix ?? ""}`;
    return { shown, prefix, digits, hao, suffix };
  },
};
const PSB_PATTERN: NumberPattern = {
  regex: PSB,
  before: codesOf(` 公网安${PSB_PREFIX_CHARACTERS}`),
  after: codesOf(" 0123456789号"),
  parts: (match) => {
    const [, prefix, digits = "", hao] = match;
    const shown = `${prefix ?? ""}公网安备${digits}${hao ? "号" : ""}`;
    return { shown, prefix, digits, hao, suffix: null };
  },
};

export function findNumbers(html: string, page: ScannedPage): { icp: NumberMatch[]; psb: NumberMatch[] } {
  const text = new PieceText(html, page.text);
  const icp: NumberMatch[] = [];
  const psb: NumberMatch[] = [];
  for (const anchors of findAnchors(html, text).values()) {
    searchChannel(text, anchors, ICP_PATTERN, icp);
    searchChannel(text, anchors, PSB_PATTERN, psb);
  }
  const byPosition = (a: NumberMatch, b: NumberMatch) => a.start - b.start;
  return { icp: icp.sort(byPosition), psb: psb.sort(byPosition) };
}

/** A place in a channel's text: a unit of a piece's text (`unit` may be the piece's length: just after it). */
interface Position {
  piece: number;
  unit: number;
}

/** In one channel, pieces come in source order: compare pieces, then units. */
function isBefore(a: Position, b: Position): boolean {
  return a.piece < b.piece || (a.piece === b.piece && a.unit < b.unit);
}

/**
 * Every 备 and 備 of the page's text, per channel in reading order. Literal ones are
 * found in the source; a numeric reference can spell them too, so a decoded piece with
 * `&#` in it is read whole. A 备 in an attribute is in no piece and is passed over.
 */
function findAnchors(html: string, text: PieceText): Map<number, Position[]> {
  const pieces: number[] = [];
  const collect = (needle: string, decodedOnly: boolean) => {
    for (let at = html.indexOf(needle); at !== -1;) {
      const piece = text.pieceAt(at);
      if (piece !== -1 && (!decodedOnly || text.pieces.decoded(piece))) {
        pieces.push(piece);
        // The whole piece is searched below: go on after it.
        at = html.indexOf(needle, Math.max(text.end(piece), at + 1));
      } else {
        at = html.indexOf(needle, at + 1);
      }
    }
  };
  collect("备", false);
  collect("備", false);
  collect("&#", true);
  pieces.sort((a, b) => a - b);

  const byChannel = new Map<number, Position[]>();
  let previous = -1;
  for (const piece of pieces) {
    if (piece === previous) continue;
    previous = piece;
    const units: number[] = [];
    const pieceText = text.text(piece);
    for (const char of ["备", "備"]) {
      for (let unit = pieceText.indexOf(char); unit !== -1; unit = pieceText.indexOf(char, unit + 1)) {
        units.push(unit);
      }
    }
    if (units.length === 0) continue;
    const channel = text.pieces.channel(piece);
    let anchors = byChannel.get(channel);
    if (!anchors) byChannel.set(channel, (anchors = []));
    for (const unit of units.sort((a, b) => a - b)) anchors.push({ piece, unit });
  }
  return byChannel;
}

/**
 * The matches of one pattern in one channel, as `matchAll` over the channel's whole
 * folded text would give them. That search resumes where the last match ended; a
 * match has exactly one 备, and between its start and its 备 only `before` characters
 * (province character, spaces, ICP or 公网安). So for each 备 in turn, the earliest match
 * that can hold it starts no earlier than the walk back over `before` characters (nor
 * before the last match's end), and the pattern, run from there, either matches at or
 * before that 备 — the same match — or the 备 is in none. After 备 the pattern reads
 * only `after` characters and looks at one more, so the window ends just past them.
 */
function searchChannel(text: PieceText, anchors: Position[], pattern: NumberPattern, out: NumberMatch[]) {
  let resumeAt: Position | null = null;
  for (const anchor of anchors) {
    if (resumeAt !== null && isBefore(anchor, resumeAt)) continue;
    const window = readWindow(text, anchor, resumeAt, pattern);
    pattern.regex.lastIndex = 0;
    const match = pattern.regex.exec(window.text);
    if (!match || match.index > window.anchor) continue;
    out.push(describe(text, window, match, pattern.parts(match)));
    resumeAt = window.positionAfter(match.index + match[0].length - 1);
  }
}

/** The folded text around one 备, with the piece and unit of each of its characters. */
class Window {
  text = "";
  /** Index of the 备 in `text`. */
  anchor = 0;
  readonly pieces: number[] = [];
  readonly units: number[] = [];

  at(index: number): Position {
    return { piece: this.pieces[index] ?? 0, unit: this.units[index] ?? 0 };
  }

  /** The position just after the character at `index`. */
  positionAfter(index: number): Position {
    return { piece: this.pieces[index] ?? 0, unit: (this.units[index] ?? 0) + 1 };
  }
}

/**
 * The window for the 备 at `anchor`: back over `before` characters (not past where the
 * search resumes), forward over `after` ones, folded.
 */
function readWindow(
  text: PieceText,
  anchor: Position,
  resumeAt: Position | null,
  pattern: NumberPattern,
): Window {
  let start = anchor;
  for (let back = previousPosition(text, start); back !== null; back = previousPosition(text, back)) {
    if (resumeAt !== null && isBefore(back, resumeAt)) break;
    if (!pattern.before.has(foldCode(text.charCodeAt(back.piece, back.unit)))) break;
    start = back;
  }
  const window = new Window();
  const codes: number[] = [];
  const add = (at: Position) => {
    const code = foldCode(text.charCodeAt(at.piece, at.unit));
    codes.push(code);
    window.pieces.push(at.piece);
    window.units.push(at.unit);
    return code;
  };
  for (let at: Position | null = start; at !== null && isBefore(at, anchor); at = nextPosition(text, at))
    add(at);
  window.anchor = codes.length;
  add(anchor);
  // After the 备: the `after` characters and the first other one, the furthest the
  // pattern looks (the end of `\d+`, ` *`, `(?![A-Z])`).
  for (let at = nextPosition(text, anchor); at !== null; at = nextPosition(text, at)) {
    if (!pattern.after.has(add(at))) break;
  }
  window.text = fromCodes(codes);
  return window;
}

function fromCodes(codes: number[]): string {
  let text = "";
  for (let index = 0; index < codes.length; index += 4096) {
    text += String.fromCharCode(...codes.slice(index, index + 4096));
  }
  return text;
}

/** The unit before `at` in its channel; null at the channel's start. */
function previousPosition(text: PieceText, at: Position): Position | null {
  if (at.unit > 0) return { piece: at.piece, unit: at.unit - 1 };
  const piece = text.pieces.previous(at.piece);
  return piece === -1 ? null : { piece, unit: text.length(piece) - 1 };
}

/** The unit after `at` in its channel; null at the channel's end. */
function nextPosition(text: PieceText, at: Position): Position | null {
  if (at.unit + 1 < text.length(at.piece)) return { piece: at.piece, unit: at.unit + 1 };
  const piece = text.pieces.next(at.piece);
  return piece === -1 ? null : { piece, unit: 0 };
}

function describe(text: PieceText, window: Window, match: RegExpExecArray, parts: Parts): NumberMatch {
  // Leading and trailing spaces belong to the pattern, not to the number.
  const first = match.index + (match[0].length - match[0].trimStart().length);
  const last = match.index + match[0].trimEnd().length - 1;
  let hidden: HiddenReason | null = null;
  const links = new Set<number>();
  for (let index = first; index <= last; index++) {
    if (window.text.charCodeAt(index) === 0x20) continue;
    const piece = window.pieces[index] ?? 0;
    hidden ??= text.pieces.hidden(piece);
    links.add(text.pieces.link(piece));
  }
  const link = [...links].find((value) => value !== -1) ?? null;
  const firstAt = window.at(first);
  const lastAt = window.at(last);
  return {
    shown: parts.shown,
    prefix: parts.prefix ?? null,
    digits: parts.digits,
    hao: parts.hao !== undefined,
    suffix: parts.suffix,
    hidden,
    link,
    linkCoversAll: link !== null && links.size === 1,
    start: text.sourceOffset(firstAt.piece, firstAt.unit),
    // Just after the last unit: where the next unit starts, or the piece's end.
    end: text.sourceOffset(lastAt.piece, lastAt.unit + 1),
  };
}
