import { isAscii, isUtf8, transcode } from "node:buffer";

/**
 * Turns a home page's bytes into text. Many Chinese sites still serve GBK / GB2312 /
 * GB18030 (and some Big5), often declared only in a `<meta>`, so a check that assumed
 * UTF-8 would read their footer as mojibake and report the number missing. Order as in
 * HTML's encoding sniffing: a byte-order mark, the Content-Type charset, a `<meta>` in
 * the first 4 KB; with none, UTF-8 if the bytes are valid UTF-8, else GB18030 (the
 * superset of GBK that browsers set to Chinese fall back to). Decoding uses Node's
 * WHATWG TextDecoder (full ICU), which knows gbk, gb2312 (as GBK), gb18030 and big5.
 *
 * UTF-8, most pages, takes a faster road to the same text (utf8Text): a page is decoded
 * for every check of a campaign, and V8's own UTF-8 decoding, behind both TextDecoder
 * and `toString("utf8")`, is slow (Node 20: 60 µs for a 43 KB page of Chinese text,
 * against 11 µs to validate it and transcode it to UTF-16).
 */
export const META_PRESCAN_BYTES = 4096;

const META_CHARSET = /<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i;

export interface DecodedPage {
  html: string;
  /** The WHATWG name of the encoding used ("utf-8", "gbk", "gb18030", "big5"…). */
  charset: string;
  /** Where the charset came from. */
  from: "bom" | "header" | "meta" | "sniffed";
}

export function decodePage(body: Buffer, contentType: string | null): DecodedPage {
  const bom = bomCharset(body);
  if (bom === "utf-8") return { html: utf8Text(body.subarray(3)), charset: bom, from: "bom" };
  if (bom) return { html: decoderFor(bom)?.decode(body) ?? "", charset: bom, from: "bom" };
  const declared = contentType ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1] : undefined;
  const header = declared ? decoderFor(declared) : undefined;
  if (header) return { html: decode(header, body), charset: header.encoding, from: "header" };
  const head = body.subarray(0, META_PRESCAN_BYTES).toString("latin1");
  const meta = META_CHARSET.exec(head)?.[1];
  // A page that says UTF-16 in ASCII-compatible bytes is not UTF-16 (HTML treats it as UTF-8).
  const fromMeta = meta && !/^utf-?16/i.test(meta) ? decoderFor(meta) : undefined;
  if (fromMeta) return { html: decode(fromMeta, body), charset: fromMeta.encoding, from: "meta" };
  // A multi-byte character cut by the size cap does not make the page invalid: what
  // comes before it is decoded (as a streaming decoder would hold the unfinished bytes).
  const whole = body.subarray(0, completeLength(body));
  if (isUtf8(whole)) return { html: validUtf8Text(whole), charset: "utf-8", from: "sniffed" };
  return { html: decode(decoderFor("gb18030") as TextDecoder, body), charset: "gb18030", from: "sniffed" };
}

function bomCharset(body: Buffer): string | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return "utf-8";
  if (body[0] === 0xfe && body[1] === 0xff) return "utf-16be";
  if (body[0] === 0xff && body[1] === 0xfe) return "utf-16le";
  return null;
}

/**
 * What `decoder.decode(body)` gives, for a body that does not start with a UTF-8
 * byte-order mark (decodePage has taken those): for UTF-8 the faster road.
 */
function decode(decoder: TextDecoder, body: Buffer): string {
  return decoder.encoding === "utf-8" ? utf8Text(body) : decoder.decode(body);
}

/**
 * `new TextDecoder("utf-8").decode(body)` for a body without a byte-order mark: valid
 * UTF-8 by the faster road, else Buffer's decoding, which replaces each invalid
 * sequence with U+FFFD exactly as TextDecoder does (both are V8's WHATWG decoder).
 */
function utf8Text(body: Buffer): string {
  return isUtf8(body) ? validUtf8Text(body) : body.toString("utf8");
}

/**
 * The text of valid UTF-8. ASCII bytes are their own Latin-1 text (a copy); anything
 * else is transcoded to UTF-16 in native code and read as UTF-16 (a copy), which for
 * a 40 KB page takes a fifth of the time `toString("utf8")` does.
 */
function validUtf8Text(body: Buffer): string {
  if (isAscii(body)) return body.toString("latin1");
  return transcode(body, "utf8", "utf16le").toString("utf16le");
}

/**
 * The length of `body` without a last character cut short: the bytes a streaming
 * UTF-8 decoder would hold back at the end, waiting for the rest. Only a lead byte
 * followed by fewer continuation bytes than it needs, each in the range allowed after
 * it, is held back (anything else is an error the validation will see).
 */
function completeLength(body: Buffer): number {
  const length = body.length;
  for (let lead = length - 1; lead >= 0 && lead >= length - 3; lead--) {
    const byte = body[lead] as number;
    if (byte < 0x80) return length; // ASCII: nothing cut.
    if (byte < 0xc0) continue; // A continuation byte: the lead is further back.
    const needed = sequenceLength(byte);
    if (needed === 0 || length - lead >= needed) return length;
    // The second byte's range depends on the lead (no overlong forms, surrogates or
    // code points past U+10FFFF); the ones after it are 80–BF.
    const second = body[lead + 1];
    if (second === undefined) return lead;
    const low = byte === 0xe0 ? 0xa0 : byte === 0xf0 ? 0x90 : 0x80;
    const high = byte === 0xed ? 0x9f : byte === 0xf4 ? 0x8f : 0xbf;
    if (second < low || second > high) return length;
    const third = body[lead + 2];
    return third === undefined || (third >= 0x80 && third <= 0xbf) ? lead : length;
  }
  return length;
}

/** The bytes of the sequence a UTF-8 lead byte starts; 0 for a byte that starts none. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * Decoders by label, kept: making one costs more than a small page's decoding. A
 * decoder used without `stream` starts from a clean state on every call, so one serves
 * every page. Only labels that name an encoding are kept, a set bounded by the
 * Encoding Standard's list of labels, whatever pages declare.
 */
const decoders = new Map<string, TextDecoder>();

/** A decoder for a label, or undefined when the label names no encoding TextDecoder knows. */
function decoderFor(label: string): TextDecoder | undefined {
  const key = label.trim().toLowerCase();
  let decoder = decoders.get(key);
  if (decoder) return decoder;
  try {
    decoder = new TextDecoder(key);
  } catch {
    return undefined;
  }
  decoders.set(key, decoder);
  return decoder;
}
