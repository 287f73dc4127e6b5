/**
 * HTML character references in footer text (`&nbsp;`, `&#22791;`, `&#x5907;`). Footers
 * are hand-written or pasted from a provider's snippet, so a number may be split by
 * `&nbsp;` or written with numeric references; the scanner decodes them before the
 * number is searched. Only the references that occur in footers are named here (the
 * full table has over 2,000 entries); an unknown one stays as written, which is what a
 * browser shows for a missing semicolon too.
 */
const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  ensp: "\u2002",
  emsp: "\u2003",
  thinsp: "\u2009",
  zwnj: "\u200c",
  zwj: "\u200d",
  shy: "\u00ad",
  copy: "©",
  reg: "®",
  trade: "™",
  middot: "·",
  bull: "•",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  laquo: "«",
  raquo: "»",
  ldquo: "“",
  rdquo: "”",
  lsquo: "‘",
  rsquo: "’",
  vert: "|",
  verbar: "|",
};

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/y;

export interface DecodedText {
  text: string;
  /** Source offset of each UTF-16 unit of `text` (a reference's units all point at its `&`). */
  offsets: number[];
}

/** Decodes `source[start, end)`, keeping where each decoded unit came from (for the evidence). */
export function decodeEntities(source: string, start: number, end: number): DecodedText {
  let text = "";
  const offsets: number[] = [];
  let position = start;
  while (position < end) {
    const amp = indexWithin(source, "&", position, end);
    const stop = amp === -1 ? end : amp;
    for (let index = position; index < stop; index++) offsets.push(index);
    text += source.slice(position, stop);
    if (stop === end) break;
    REFERENCE.lastIndex = stop;
    const match = REFERENCE.exec(source);
    const decoded = match && match.index + match[0].length <= end ? referenceValue(match) : undefined;
    if (!match || decoded === undefined) {
      text += "&";
      offsets.push(stop);
      position = stop + 1;
      continue;
    }
    text += decoded;
    for (let unit = 0; unit < decoded.length; unit++) offsets.push(stop);
    position = stop + match[0].length;
  }
  return { text, offsets };
}

/**
 * `source.indexOf(char, from)` limited to `[from, to)`: an unbounded indexOf would
 * search to the end of the page each time the character is absent from a piece.
 */
function indexWithin(source: string, char: string, from: number, to: number): number {
  const code = char.charCodeAt(0);
  for (let index = from; index < to; index++) if (source.charCodeAt(index) === code) return index;
  return -1;
}

/** An attribute value: the same references, without the offsets. */
export function decodeAttribute(value: string): string {
  return value.includes("&") ? decodeEntities(value, 0, value.length).text : value;
}

function referenceValue(match: RegExpExecArray): string | undefined {
  const [, decimal, hex, name] = match;
  if (name !== undefined) return NAMED[name.toLowerCase()];
  const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? "", 16);
  // What browsers do with NUL, surrogates and out-of-range values: the replacement character.
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\ufffd";
  return String.fromCodePoint(code);
}
