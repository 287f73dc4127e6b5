import { decodeAttribute } from "./entities.ts";

/**
 * Reading a start tag's attributes for the scanner (html-scan.ts). Every tag must be
 * read to its end — a quoted value may hold a `>` — but the footer check only ever
 * uses three attributes: `href` (on `<a>`), `style` and `hidden`. So the tokeniser
 * walks the characters without building a map: it notes where those three are and
 * decodes only their values. The tokens are exactly those of the attribute pattern
 * `\s*([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?` tried at each
 * position: a stray quote or `=` is skipped one character at a time, an unclosed quote
 * starts an unquoted value, the first of two equal names wins (names in any case).
 */
export interface StartTag {
  /** Just after the tag's `>`, or the end of the scanned range when unclosed. */
  end: number;
  /** Ends in `/>` (a `/` of an unquoted value does not count). */
  selfClosing: boolean;
  /** Decoded values; undefined when the attribute is absent, "" when it has no value. */
  href: string | undefined;
  style: string | undefined;
  hidden: boolean;
}

const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

/** JavaScript's `\s`: the white space that ends names and unquoted values. */
export function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** `[^\s"'>/=]`: a character of an attribute name (NaN, past the end, is none). */
function isNameChar(code: number): boolean {
  return (
    code === code &&
    code !== GT &&
    code !== SLASH &&
    code !== EQUALS &&
    code !== DOUBLE_QUOTE &&
    code !== SINGLE_QUOTE &&
    !isSpace(code)
  );
}

/**
 * Regular expressions for start tags in the plainest form: each attribute after white
 * space, its value quoted or starting with neither quote nor `>`, then `>`. Where they
 * match, the attribute pattern above tried position by position makes the same tokens
 * (nothing in these can match in more than one way), so the tag ends at the same `>`
 * with the same attributes. They are tried first because the regular-expression
 * engine reads a tag much faster than a loop over its characters in JavaScript.
 * `i`: attribute names in any ASCII case, as `toLowerCase` compares them.
 */
const VALUE = `\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>][^\\s>]*))`;
/** Any attribute but the three read (whose values are not kept: groups made non-capturing). */
const OTHER = `\\s+(?!(?:href|style|hidden)[\\s/>=])[^\\s"'>/=]+(?:${VALUE.replace(/\((?!\?)/g, "(?:")})?`;
/** No attribute that is read. */
const PLAIN_TAG = new RegExp(`(?:${OTHER})*\\s*>`, "iy");
/** Exactly one attribute that is read, `href` or `style`, with a value. */
const ONE_READ_TAG = new RegExp(`(?:${OTHER})*\\s+(href|style)${VALUE}(?:${OTHER})*\\s*>`, "iy");

const PLAIN: StartTag = { end: 0, selfClosing: false, href: undefined, style: undefined, hidden: false };

/**
 * Any attribute, nothing kept: for finding where a tag ends (readTagEnd). Where these
 * match, the tokens are again the attribute pattern's, for the same reason as above;
 * the second allows the `/>` of a self-closing tag, which only then counts as one (a
 * `/` that ends an unquoted value is in the value: the first matches such a tag).
 */
const ANY = `\\s+[^\\s"'>/=]+(?:${VALUE.replace(/\((?!\?)/g, "(?:")})?`;
const ANY_TAG = new RegExp(`(?:${ANY})*\\s*>`, "y");
const ANY_SELF_CLOSING_TAG = new RegExp(`(?:${ANY})*\\s*/>`, "y");

/** Where a start tag ends (readTagEnd), only valid until the next call. */
export interface TagEnd {
  end: number;
  selfClosing: boolean;
}
const TAG_END: TagEnd = { end: 0, selfClosing: false };

/**
 * Where the start tag whose name ends at `from` ends, and whether it closes itself, as
 * readStartTag reads it, without reading any attribute: the scanner (html-scan.ts)
 * reads a tag's attributes only when they are asked for (element-frames.ts).
 */
export function readTagEnd(html: string, from: number, to: number): TagEnd {
  TAG_END.selfClosing = false;
  if (html.charCodeAt(from) === GT && from < to) {
    TAG_END.end = from + 1;
    return TAG_END;
  }
  ANY_TAG.lastIndex = from;
  if (ANY_TAG.test(html)) {
    if (ANY_TAG.lastIndex <= to) {
      TAG_END.end = ANY_TAG.lastIndex;
      return TAG_END;
    }
  } else {
    ANY_SELF_CLOSING_TAG.lastIndex = from;
    if (ANY_SELF_CLOSING_TAG.test(html) && ANY_SELF_CLOSING_TAG.lastIndex <= to) {
      TAG_END.end = ANY_SELF_CLOSING_TAG.lastIndex;
      TAG_END.selfClosing = true;
      return TAG_END;
    }
  }
  const tag = readStartTag(html, from, to);
  TAG_END.end = tag.end;
  TAG_END.selfClosing = tag.selfClosing;
  return TAG_END;
}

/**
 * The start tag whose name ends at `from`, as readStartTag reads it, without tokenising
 * it when one of the expressions above matches (`likelyRead`: try the one with an
 * attribute first, as for `<a href>`). The result is only valid until the next call.
 */
