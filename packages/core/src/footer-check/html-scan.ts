import { ElementFrames, ImageElement, LinkElement } from "./element-frames.ts";
import { isSpace, namedAs, readTagEnd } from "./start-tag.ts";
import {
  sameKind,
  TAG_A,
  TAG_CLOSES_P,
  TAG_IMG,
  TAG_LIST_ITEM,
  TAG_LIST_SCOPE,
  TAG_RAW_TEXT,
  TAG_SCOPE,
  TAG_VOID,
  tagKind,
  TagNameReader,
  IMPLIED_KINDS,
  type TagKind,
} from "./tag-names.ts";
import { TextPieces } from "./text-pieces.ts";

export type { HiddenReason } from "./text-pieces.ts";
export type { ImageElement, LinkElement } from "./element-frames.ts";

/**
 * A tolerant, single-pass HTML scanner for the footer check. A footer check needs only
 * three things per piece of text: where it is in the source, whether a visitor sees it
 * and which link (if any) it sits in. That does not take a DOM: the scanner keeps a
 * stack of open elements with the inherited visibility and link, applies the few
 * implicit end tags that matter for it (an open `<p>` closed by a block, `<li>` by the
 * next `<li>`, `<a>` by the next `<a>`), and never fails: broken markup gives text.
 *
 * It only tokenises: it goes from `<` to `<`, reads tag names and where each tag ends,
 * and no attribute: those that matter (`href`, `style`, `hidden`) are read only for the
 * elements asked about (element-frames.ts). Text is recorded as source ranges
 * (text-pieces.ts), neither copied nor decoded: the number search reads the few
 * pieces around a 备 and decodes those.
 *
 * What it does not do: run scripts or apply style sheets. Only inline styles and the
 * `hidden` attribute are read, so a footer hidden by a class (`.d-none`) counts as shown.
 */
export interface ScannedPage {
  text: TextPieces;
  links: LinkElement[];
  images: ImageElement[];
}

const P = tagKind("p");
const LI = tagKind("li");
const DD = tagKind("dd");
const DT = tagKind("dt");
const A = tagKind("a");

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;

export function scanHtml(html: string): ScannedPage {
  const scanner = new Scanner(html);
  scanner.scanRange(0, html.length, scanner.frames.root(null), -1);
  return scanner.page;
}

/** The open elements of one scanned range (the page, or one comment): parallel arrays, no object per element. */
class ElementStack {
  /** Frames (element-frames.ts), kinds (null for the root) and innermost links of the open elements, the root first. */
  private readonly frames: number[];
  private readonly kinds: (TagKind | null)[];
  private readonly linksOpen: number[];
  /** The innermost open element's frame and link (the root's when none). */
  top: number;
  topLink = -1;
  /**
   * How many p, li, dd, dt and a are open (at their TagKind.implied): a start tag looks
   * for the one it closes only when there is one, not through the whole stack each time.
   */
  private readonly open = new Int32Array(IMPLIED_KINDS + 1);

  constructor(
    root: number,
    private readonly links: LinkElement[],
  ) {
    this.frames = [root];
    this.kinds = [null];
    this.linksOpen = [-1];
    this.top = root;
  }

  push(frame: number, kind: TagKind, link: number): void {
    this.frames.push(frame);
    this.kinds.push(kind);
    this.linksOpen.push(link);
    this.top = frame;
    this.topLink = link;
    const implied = kind.implied;
    if (implied !== 0) this.open[implied] = (this.open[implied] ?? 0) + 1;
  }

  isOpen(kind: TagKind): boolean {
    return (this.open[kind.implied] ?? 0) > 0;
  }

  /** Closes the elements from `index` up (never the root), ending the links among them at `at`. */
  closeTo(index: number, at: number): void {
    const kinds = this.kinds;
    const keep = Math.max(index, 1);
    while (kinds.length > keep) {
      const kind = kinds.pop() as TagKind;
      const link = this.linksOpen.pop() as number;
      this.frames.pop();
      const implied = kind.implied;
      if (implied !== 0) this.open[implied] = (this.open[implied] ?? 0) - 1;
      if (kind === A && link !== -1) (this.links[link] as LinkElement).end = at;
    }
    this.top = this.frames[keep - 1] as number;
    this.topLink = this.linksOpen[keep - 1] as number;
  }

  /** The innermost open `kind`, unless an element with a `stops` flag is open inside it; -1 when none. */
  findOpen(kind: TagKind, stops: number): number {
    const kinds = this.kinds;
    for (let index = kinds.length - 1; index >= 1; index--) {
      const frameKind = kinds[index] as TagKind;
      if (sameKind(frameKind, kind)) return index;
      if ((frameKind.flags & stops) !== 0) return -1;
    }
    return -1;
  }
}

class Scanner {
  readonly page: ScannedPage;
  readonly frames: ElementFrames;
  private readonly names = new TagNameReader();
  private comments = 0;
  /** The first "&" at or after the last piece's start: pieces come in source order, so it is searched for once. */
  private nextAmp = -1;

  constructor(private readonly html: string) {
    // About one element and one piece of text per 32 characters of a page: room for them from the start.
    this.frames = new ElementFrames(html, html.length >> 5);
    this.page = { text: new TextPieces(this.frames, Math.max(64, html.length >> 5)), links: [], images: [] };
  }

