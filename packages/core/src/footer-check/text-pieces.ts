import type { ElementFrames } from "./element-frames.ts";

/**
 * The page's text as the scanner (html-scan.ts) finds it: one piece per stretch between
 * tags, per raw-text element's content and per stray `<`, in source order. A piece is a
 * source range in an element, not a string: the number search (find-numbers.ts) reads
 * only the few pieces around a 备, and asks only of those whether a visitor sees them
 * (element-frames.ts). Kept in one typed array rather than an object per piece, since
 * a page has thousands.
 */

/** Why a visitor does not see a piece of text (stored by their index, element-frames.ts). */
export const HIDDEN_REASONS = [
  "comment",
  "script",
  "style",
  "template",
  "noscript",
  "title",
  "not_rendered",
  "hidden_attribute",
  "display_none",
  "visibility_hidden",
  "font_size_zero",
] as const;
export type HiddenReason = (typeof HIDDEN_REASONS)[number];

/** A piece's fields, one after the other in one array (one allocation, not one per field). */
const START = 0;
const END = 1;
const LINK = 2;
const CHANNEL = 3;
const PREVIOUS = 4;
const NEXT = 5;
/** 1: decoded; 0: not. */
const DECODED = 6;
/** The element the piece is in (for a raw-text element's text, the element itself). */
const FRAME = 7;
const FIELDS = 8;

export class TextPieces {
  count = 0;
  private data: Int32Array;
  /** The last piece of each channel so far (at channel + 1). */
  private readonly lastOfChannel: number[] = [];

  /** `capacity`: how many pieces to make room for at first (more are made room for as they come). */
  constructor(
    private readonly frames: ElementFrames,
    capacity: number,
  ) {
    this.data = new Int32Array(capacity * FIELDS);
  }

  add(start: number, end: number, decoded: boolean, frame: number, link: number, channel: number): void {
    if ((this.count + 1) * FIELDS > this.data.length) this.grow();
    const piece = this.count++;
    const at = piece * FIELDS;
    const data = this.data;
    const previous = this.lastOfChannel[channel + 1] ?? -1;
    data[at + START] = start;
    data[at + END] = end;
    data[at + LINK] = link;
    data[at + CHANNEL] = channel;
    data[at + PREVIOUS] = previous;
    data[at + NEXT] = -1;
    data[at + DECODED] = decoded ? 1 : 0;
    data[at + FRAME] = frame;
    if (previous !== -1) data[previous * FIELDS + NEXT] = piece;
    this.lastOfChannel[channel + 1] = piece;
  }

  /** Source offsets of the piece. */
  start(piece: number): number {
    return this.field(piece, START);
  }

  end(piece: number): number {
    return this.field(piece, END);
  }

  /** Index into the page's links of the innermost `<a>` around the piece; -1 for none. */
  link(piece: number): number {
    return this.field(piece, LINK);
  }

  /**
   * -1 outside comments, else the index of the piece's HTML comment. Text is searched per
   * channel: across element boundaries, but each comment on its own.
   */
  channel(piece: number): number {
    return this.field(piece, CHANNEL);
  }

  /** The piece before in the same channel; -1 at its start. */
  previous(piece: number): number {
    return this.field(piece, PREVIOUS);
  }

  /** The piece after in the same channel; -1 at its end. */
  next(piece: number): number {
    return this.field(piece, NEXT);
  }

  /** Whether the piece is read through reference decoding (text, not script or style, with an "&" in it). */
  decoded(piece: number): boolean {
    return this.field(piece, DECODED) === 1;
  }

  /** Why a visitor does not see the piece; null when shown. */
  hidden(piece: number): HiddenReason | null {
    return this.frames.hiddenOf(this.field(piece, FRAME));
  }

  private field(piece: number, field: number): number {
    return this.data[piece * FIELDS + field] ?? 0;
  }

  private grow(): void {
    const grown = new Int32Array(Math.max(this.data.length * 2, FIELDS * 64));
    grown.set(this.data);
    this.data = grown;
  }
}
