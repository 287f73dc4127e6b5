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
  "iy",
);
const PSB = new RegExp(`([${PSB_PREFIX_CHARACTERS}])? *公 *网 *安 *备 *(\\d+) *(号)?`, "y");

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
 * A number's pattern, run at one position (sticky), with what it reads before and
 * after its 备: from the start, an optional prefix (province character), spaces, then
 * the lead (`ICP`, or `公网安` with spaces allowed between); after 备 only `after`
 * characters.
 */
interface NumberPattern {
  sticky: RegExp;
  lead: string;
  /** Whether spaces may stand between the characters of the lead. */
  spacedLead: boolean;
  prefixes: Set<number>;
  after: Set<number>;
  parts: (match: RegExpExecArray) => Parts;
}

const codesOf = (text: string) => new Set([...text].map((char) => char.charCodeAt(0)));

const ICP_PATTERN: NumberPattern = {
  sticky: ICP,
  lead: "ICP",
  spacedLead: false,
  prefixes: codesOf(ICP_PREFIXES),
  after: codesOf(" 0123456789号-AXKaxk"),
  parts: (match) => {
    const [, prefix, digits = "", hao, sequence, kind] = match;
    const suffix = sequence === undefined ? null : `-${sequence}${(kind ?? "").toUpperCase()}`;
    const shown = `${prefix ?? ""}ICP备${digits}${hao ? "号" : ""}${suffix ?? ""}`;
    return { shown, prefix, digits, hao, suffix };
  },
};
const PSB_PATTERN: NumberPattern = {
  sticky: PSB,
  lead: "公网安",
  spacedLead: true,
  prefixes: codesOf(PSB_PREFIX_CHARACTERS),
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
 * folded text would give them. That search resumes where the last match ended, and a
 * match has exactly one 备, right after its lead and spaces. So for each 备 in turn,
 * the earliest match that can hold it starts at the province character before the
 * lead and its spaces, or else at the first of those spaces (or at the lead), never
 * before where the search resumes: the pattern is run there once, over the text up
 * to where it stops reading.
 */
function searchChannel(text: PieceText, anchors: Position[], pattern: NumberPattern, out: NumberMatch[]) {
  const reader = new ChannelReader(text);
  for (const anchor of anchors) {
    if (!reader.readable(anchor)) continue;
    const start = reader.matchStart(anchor, pattern);
    if (start === null) continue;
    const window = reader.window(start, anchor, pattern);
    pattern.sticky.lastIndex = 0;
    const match = pattern.sticky.exec(window.text);
    if (!match) continue;
    out.push(describe(text, window, match, pattern.parts(match)));
    reader.resumeAt = window.positionAfter(match.index + match[0].length - 1);
  }
}

const SPACE = 0x20;

/** Reading one channel's folded text a character at a time, back and forth from a 备. */
class ChannelReader {
  /** Where the search resumes: the end of the last match. */
  resumeAt: Position | null = null;

  constructor(private readonly text: PieceText) {}

  /** Whether `at` is a character the search may still read (not before resumeAt). */
  readable(at: Position | null): at is Position {
    return at !== null && (this.resumeAt === null || !isBefore(at, this.resumeAt));
  }

  folded(at: Position): number {
    return foldCode(this.text.charCodeAt(at.piece, at.unit));
  }

  /** `from`, or the first character before it that is no space. */
  overSpaces(from: Position | null): Position | null {
    let at = from;
    while (this.readable(at) && this.folded(at) === SPACE) at = previousPosition(this.text, at);
    return at;
  }

  /** Where a match holding the 备 at `anchor` would start; null when the lead is not before it. */
  matchStart(anchor: Position, pattern: NumberPattern): Position | null {
    let at = this.overSpaces(previousPosition(this.text, anchor));
    for (let index = pattern.lead.length - 1; index >= 0; index--) {
      if (!this.readable(at) || !sameLetter(this.folded(at), pattern.lead.charCodeAt(index))) return null;
      if (index > 0) {
        at = previousPosition(this.text, at);
        if (pattern.spacedLead) at = this.overSpaces(at);
      }
    }
    // `at` is on the lead's first character: the match starts at the spaces before it,
    // or at the prefix before those.
    let start = at as Position;
    let back = previousPosition(this.text, start);
    while (this.readable(back) && this.folded(back) === SPACE) {
      start = back;
      back = previousPosition(this.text, back);
    }
    return this.readable(back) && pattern.prefixes.has(this.folded(back)) ? back : start;
  }

  /**
   * The folded text from `start` through the 备 and on over `after` characters, and the
   * first other one: the furthest the pattern looks (the end of `\d+`, ` *`, `(?![A-Z])`).
   */
  window(start: Position, anchor: Position, pattern: NumberPattern): Window {
    const window = new Window();
    const codes: number[] = [];
    for (let at: Position | null = start; at !== null; at = nextPosition(this.text, at)) {
      const code = this.folded(at);
      codes.push(code);
      window.pieces.push(at.piece);
      window.units.push(at.unit);
      if (isBefore(anchor, at) && !pattern.after.has(code)) break;
    }
    window.text = fromCodes(codes);
    return window;
  }
}

/** The same character, letters in either ASCII case (as the `i` flag matches ICP). */
function sameLetter(code: number, lead: number): boolean {
  return code === lead || (lead >= 0x41 && lead <= 0x5a && code === lead + 0x20);
}

/** Folded text read from a channel, with the piece and unit of each of its characters. */
class Window {
  text = "";
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
  let link: number | null = null;
  for (const value of links) {
    if (value !== -1) {
      link = value;
      break;
    }
  }
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
