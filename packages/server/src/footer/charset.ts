/**
 * Turns a home page's bytes into text. Many Chinese sites still serve GBK / GB2312 /
 * GB18030 (and some Big5), often declared only in a `<meta>`, so a check that assumed
 * UTF-8 would read their footer as mojibake and report the number missing. Order as in
 * HTML's encoding sniffing: a byte-order mark, the Content-Type charset, a `<meta>` in
 * the first 4 KB; with none, UTF-8 if the bytes are valid UTF-8, else GB18030 (the
 * superset of GBK that browsers set to Chinese fall back to). Decoding uses Node's
 * WHATWG TextDecoder (full ICU), which knows gbk, gb2312 (as GBK), gb18030 and big5.
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
  if (bom) return { html: decoderFor(bom)?.decode(body) ?? "", charset: bom, from: "bom" };
  const declared = contentType ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1] : undefined;
  const header = declared ? decoderFor(declared) : undefined;
  if (header) return { html: header.decode(body), charset: header.encoding, from: "header" };
  const head = body.subarray(0, META_PRESCAN_BYTES).toString("latin1");
  const meta = META_CHARSET.exec(head)?.[1];
  // A page that says UTF-16 in ASCII-compatible bytes is not UTF-16 (HTML treats it as UTF-8).
  const fromMeta = meta && !/^utf-?16/i.test(meta) ? decoderFor(meta) : undefined;
  if (fromMeta) return { html: fromMeta.decode(body), charset: fromMeta.encoding, from: "meta" };
  try {
    // stream: true so that a multi-byte character cut by the size cap is not an error.
    const html = new TextDecoder("utf-8", { fatal: true }).decode(body, { stream: true });
    return { html, charset: "utf-8", from: "sniffed" };
  } catch {
    return { html: new TextDecoder("gb18030").decode(body), charset: "gb18030", from: "sniffed" };
  }
}

function bomCharset(body: Buffer): string | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return "utf-8";
  if (body[0] === 0xfe && body[1] === 0xff) return "utf-16be";
  if (body[0] === 0xff && body[1] === 0xfe) return "utf-16le";
  return null;
}

/** A decoder for a label, or undefined when the label names no encoding TextDecoder knows. */
function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return undefined;
  }
}
