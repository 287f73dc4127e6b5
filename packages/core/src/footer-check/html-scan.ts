import { decodeAttribute, decodeEntities, indexWithin } from "./entities.ts";

/**
 * A tolerant, single-pass HTML scanner for the footer check. A footer check needs only
 * three things per piece of text: where it is in the source, whether a visitor sees it
 * and which link (if any) it sits in. That does not take a DOM: the scanner keeps a
 * stack of open elements with the inherited visibility and link, applies the few
 * implicit end tags that matter for it (an open `<p>` closed by a block, `<li>` by the
 * next `<li>`, `<a>` by the next `<a>`), and never fails: broken markup gives text.
 *
 * What it does not do: run scripts or apply style sheets. Only inline styles and the
 * `hidden` attribute are read, so a footer hidden by a class (`.d-none`) counts as shown.
 */
export type HiddenReason =
  | "comment"
  | "script"
  | "style"
  | "template"
  | "noscript"
  | "title"
  | "not_rendered"
  | "hidden_attribute"
  | "display_none"
  | "visibility_hidden"
  | "font_size_zero";

export interface TextRun {
  /** The text with character references decoded. */
  text: string;
  /** Source offsets of the run (`offsetInSource` maps a unit of `text` back). */
  start: number;
  end: number;
  /** Whether `text` went through reference decoding (then units and source characters differ). */
  decoded: boolean;
  hidden: HiddenReason | null;
  /** Index into `links` of the innermost `<a>` around the text. */
  link: number | null;
  /** Index of the HTML comment the run is in: text is searched per comment. */
  comment: number | null;
}

export interface LinkElement {
  /** The decoded `href`; null for an `<a>` without one. */
  href: string | null;
  /** Source offsets of `<a` and of the end of `</a>` (the end of the scan when unclosed). */
  start: number;
  end: number;
}

export interface ImageElement {
  start: number;
  hidden: HiddenReason | null;
  link: number | null;
}

export interface ScannedPage {
  runs: TextRun[];
  links: LinkElement[];
  images: ImageElement[];
}