  scanRange(from: number, to: number, root: number, channel: number): void {
    const html = this.html;
    const stack = new ElementStack(root, this.page.links);
    let position = from;
    while (position < to) {
      // Tags often follow one another: no search then.
      const lt = html.charCodeAt(position) === LT ? position : html.indexOf("<", position + 1);
      const textEnd = lt === -1 || lt >= to ? to : lt;
      this.addText(position, textEnd, true, stack.top, stack.topLink, channel);
      if (textEnd === to) break;
      position = textEnd;

      const next = html.charCodeAt(position + 1);
      if (next === BANG && html.startsWith("<!--", position)) {
        const close = html.indexOf("-->", position + 4);
        const end = close === -1 || close + 3 > to ? to : close + 3;
        // A commented-out footer is still markup: scan it, every piece marked as a comment.
        const root = this.frames.root("comment");
        this.scanRange(position + 4, Math.max(position + 4, end - 3), root, this.comments++);
        position = end;
      } else if (next === BANG || next === QUESTION) {
        const close = html.indexOf(">", position);
        position = close === -1 || close >= to ? to : close + 1;
      } else if (next === SLASH) {
        position = this.endTag(position, to, stack);
      } else {
        position = this.startTag(position, to, stack, channel);
      }
    }
    stack.closeTo(1, to);
  }

  /** `</name…>` at `position`: closes the innermost open `name` and what is inside it. */
  private endTag(position: number, to: number, stack: ElementStack): number {
    const html = this.html;
    const kind = this.names.read(html, position + 2);
    // Usually the ">" comes right after the name.
    const close = html.charCodeAt(this.names.end) === GT ? this.names.end : html.indexOf(">", position);
    const end = close === -1 || close >= to ? to : close + 1;
    if (kind !== null) {
      const index = stack.findOpen(kind, 0);
      if (index > 0) stack.closeTo(index, end);
    }
    return end;
  }

  /** `<name…>` at `position` (or a stray `<`, which is text); where scanning goes on. */
  private startTag(position: number, to: number, stack: ElementStack, channel: number): number {
    const html = this.html;
    const kind = this.names.read(html, position + 1);
    if (kind === null) {
      this.addText(position, position + 1, false, stack.top, stack.topLink, channel);
      return position + 1;
    }
    const tagFrom = this.names.end;
    const { end, selfClosing } = readTagEnd(html, tagFrom, to);
    closeImplied(kind, position, stack);

    const parent = stack.top;
    const parentLink = stack.topLink;
    const flags = kind.flags;
    if ((flags & TAG_IMG) !== 0) {
      const image = this.frames.element(parent, tagFrom, end, null);
      this.page.images.push(
        new ImageElement(this.frames, image, position, parentLink === -1 ? null : parentLink),
      );
    }
    if ((flags & TAG_VOID) !== 0 || selfClosing) return end;

    if ((flags & TAG_RAW_TEXT) !== 0) {
      const close = findRawEnd(html, kind.name, end, to);
      const element = this.frames.element(parent, tagFrom, end, kind.rawText);
      this.addText(end, close.contentEnd, kind.decodedRawText, element, parentLink, channel);
      return close.end;
    }
    let link = parentLink;
    if ((flags & TAG_A) !== 0) {
      link = this.page.links.length;
      this.page.links.push(new LinkElement(html, tagFrom, end, position, to));
    }
    stack.push(this.frames.element(parent, tagFrom, end, kind.content), kind, link);
    return end;
  }

  private addText(
    start: number,
    end: number,
    decode: boolean,
    frame: number,
    link: number,
    channel: number,
  ): void {
    if (end <= start) return;
    if (decode && this.nextAmp < start) {
      this.nextAmp = this.html.indexOf("&", start);
      if (this.nextAmp === -1) this.nextAmp = this.html.length;
    }
    const decoded = decode && this.nextAmp < end;
    this.page.text.add(start, end, decoded, frame, link, channel);
  }
}

/** The end tags a start tag implies: HTML's "close a p element", list items, nested links. */
function closeImplied(kind: TagKind, at: number, stack: ElementStack): void {
  const flags = kind.flags;
  if ((flags & TAG_CLOSES_P) !== 0 && stack.isOpen(P)) {
    const open = stack.findOpen(P, TAG_SCOPE);
    if (open > 0) stack.closeTo(open, at);
  }
  if ((flags & TAG_LIST_ITEM) !== 0) {
    const open =
      kind === LI
        ? stack.isOpen(LI)
          ? stack.findOpen(LI, TAG_LIST_SCOPE)
          : -1
        : Math.max(
            stack.isOpen(DD) ? stack.findOpen(DD, TAG_SCOPE) : -1,
            stack.isOpen(DT) ? stack.findOpen(DT, TAG_SCOPE) : -1,
          );
    if (open > 0) stack.closeTo(open, at);
  }
  if ((flags & TAG_A) !== 0 && stack.isOpen(A)) {
    const open = stack.findOpen(A, 0);
    if (open > 0) stack.closeTo(open, at);
  }
}

/**
 * The end of a raw-text element: the first `</name` followed by white space, `/` or `>`
 * (any ASCII case), and the `>` after it.
 */
function findRawEnd(html: string, name: string, from: number, to: number) {
  for (let open = html.indexOf("</", from); open !== -1 && open < to; open = html.indexOf("</", open + 2)) {
    if (!endTagNamed(html, open + 2, name)) continue;
    const close = html.indexOf(">", open);
    return { contentEnd: open, end: close === -1 || close >= to ? to : close + 1 };
  }
  return { contentEnd: to, end: to };
}

function endTagNamed(html: string, at: number, name: string): boolean {
  if (!namedAs(html, at, name)) return false;
  const after = html.charCodeAt(at + name.length);
  return after === SLASH || after === GT || isSpace(after);
}
