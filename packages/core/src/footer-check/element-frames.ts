import { ownHidden, restorable, restoresVisibility } from "./inline-style.ts";
import { isSpace, readTag } from "./start-tag.ts";
import { HIDDEN_REASONS, type HiddenReason } from "./text-pieces.ts";

/**
 * The elements the scanner (html-scan.ts) opens, and what a visitor makes of what is
 * inside them, worked out only when asked. Reading every start tag's attributes used to
 * cost the scan more than all the rest of it, while the footer check only ever asks
 * about the few elements around a number and its link. So the scanner notes where each
 * tag's attributes are, and they are read (start-tag.ts) when the hidden state of text
 * inside, or the `href` of a link, is asked for: the answers are those an eager read
 * gives, as the same tag is read by the same function.
 *
 * A frame is an index into one typed array, not an object: a page has as many elements
 * as tags, and the text pieces keep their frames to the end of the check, so objects
 * would all live that long and cost the garbage collector more than the scan saves.
 */

/** The reasons as stored (index 0: shown). */
const REASONS: readonly (HiddenReason | null)[] = [null, ...HIDDEN_REASONS];
const REASON_CODES = new Map(REASONS.map((reason, index) => [reason, index]));
const codeOf = (reason: HiddenReason | null) => REASON_CODES.get(reason) ?? 0;

/** A frame's fields, one after the other. */
const PARENT = 0;
/** The start tag's attributes: just after its name, and just after its `>` (-1 for a root). */
const TAG_FROM = 1;
const TAG_END = 2;
/** Bits 0–3: the content code; bits 4–7: hidden code + 1 (0: not worked out). */
const BITS = 3;
const FIELDS = 4;
const HIDDEN_SHIFT = 4;
const CODE_MASK = 0xf;

export class ElementFrames {
  private data: Int32Array;
  private count = 0;

  constructor(
    private readonly html: string,
    capacity: number,
  ) {
    this.data = new Int32Array(Math.max(16, capacity) * FIELDS);
  }

  /** A range's root: the page (shown) or one comment (hidden as a comment). */
  root(hidden: HiddenReason | null): number {
    return this.add(-1, -1, -1, (codeOf(hidden) + 1) << HIDDEN_SHIFT);
  }

  /**
   * An element opened inside `parent`, its hidden state not yet worked out. `content`:
   * what its content is when nothing hides it — the kind's `content` (template, noscript),
   * its `rawText` for a raw-text element's text, null for an image.
   */
  element(parent: number, tagFrom: number, tagEnd: number, content: HiddenReason | null): number {
    return this.add(parent, tagFrom, tagEnd, codeOf(content));
  }

  /**
   * Why a visitor does not see the frame's content (null: shown). Worked out from the
   * nearest frame already known down, each frame's answer kept: a loop rather than
   * recursion, as pages nest thousands deep.
   */
  hiddenOf(frame: number): HiddenReason | null {
    const code = this.hiddenCode(frame);
    if (code !== -1) return REASONS[code] ?? null;
    const data = this.data;
    const unknown: number[] = [];
    let known = frame;
    // Roots are known, so a frame not known has a parent.
    while (this.hiddenCode(known) === -1) {
      unknown.push(known);
      known = data[known * FIELDS + PARENT] as number;
    }
    let inherited = REASONS[this.hiddenCode(known)] ?? null;
    for (let index = unknown.length - 1; index >= 0; index--) {
      const at = (unknown[index] as number) * FIELDS;
      inherited = this.ownVisibility(at, inherited);
      data[at + BITS] =
        ((data[at + BITS] as number) & ~(CODE_MASK << HIDDEN_SHIFT)) |
        ((codeOf(inherited) + 1) << HIDDEN_SHIFT);
    }
    return inherited;
  }

  /** The stored hidden code, -1 when not yet worked out. */
  private hiddenCode(frame: number): number {
    return ((((this.data[frame * FIELDS + BITS] as number) >> HIDDEN_SHIFT) & CODE_MASK) - 1) | 0;
  }

  /**
   * What an element makes of the hiding it inherits: its own `hidden` attribute and
   * inline style hide its content, or undo a `visibility: hidden` or `font-size: 0` above
   * it (inline-style.ts). Any other hiding (a comment, a script, `display: none`) no
   * attribute undoes, so the tag is not read then.
   */
  private ownVisibility(at: number, inherited: HiddenReason | null): HiddenReason | null {
    const data = this.data;
    const bits = data[at + BITS] as number;
    let hidden = inherited;
    if (inherited === null || restorable(inherited)) {
      const tag = readTag(this.html, data[at + TAG_FROM] as number, data[at + TAG_END] as number, false);
      hidden = restoresVisibility(inherited, tag) ? null : (inherited ?? ownHidden(tag));
    }
    return hidden ?? REASONS[bits & CODE_MASK] ?? null;
  }

  private add(parent: number, tagFrom: number, tagEnd: number, bits: number): number {
    if ((this.count + 1) * FIELDS > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const frame = this.count++;
    const at = frame * FIELDS;
    const data = this.data;
    data[at + PARENT] = parent;
    data[at + TAG_FROM] = tagFrom;
    data[at + TAG_END] = tagEnd;
    data[at + BITS] = bits;
    return frame;
  }
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
    private readonly frames: ElementFrames,
    private readonly frame: number,
    readonly start: number,
    readonly link: number | null,
  ) {}

  get hidden(): HiddenReason | null {
    return this.frames.hiddenOf(this.frame);
  }
}

/** `text.trim()`, without a call when there is nothing to trim (as for nearly every `href`). */
function trim(text: string): string {
  if (text.length === 0) return text;
  return isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1)) ? text.trim() : text;
}
