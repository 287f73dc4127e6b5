import { isSpace } from "./start-tag.ts";
import type { HiddenReason } from "./text-pieces.ts";

/**
 * Tag names for the scanner (html-scan.ts), each read to one TagKind per name: the
 * element stack compares kinds by identity and reads what to do with an element from
 * its flags, instead of comparing strings and looking names up in sets for every tag.
 * A page decoded from UTF-8 is a UTF-16 string, and a name sliced out of it and
 * lower-cased costs more than the rest of reading the tag; so a name of ASCII letters
 * and digits (nearly all of them) is read as a number — a base-37 digit a character,
 * exact up to 10 characters — that finds its kind in a table.
 */
export interface TagKind {
  /** Lower-cased, as `toLowerCase` gives it. */
  name: string;
  /** TAG_* flags. */
  flags: number;
  /** Whether this is the one kind of its name (false past KINDS_KEPT names: then compare names). */
  shared: boolean;
  /** What the content of a raw-text element is (TAG_RAW_TEXT). */
  rawText: HiddenReason | null;
  /** Whether that raw text still has character references (RCDATA: title, textarea). */
  decodedRawText: boolean;
  /** What the content of any element of this kind is (template, noscript). */
  content: HiddenReason | null;
  /** For p, li, dd, dt and a, which a later start tag may close: 1 to IMPLIED_KINDS; else 0. */
  implied: number;
}

/** The elements that a start tag may close without an end tag. */
const IMPLIED = ["p", "li", "dd", "dt", "a"];
export const IMPLIED_KINDS = IMPLIED.length;

/** Whether two kinds are of the same name. */
export function sameKind(a: TagKind, b: TagKind): boolean {
  return a === b || (!a.shared && a.name === b.name);
}

/** A void element: no content, no end tag. */
export const TAG_VOID = 1;
/** Content is raw text up to the end tag (script, style…). */
export const TAG_RAW_TEXT = 2;
/** Its start tag closes an open `<p>`. */
export const TAG_CLOSES_P = 4;
export const TAG_A = 8;
export const TAG_IMG = 16;
/** li, dd, dt: closes the previous one. */
export const TAG_LIST_ITEM = 32;
/** Where the search for an open `<p>` or `<dd>`/`<dt>` stops (HTML's button scope). */
export const TAG_SCOPE = 64;
/** Where the search for an open `<li>` stops (HTML's list-item scope). */
export const TAG_LIST_SCOPE = 128;

const words = (list: string) => new Set(list.split(" "));
const VOID = words("area base br col embed hr img input link meta param source track wbr");
/** Raw-text elements, with what their content is. */
const RAW_TEXT = new Map<string, HiddenReason | null>([
  ["script", "script"],
  ["style", "style"],
  ["iframe", "not_rendered"],
  ["noembed", "not_rendered"],
  ["noframes", "not_rendered"],
  ["xmp", null],
  ["title", "title"],
  ["textarea", null],
]);
const DECODED_RAW_TEXT = words("title textarea");
const CONTENT_HIDDEN = new Map<string, HiddenReason>([
  ["template", "template"],
  ["noscript", "noscript"],
]);
const CLOSES_P = words(
  "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer " +
    "form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section summary table ul dd dt",
);
const SCOPE = words("html body table td th caption template button object");
const LIST_SCOPE = words("ul ol");

/** Kinds by name: one object per name, so that kinds compare by identity. */
const byName = new Map<string, TagKind>();
/** Past this many different names (pages of made-up elements), a name gets a fresh kind each time. */
const KINDS_KEPT = 4096;

/** The kind of a lower-cased name. */
export function tagKind(name: string): TagKind {
  const known = byName.get(name);
  if (known) return known;
  let flags = 0;
  if (VOID.has(name)) flags |= TAG_VOID;
  if (RAW_TEXT.has(name)) flags |= TAG_RAW_TEXT;
  if (CLOSES_P.has(name)) flags |= TAG_CLOSES_P;
  if (name === "a") flags |= TAG_A;
  if (name === "img") flags |= TAG_IMG;
  if (name === "li" || name === "dd" || name === "dt") flags |= TAG_LIST_ITEM;
  if (SCOPE.has(name)) flags |= TAG_SCOPE | TAG_LIST_SCOPE;
  if (LIST_SCOPE.has(name)) flags |= TAG_LIST_SCOPE;
  const shared = byName.size < KINDS_KEPT;
  const kind: TagKind = {
    name,
    flags,
    shared,
    rawText: RAW_TEXT.get(name) ?? null,
    decodedRawText: DECODED_RAW_TEXT.has(name),
    content: CONTENT_HIDDEN.get(name) ?? null,
    implied: IMPLIED.indexOf(name) + 1,
  };
  if (shared) byName.set(name, kind);
  return kind;
}

/**
 * Kinds of plain names by their number, in an open-addressing table. A name's number
 * is two integers, its first five characters and the next five (0 for a shorter
 * name): base 37 without a zero digit, so different names never share one.
 */
const SLOTS = 4096;
const slotFirst = new Int32Array(SLOTS);
const slotRest = new Int32Array(SLOTS);
const slotKinds: (TagKind | undefined)[] = new Array<TagKind | undefined>(SLOTS).fill(undefined);
let slotsUsed = 0;

function plainKind(first: number, rest: number, html: string, from: number, to: number): TagKind {
  let slot = (first ^ Math.imul(rest, 0x9e3779b1)) & (SLOTS - 1);
  for (let kind = slotKinds[slot]; kind !== undefined; kind = slotKinds[slot]) {
    if (slotFirst[slot] === first && slotRest[slot] === rest) return kind;
    slot = (slot + 1) & (SLOTS - 1);
  }
  const kind = tagKind(html.slice(from, to).toLowerCase());
  // Never more than half full, so that a miss ends soon; past that, names go through byName.
  if (slotsUsed < SLOTS / 2) {
    slotsUsed++;
    slotFirst[slot] = first;
    slotRest[slot] = rest;
    slotKinds[slot] = kind;
  }
  return kind;
}

const PART = 5;
const SLASH = 0x2f;
const GT = 0x3e;

/** A letter's or digit's base-37 digit (letters 1–26 in either case, digits 27–36); 0 for anything else. */
function digitOf(code: number): number {
  if (code >= 0x61 && code <= 0x7a) return code - 0x60;
  if (code >= 0x41 && code <= 0x5a) return code - 0x40;
  if (code >= 0x30 && code <= 0x39) return code - 0x30 + 27;
  return 0;
}

export class TagNameReader {
  /** Just after the last name read. */
  end = 0;

  /** The element named (`[a-zA-Z][^\s/>]*`, lower-cased) at `at`; null when no name starts there. */
  read(html: string, at: number): TagKind | null {
    const initial = digitOf(html.charCodeAt(at));
    if (initial === 0 || initial > 26) {
      this.end = at;
      return null;
    }
    let first = initial;
    let rest = 0;
    let plain = true;
    let end = at + 1;
    for (;;) {
      const code = html.charCodeAt(end);
      const digit = digitOf(code);
      if (digit !== 0) {
        const length = end - at;
        if (length < PART) first = first * 37 + digit;
        else if (length < 2 * PART) rest = rest * 37 + digit;
        else plain = false;
      } else {
        if (code !== code || code === SLASH || code === GT || isSpace(code)) break;
        plain = false;
      }
      end++;
    }
    this.end = end;
    if (!plain) return tagKind(html.slice(at, end).toLowerCase());
    return plainKind(first, rest, html, at, end);
  }
}