export function readTag(html: string, from: number, to: number, likelyRead: boolean): StartTag {
  PLAIN.href = PLAIN.style = undefined;
  // `<li>`, `<p>`: nothing to read.
  if (html.charCodeAt(from) === GT && from < to) {
    PLAIN.end = from + 1;
    return PLAIN;
  }
  const matched = likelyRead
    ? readsOne(html, from, to) || isPlain(html, from, to)
    : isPlain(html, from, to) || readsOne(html, from, to);
  return matched ? PLAIN : readStartTag(html, from, to);
}

/** Whether the tag is plain, PLAIN then holding its end. */
function isPlain(html: string, from: number, to: number): boolean {
  PLAIN_TAG.lastIndex = from;
  if (!PLAIN_TAG.test(html) || PLAIN_TAG.lastIndex > to) return false;
  PLAIN.end = PLAIN_TAG.lastIndex;
  return true;
}

/** Whether the tag reads one attribute, PLAIN then holding it and the tag's end. */
function readsOne(html: string, from: number, to: number): boolean {
  ONE_READ_TAG.lastIndex = from;
  const one = ONE_READ_TAG.exec(html);
  if (one === null || ONE_READ_TAG.lastIndex > to) return false;
  const [, name = "", double, single, bare] = one;
  const value = decodeAttribute(double ?? single ?? bare ?? "");
  if ((name.charCodeAt(0) | 0x20) === 0x68) PLAIN.href = value;
  else PLAIN.style = value;
  PLAIN.end = ONE_READ_TAG.lastIndex;
  return true;
}

/**
 * Reads the attributes from `from` (just after the tag name) to the tag's `>`, not past
 * `to`. Values may run past `to` (a quote closed after a comment's end) as they did
 * with the pattern; the tag then ends at `to`.
 */
function readStartTag(html: string, from: number, to: number): StartTag {
  const tag: StartTag = { end: to, selfClosing: false, href: undefined, style: undefined, hidden: false };
  let position = from;
  while (position < to) {
    const code = html.charCodeAt(position);
    if (code === GT) {
      tag.end = position + 1;
      return tag;
    }
    if (code === SLASH) {
      tag.selfClosing = html.charCodeAt(position + 1) === GT;
      position++;
      continue;
    }
    const next = readAttribute(html, position, tag);
    if (next === -1) {
      position++;
      continue;
    }
    tag.selfClosing = false;
    position = next;
  }
  return tag;
}

/** One attribute at `position` (after optional white space): where it ends, or -1 when none starts there. */
function readAttribute(html: string, position: number, tag: StartTag): number {
  let nameStart = position;
  while (isSpace(html.charCodeAt(nameStart))) nameStart++;
  if (!isNameChar(html.charCodeAt(nameStart))) return -1;
  let nameEnd = nameStart + 1;
  while (isNameChar(html.charCodeAt(nameEnd))) nameEnd++;

  let equals = nameEnd;
  while (isSpace(html.charCodeAt(equals))) equals++;
  if (html.charCodeAt(equals) !== EQUALS) {
    note(html, nameStart, nameEnd, -1, -1, tag);
    return nameEnd;
  }
  let valueStart = equals + 1;
  while (isSpace(html.charCodeAt(valueStart))) valueStart++;
  const quote = html.charCodeAt(valueStart);
  if (quote === DOUBLE_QUOTE || quote === SINGLE_QUOTE) {
    const close = html.indexOf(quote === DOUBLE_QUOTE ? '"' : "'", valueStart + 1);
    if (close !== -1) {
      note(html, nameStart, nameEnd, valueStart + 1, close, tag);
      return close + 1;
    }
    // Unclosed: the quote starts an unquoted value.
  }
  let valueEnd = valueStart;
  for (let code = html.charCodeAt(valueEnd); code === code && code !== GT && !isSpace(code);) {
    code = html.charCodeAt(++valueEnd);
  }
  if (valueEnd === valueStart) {
    // `name=` with nothing after it: the name alone, as the pattern backtracked.
    note(html, nameStart, nameEnd, -1, -1, tag);
    return nameEnd;
  }
  note(html, nameStart, nameEnd, valueStart, valueEnd, tag);
  return valueEnd;
}

/** Keeps the attribute when it is one of the three read and the first of its name. */
function note(
  html: string,
  nameStart: number,
  nameEnd: number,
  valueStart: number,
  valueEnd: number,
  tag: StartTag,
): void {
  const length = nameEnd - nameStart;
  if (length === 4 && tag.href === undefined && namedAs(html, nameStart, "href")) {
    tag.href = valueOf(html, valueStart, valueEnd);
  } else if (length === 5 && tag.style === undefined && namedAs(html, nameStart, "style")) {
    tag.style = valueOf(html, valueStart, valueEnd);
  } else if (length === 6 && namedAs(html, nameStart, "hidden")) {
    tag.hidden = true;
  }
}

function valueOf(html: string, start: number, end: number): string {
  return start === -1 ? "" : decodeAttribute(html.slice(start, end));
}

/**
 * Whether the name at `at` is `lower` in any ASCII case. `toLowerCase` maps no other
 * character onto these letters (the Kelvin sign becomes k, which none of them has).
 */
export function namedAs(html: string, at: number, lower: string): boolean {
  for (let index = 0; index < lower.length; index++) {
    if ((html.charCodeAt(at + index) | 0x20) !== lower.charCodeAt(index)) return false;
  }
  return true;
}
