import { inflateSync } from "node:zlib";
import { AppError } from "@openbeian/core";

/**
 * A PDF upload is kept as it is, so it must be a plain document: it starts with
 * `%PDF-`, is not encrypted (its objects could not be inspected), and carries no
 * scripts, launch actions, XFA forms, rich media or embedded files.
 *
 * Actions are dictionaries, and dictionaries live either in the file's plain
 * text or inside object streams (/Type /ObjStm), which are inflated here and
 * scanned too. Other streams (page contents, images) cannot hold actions and are
 * skipped, so binary image data never trips the check by chance.
 */
const ACTIVE = /\/(JavaScript|JS|Launch|XFA|RichMedia|EmbeddedFiles?)(?![A-Za-z0-9])/;
const MAX_INFLATED = 16 * 1024 * 1024;
export function inspectPdf(bytes: Buffer): void {
  if (bytes.subarray(0, 5).toString("latin1") !== "%PDF-") {
    throw new AppError("UPLOAD_UNREADABLE", { reason: "pdf_header" });
  }
  const text = bytes.toString("latin1");
  const { plain, objectStreams } = splitStreams(text);
  const names = decodeNameEscapes(plain);
  if (/\/Encrypt(?![A-Za-z0-9])/.test(names)) {
    throw new AppError("UPLOAD_UNREADABLE", { reason: "pdf_encrypted" });
  }
  let budget = MAX_INFLATED;
  const parts = [names];
  for (const stream of objectStreams) {
    const inflated = inflateObjectStream(stream, budget);
    budget -= inflated.length;
    parts.push(decodeNameEscapes(inflated));
  }
  const found = parts.map((part) => ACTIVE.exec(part)?.[1]).find(Boolean);
  if (found) throw new AppError("UPLOAD_PDF_ACTIVE_CONTENT", { found: `/${found}` });
  // Something that only starts like a PDF (a text or HTML file behind a header) has no document catalog.
  if (!parts.some((part) => /\/Type\s*\/Catalog(?![A-Za-z0-9])/.test(part))) {
    throw new AppError("UPLOAD_UNREADABLE", { reason: "pdf_structure" });
  }
}

interface ObjectStream {
  dictionary: string;
  body: string;
}

/** The text outside every stream, and the object streams with their dictionaries. */
function splitStreams(text: string): { plain: string; objectStreams: ObjectStream[] } {
  const plain: string[] = [];
  const objectStreams: ObjectStream[] = [];
  const start = /(?<!end)stream(?:\r\n|\n|\r)/g;
  let position = 0;
  for (let match = start.exec(text); match; match = start.exec(text)) {
    const before = text.slice(position, match.index);
    plain.push(before);
    const end = text.indexOf("endstream", start.lastIndex);
    const bodyEnd = end === -1 ? text.length : end;
    const dictionary = before.slice(before.lastIndexOf("obj") + 3);
    if (/\/Type\s*\/ObjStm/.test(decodeNameEscapes(dictionary))) {
      objectStreams.push({ dictionary, body: text.slice(start.lastIndex, bodyEnd) });
    }
    position = end === -1 ? text.length : end + "endstream".length;
    start.lastIndex = position;
  }
  plain.push(text.slice(position));
  return { plain: plain.join("\n"), objectStreams };
}

function inflateObjectStream({ dictionary, body }: ObjectStream, budget: number): string {
  const filters = decodeNameEscapes(dictionary).match(/\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/)?.[1] ?? "";
  const names = filters.match(/\/[A-Za-z0-9]+/g) ?? [];
  if (names.length === 0) return body;
  if (names.length > 1 || names[0] !== "/FlateDecode") {
    throw new AppError("UPLOAD_UNREADABLE", { reason: "pdf_object_stream_filter" });
  }
  try {
    return inflateSync(Buffer.from(body, "latin1"), { maxOutputLength: Math.max(budget, 1) }).toString(
      "latin1",
    );
  } catch {
    throw new AppError("UPLOAD_UNREADABLE", { reason: "pdf_object_stream" });
  }
}

/** `/J#61vaScript` is `/JavaScript`: names may spell any character as #xx. */
function decodeNameEscapes(text: string): string {
  return text.replace(/#([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
