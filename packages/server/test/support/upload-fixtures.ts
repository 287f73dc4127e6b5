import { deflateSync } from "node:zlib";
import PDFDocument from "pdfkit";
import sharp from "sharp";

/**
 * Files for the upload tests, generated here so no binary fixture lives in git:
 * real images (one carrying EXIF with a secret and a rotation), a real PDF, and
 * the hostile ones (disguised HTML, SVG with script, polyglots, PDFs with
 * actions, a decompression bomb).
 */
export const SECRET = "secret-exif-copyright";
export const PDF_MARKER = "PLAINTEXT-MARKER-7d1f";
const SCRIPT = "<script>alert(document.cookie)</script>";

const solid = (width: number, height: number, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background: { r: 180, g: 40, b: 40, alpha: 0.6 } } });

async function pdfkitDocument(): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", info: { Title: PDF_MARKER } });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.fontSize(14).text(`Signed form ${PDF_MARKER}`);
  doc.end();
  return done;
}

/** A small hand-written PDF; `extra` goes into the catalog, `objects` after it. */
function handPdf(extra: string, objects: Buffer[] = []): Buffer {
  return Buffer.concat([
    Buffer.from(
      "%PDF-1.7\n" +
        `1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${extra} >>\nendobj\n` +
        "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n" +
        "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n",
    ),
    ...objects,
    Buffer.from("trailer\n<< /Root 1 0 R >>\n%%EOF\n"),
  ]);
}

function stream(header: string, body: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`${header.replace(">>", `/Length ${body.length} >>`)}\nstream\n`),
    body,
    Buffer.from("\nendstream\nendobj\n"),
  ]);
}

export async function makeFixtures() {
  const jpeg = await solid(640, 480)
    .jpeg()
    .withMetadata({ orientation: 6, exif: { IFD0: { Copyright: SECRET } } })
    .toBuffer();
  const png = await solid(300, 200, 4).png().toBuffer();
  const hiddenAction = Buffer.from("6 0 << /S /JavaScript /JS (app.alert(1)) >>");
  return {
    /** 640×480 stored with EXIF orientation 6 (to be turned upright: 480×640). */
    jpeg,
    png,
    pdf: await pdfkitDocument(),
    gif: await solid(20, 20).gif().toBuffer(),
    html: Buffer.from(`<!doctype html><html><body>${SCRIPT}</body></html>`),
    svg: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">${SCRIPT}</svg>`),
    /** A PNG signature followed by HTML. */
    pngHeaderHtml: Buffer.concat([png.subarray(0, 8), Buffer.from(`<html>${SCRIPT}</html>`)]),
    /** A whole PNG with a script appended after its end. */
    pngWithScript: Buffer.concat([png, Buffer.from(SCRIPT)]),
    /** Text with a PDF header and no document in it. */
    pdfHeaderHtml: Buffer.from(`%PDF-1.4\n<html>${SCRIPT}</html>\n%%EOF\n`),
    pdfJavaScript: handPdf("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
    /** `/L#61unch` is `/Launch` spelled with a name escape. */
    pdfLaunchEscaped: handPdf("/OpenAction << /S /L#61unch /F (calc.exe) >>"),
    /** The action inside a compressed object stream. */
    pdfHiddenAction: handPdf("/OpenAction 6 0 R", [
      stream("5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>", deflateSync(hiddenAction)),
    ]),
    /** "/JS" inside a page's content stream is drawing data, not an action. */
    pdfInnocentStream: handPdf("", [stream("4 0 obj\n<< >>", Buffer.from("BT /JS 12 Tf (hi) Tj ET"))]),
    /** 20000×20000 pixels (400 megapixels), a few hundred kilobytes on disk. */
    bomb: await sharp({
      create: { width: 20000, height: 20000, channels: 3, background: "#ffffff" },
      limitInputPixels: false,
    })
      .toColourspace("b-w")
      .png({ compressionLevel: 9 })
      .toBuffer(),
    /** A noisy photo of about 1.8 MB: more than the JSON body limit, less than the upload limit. */
    largePhoto: await sharp({
      create: {
        width: 1600,
        height: 1200,
        channels: 3,
        background: "#808080",
        noise: { type: "gaussian", mean: 128, sigma: 60 },
      },
    })
      .jpeg({ quality: 95 })
      .toBuffer(),
    /** Just over the 4 MB limit. */
    oversized: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(4 * 1024 * 1024)]),
  };
}

export type Fixtures = Awaited<ReturnType<typeof makeFixtures>>;

export interface FormPart {
  name: string;
  value?: string;
  file?: { filename: string; contentType: string; data: Buffer };
}

/** A multipart/form-data body from parts in the order given. */
export function form(parts: FormPart[]) {
  const boundary = `----openbeian-test-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.file) head += `; filename="${part.file.filename}"\r\nContent-Type: ${part.file.contentType}`;
    chunks.push(Buffer.from(`${head}\r\n\r\n`), part.file?.data ?? Buffer.from(part.value ?? ""));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

/** The usual upload: `kind` first, then the file. */
export function uploadForm(kind: string, data: Buffer, filename = "scan.jpg", contentType = "image/jpeg") {
  return form([
    { name: "kind", value: kind },
    { name: "file", file: { filename, contentType, data } },
  ]);
}