interface Frame {
  name: string;
  hidden: HiddenReason | null;
  link: number | null;
}

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);
/** Elements whose content is text up to their end tag, with what that content is. */
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
/** Raw text elements whose content still has character references (RCDATA). */
const DECODED_RAW_TEXT = new Set(["title", "textarea"]);
const CONTENT_HIDDEN = new Map<string, HiddenReason>([
  ["template", "template"],
  ["noscript", "noscript"],
]);
/** Start tags that close an open `<p>` (HTML's "close a p element"). */
const CLOSES_P = new Set(
  (
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer " +
    "form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section summary table ul dd dt"
  ).split(" "),
);
/** Where the search for an open `<p>` or `<li>` stops (HTML's button and list-item scopes). */
const SCOPE = new Set(["html", "body", "table", "td", "th", "caption", "template", "button", "object"]);
const LIST_SCOPE = new Set([...SCOPE, "ul", "ol"]);
const NO_STOPS = new Set<string>();
const TAG_NAME = /[a-zA-Z][^\s/>]*/y;
const ATTRIBUTE = /\s*([^\s"'>/=][^\s"'>/=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/y;

/** The source offset of unit `unit` of a run's text. */
export function offsetInSource(html: string, run: TextRun, unit: number): number {
  if (!run.decoded) return run.start + unit;
  return decodeEntities(html, run.start, run.end).offsets[unit] ?? run.end;
}

export function scanHtml(html: string): ScannedPage {
  const page: ScannedPage = { runs: [], links: [], images: [] };
  let comments = 0;
  scanRange(html, 0, html.length, page, { name: "#root", hidden: null, link: null }, null, () => comments++);
  return page;
}

function scanRange(
  html: string,
  from: number,
  to: number,
  page: ScannedPage,
  root: Frame,
  comment: number | null,
  nextComment: () => number,
): void {
  const stack: Frame[] = [root];
  const top = (): Frame => stack[stack.length - 1] ?? root;
  const addText = (start: number, end: number, decode: boolean, hidden: HiddenReason | null) => {
    if (end <= start) return;
    const decoded = decode && indexWithin(html, "&", start, end) !== -1;
    const text = decoded ? decodeEntities(html, start, end).text : html.slice(start, end);
    page.runs.push({ text, start, end, decoded, hidden, link: top().link, comment });
  };
  const closeTo = (index: number, at: number) => {
    while (stack.length > Math.max(index, 1)) {
      const frame = stack.pop();
      const link = frame?.name === "a" ? frame.link : null;
      if (link !== null) (page.links[link] as LinkElement).end = at;
    }
  };
  const findOpen = (name: string, stops: Set<string>): number => {
    for (let index = stack.length - 1; index >= 1; index--) {
      const frameName = stack[index]?.name;
      if (frameName === name) return index;
      if (frameName !== undefined && stops.has(frameName)) return -1;
    }
    return -1;
  };

  let position = from;
  while (position < to) {
    const lt = html.indexOf("<", position);
    const textEnd = lt === -1 || lt >= to ? to : lt;
    addText(position, textEnd, true, top().hidden);
    if (textEnd === to) break;
    position = textEnd;

    if (html.startsWith("<!--", position)) {
      const close = html.indexOf("-->", position + 4);
      const end = close === -1 || close + 3 > to ? to : close + 3;
      // A commented-out footer is still markup: scan it, every piece marked as a comment.
      const inner: Frame = { name: "#comment", hidden: "comment", link: null };
      scanRange(html, position + 4, Math.max(position + 4, end - 3), page, inner, nextComment(), nextComment);
      position = end;
      continue;
    }
    const next = html[position + 1] ?? "";
    if (next === "!" || next === "?") {
      const close = html.indexOf(">", position);
      position = close === -1 || close >= to ? to : close + 1;
      continue;
    }
    if (next === "/") {
      TAG_NAME.lastIndex = position + 2;
      const name = TAG_NAME.exec(html)?.[0]?.toLowerCase();
      const close = html.indexOf(">", position);
      const end = close === -1 || close >= to ? to : close + 1;
      if (name !== undefined) {
        const index = findOpen(name, NO_STOPS);
        if (index > 0) closeTo(index, end);
      }
      position = end;
      continue;
    }
    TAG_NAME.lastIndex = position + 1;
    const nameMatch = TAG_NAME.exec(html);
    if (!nameMatch) {
      addText(position, position + 1, false, top().hidden);
      position++;
      continue;
    }
    const name = nameMatch[0].toLowerCase();
    const {
      attributes,
      end: tagEnd,
      selfClosing,
    } = readAttributes(html, position + 1 + nameMatch[0].length, to);
    const tagStart = position;
    position = tagEnd;

    if (CLOSES_P.has(name)) {
      const open = findOpen("p", SCOPE);
      if (open > 0) closeTo(open, tagStart);
    }
    if (name === "li" || name === "dd" || name === "dt") {
      const open = name === "li" ? findOpen("li", LIST_SCOPE) : -1;
      const openDefinition = name !== "li" ? Math.max(findOpen("dd", SCOPE), findOpen("dt", SCOPE)) : -1;
      if (Math.max(open, openDefinition) > 0) closeTo(Math.max(open, openDefinition), tagStart);
    }
    if (name === "a") {
      const open = findOpen("a", NO_STOPS);
      if (open > 0) closeTo(open, tagStart);
    }

    const frameHidden = restoresVisibility(top().hidden, attributes)
      ? null
      : (top().hidden ?? ownHidden(attributes));
    if (name === "img") page.images.push({ start: tagStart, hidden: frameHidden, link: top().link });
    if (VOID.has(name) || selfClosing) continue;

    if (RAW_TEXT.has(name)) {
      const close = findRawEnd(html, name, position, to);
      const contentHidden = frameHidden ?? RAW_TEXT.get(name) ?? null;
      addText(position, close.contentEnd, DECODED_RAW_TEXT.has(name), contentHidden);
      position = close.end;
      continue;
    }
    let link = top().link;
    if (name === "a") {
      link = page.links.length;
      const href = attributes.get("href");
      page.links.push({ href: href === undefined ? null : href.trim(), start: tagStart, end: to });
    }
    stack.push({ name, hidden: frameHidden ?? CONTENT_HIDDEN.get(name) ?? null, link });
  }
  closeTo(1, to);
}

function readAttributes(html: string, from: number, to: number) {
  const attributes = new Map<string, string>();
  let position = from;
  let selfClosing = false;
  while (position < to) {
    const char = html[position] ?? "";
    if (char === ">") return { attributes, end: position + 1, selfClosing };
    if (char === "/") {
      selfClosing = html[position + 1] === ">";
      position++;
      continue;
    }
    ATTRIBUTE.lastIndex = position;
    const match = ATTRIBUTE.exec(html);
    if (!match || match[0].length === 0) {
      position++;
      continue;
    }
    const [, name = "", double, single, bare] = match;
    const key = name.toLowerCase();
    if (!attributes.has(key)) attributes.set(key, decodeAttribute(double ?? single ?? bare ?? ""));
    selfClosing = false;
    position += match[0].length;
  }
  return { attributes, end: to, selfClosing };
}

function findRawEnd(html: string, name: string, from: number, to: number) {
  const pattern = new RegExp(`</${name}[\\s/>]`, "gi");
  pattern.lastIndex = from;
  const match = pattern.exec(html);
  if (!match || match.index >= to) return { contentEnd: to, end: to };
  const close = html.indexOf(">", match.index);
  return { contentEnd: match.index, end: close === -1 || close >= to ? to : close + 1 };
}

/** A declaration of the inline style, last one winning as in CSS (ignoring `!important`). */
function styleValue(style: string, property: string): string | undefined {
  let value: string | undefined;
  for (const declaration of style.split(";")) {
    const colon = declaration.indexOf(":");
    if (colon === -1) continue;
    if (declaration.slice(0, colon).trim().toLowerCase() !== property) continue;
    value = declaration
      .slice(colon + 1)
      .replace(/!\s*important/i, "")
      .trim()
      .toLowerCase();
  }
  return value;
}

const ZERO_SIZE = /^0+(?:\.0+)?(?:[a-z]+|%)?$/;

function ownHidden(attributes: Map<string, string>): HiddenReason | null {
  if (attributes.has("hidden")) return "hidden_attribute";
  const style = attributes.get("style");
  if (style === undefined) return null;
  if (styleValue(style, "display") === "none") return "display_none";
  const visibility = styleValue(style, "visibility");
  if (visibility === "hidden" || visibility === "collapse") return "visibility_hidden";
  const fontSize = styleValue(style, "font-size");
  if (fontSize !== undefined && ZERO_SIZE.test(fontSize)) return "font_size_zero";
  return null;
}

/**
 * CSS lets a descendant undo two kinds of hiding: `visibility: visible` under
 * `visibility: hidden`, and an absolute font size under `font-size: 0` (the common
 * trick against gaps between inline blocks). Relative sizes (em, %) of 0 stay 0.
 */
function restoresVisibility(inherited: HiddenReason | null, attributes: Map<string, string>): boolean {
  const style = attributes.get("style");
  if (style === undefined || attributes.has("hidden")) return false;
  if (styleValue(style, "display") === "none") return false;
  if (inherited === "visibility_hidden") return styleValue(style, "visibility") === "visible";
  if (inherited === "font_size_zero") {
    const size = styleValue(style, "font-size");
    return (
      size !== undefined &&
      !ZERO_SIZE.test(size) &&
      /^(?:[\d.]+(?:px|pt|pc|rem|vw|vh|vmin|vmax|cm|mm|in|q)|(?:xx?-)?small|medium|(?:xx?x?-)?large)$/.test(
        size,
      )
    );
  }
  return false;
}
