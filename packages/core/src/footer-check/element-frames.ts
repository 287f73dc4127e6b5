import { ownHidden, restoresVisibility } from "./inline-style.ts";
import { isSpace, readTag } from "./start-tag.ts";
import { TAG_A, type TagKind } from "./tag-names.ts";
import type { HiddenReason } from "./text-pieces.ts";

/**
 * The elements the scanner (html-scan.ts) opens, and what a visitor makes of what is
 * inside them, worked out only when asked. Reading every start tag's attributes used to
 * cost the scan more than all the rest of it, while the footer check only ever asks
 * about the few elements around a number and its link. So the scanner notes where each
 * tag's attributes are, and they are read (start-tag.ts) when the hidden state of text
 * inside, or the `href` of a link, is asked for: the answers are those an eager read
 * gives, as the same tag is read by the same function.
 */
export interface ElementFrame {
  /** null for a range's root (the page, or one comment). */
  kind: TagKind | null;
  /** The element it was opened in (null for a root). */
  parent: ElementFrame | null;
  /** The start tag's attributes: just after its name, and just after its `>`. */
  tagFrom: number;
  tagEnd: number;
  /** Index into the page's links of the innermost `<a>`; -1 for none. */
  link: number;
  /** Why its content is not seen; undefined until worked out. */
  hidden: HiddenReason | null | undefined;
  /**
   * What its content is when nothing hides it: the kind's `content` (template,
   * noscript), its `rawText` for a raw-text element's text, null for an image.
   */
  content: HiddenReason | null;
}

/** A range's root: the page (shown) or one comment (hidden as a comment). */
export function rootFrame(hidden: HiddenReason | null): ElementFrame {
  return frame(null, null, -1, -1, -1, hidden, null);
}

/** An element opened inside `parent`, its hidden state not yet worked out. */
export function elementFrame(
  kind: TagKind,
  parent: ElementFrame,
  tagFrom: number,
  tagEnd: number,
  link: number,
  content: HiddenReason | null,
): ElementFrame {
  return frame(kind, parent, tagFrom, tagEnd, link, undefined, content);
}

/** One shape for every frame (the same properties in the same order). */
function frame(
  kind: TagKind | null,
  parent: ElementFrame | null,
  tagFrom: number,
  tagEnd: number,
  link: number,
  hidden: HiddenReason | null | undefined,
  content: HiddenReason | null,
): ElementFrame {
  return { kind, parent, tagFrom, tagEnd, link, hidden, content };
}

/**
 * Why a visitor does not see the frame's content (null: shown). Worked out from the
 * nearest frame already known down, each frame's answer kept: a loop rather than
 * recursion, as pages nest thousands deep.
 */
export function hiddenOf(html: string, target: ElementFrame): HiddenReason | null {
  if (target.hidden !== undefined) return target.hidden;
  const unknown: ElementFrame[] = [];
  let known: ElementFrame = target;
  while (known.hidden === undefined) {
    unknown.push(known);
    // Roots are known, so a frame not known has a parent.
    known = known.parent as ElementFrame;
  }
  let inherited: HiddenReason | null = known.hidden;
  for (let index = unknown.length - 1; index >= 0; index--) {
    const frame = unknown[index] as ElementFrame;
    frame.hidden = ownVisibility(html, frame, inherited);
    inherited = frame.hidden;
  }
  return inherited;
}

/**
 * What an element makes of the hiding it inherits: its own `hidden` attribute and inline
 * style hide its content, or undo a `visibility: hidden` or `font-size: 0` above it
 * (inline-style.ts). Any other hiding (a comment, a script, `display: none`) no
 * attribute undoes, so the tag is not read then.
 */
function ownVisibility(
  html: string,
  frame: ElementFrame,
  inherited: HiddenReason | null,
): HiddenReason | null {
  let hidden = inherited;
  if (inherited === null || inherited === "visibility_hidden" || inherited === "font_size_zero") {
    const likelyRead = ((frame.kind?.flags ?? 0) & TAG_A) !== 0;
    const tag = readTag(html, frame.tagFrom, frame.tagEnd, likelyRead);
    hidden = restoresVisibility(inherited, tag) ? null : (inherited ?? ownHidden(tag));
  }
  return hidden ?? frame.content;
}

/** An `<a>` element: where it is, and its `href`, read when first asked for. */
export class LinkElement {
  private read: string | null | undefined = undefined;

  constructor(
    private readonly html: string,
    private readonly tagFrom: number,
    private readonly tagEnd: number,
    /** Source offsets of `<a` and of the end of `</a>` (the end of the scan when unclosed). */
    readonly start: number,
    public end: number,
  ) {}

  /** The decoded `href`; null for an `<a>` without one. */
  get href(): string | null {
    if (this.read === undefined) {
      const href = readTag(this.html, this.tagFrom, this.tagEnd, true).href;
      this.read = href === undefined ? null : trim(href);
    }
    return this.read;
  }
}

/** An `<img>`: where it is, the link it is in, and whether it is seen (worked out when asked). */
export class ImageElement {
  constructor(
    private readonly html: string,
    private readonly frame: ElementFrame,
    readonly start: number,
    readonly link: number | null,
  ) {}

  get hidden(): HiddenReason | null {
    return hiddenOf(this.html, this.frame);
  }
}

/** `text.trim()`, without a call when there is nothing to trim (as for nearly every `href`). */
function trim(text: string): string {
  if (text.length === 0) return text;
  return isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1)) ? text.trim() : text;
}
