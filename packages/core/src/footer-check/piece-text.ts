import { decodeEntities, type DecodedText } from "./entities.ts";
import type { TextPieces } from "./text-pieces.ts";

/**
 * The text of the scanner's pieces (html-scan.ts) as a visitor reads it, character
 * references decoded, read one piece at a time and only when asked: the number search
 * looks at a few pieces around each 备, not at the whole page. A piece without
 * references is read straight from the source.
 */
export class PieceText {
  private readonly decodedPieces = new Map<number, DecodedText>();

  constructor(
    private readonly html: string,
    readonly pieces: TextPieces,
  ) {}

  /** The piece's text, references decoded. */
  text(piece: number): string {
    const decoded = this.decoded(piece);
    return decoded ? decoded.text : this.html.slice(this.start(piece), this.end(piece));
  }

  /** The number of UTF-16 units of the piece's text. */
  length(piece: number): number {
    const decoded = this.decoded(piece);
    return decoded ? decoded.text.length : this.end(piece) - this.start(piece);
  }

  charCodeAt(piece: number, unit: number): number {
    const decoded = this.decoded(piece);
    return decoded ? decoded.text.charCodeAt(unit) : this.html.charCodeAt(this.start(piece) + unit);
  }

  /**
   * The source offset of unit `unit` of the piece's text (a reference's units all point
   * at its `&`); the piece's end for the unit just after its last.
   */
  sourceOffset(piece: number, unit: number): number {
    const decoded = this.decoded(piece);
    if (!decoded) return this.start(piece) + unit;
    return decoded.offsets[unit] ?? this.end(piece);
  }

  /** The piece whose source range holds `offset`; -1 when it is in markup. */
  pieceAt(offset: number): number {
    let low = 0;
    let high = this.pieces.count - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.start(middle) <= offset) low = middle;
      else high = middle - 1;
    }
    return low < this.pieces.count && this.start(low) <= offset && offset < this.end(low) ? low : -1;
  }

  start(piece: number): number {
    return this.pieces.start(piece);
  }

  end(piece: number): number {
    return this.pieces.end(piece);
  }

  private decoded(piece: number): DecodedText | undefined {
    if (!this.pieces.decoded(piece)) return undefined;
    let decoded = this.decodedPieces.get(piece);
    if (!decoded) {
      decoded = decodeEntities(this.html, this.start(piece), this.end(piece));
      this.decodedPieces.set(piece, decoded);
    }
    return decoded;
  }
}
