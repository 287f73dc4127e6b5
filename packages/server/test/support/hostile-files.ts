import { crc32, deflateSync } from "node:zlib";

/**
 * Files made to attack an upload, built byte by byte here so no binary fixture
 * lives in git: executables and archives under an image's name, polyglots (an
 * image or a PDF that is also a ZIP), PDFs with embedded files, encryption or
 * streams that inflate without end, images that declare billions of pixels, and
 * a zlib stream of hundreds of megabytes written without allocating them.
 */

/** A Windows executable's start: the DOS header pointing at a PE header. */
export function windowsExecutable(): Buffer {
  const bytes = Buffer.alloc(256);
  bytes.write("MZ", 0, "latin1");
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write("PE\0\0", 0x80, "latin1");
  bytes.writeUInt16LE(0x014c, 0x84);
  return bytes;
}

/** A 64-bit Linux executable's header. */
export function linuxExecutable(): Buffer {
  const bytes = Buffer.alloc(128);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01]).copy(bytes);
  bytes.writeUInt16LE(2, 16); // ET_EXEC
  bytes.writeUInt16LE(0x3e, 18); // x86-64
  return bytes;
}

/** A ZIP archive holding one stored file (valid: CRCs, central directory and all). */
export function zipArchive(name: string, content: Buffer): Buffer {
  const fileName = Buffer.from(name, "utf8");
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const centralOffset = local.length + fileName.length + content.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, fileName, content, central, fileName, end]);
}

export function svgWithScript(prolog = false): Buffer {
  return Buffer.from(
    (prolog ? '<?xml version="1.0" encoding="UTF-8"?>\n' : "") +
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" onload="alert(1)">' +
      "<script>fetch('/api/session').then(r=>r.text()).then(alert)</script>" +
      '<rect width="100" height="100"/></svg>',
  );
}

// ---------------------------------------------------------------------------------------------
// Decompression bombs

/**
 * A zlib stream that inflates to `bytes` zeros (rounded down to a multiple of 258, plus
 * one), about a thousandth of that in size: one fixed-Huffman block of a literal zero
 * and then "repeat 258 bytes from 1 back" over and over, 13 bits each.
 */
export function zeroBomb(bytes: number): Buffer {
  const repeats = Math.floor((bytes - 1) / 258);
  const bits = new BitWriter(Math.ceil((3 + 8 + repeats * 13 + 7) / 8) + 8);
  bits.write(1, 1); // the final block
  bits.write(1, 2); // fixed Huffman codes
  bits.huffman(0x30, 8); // literal 0
  for (let i = 0; i < repeats; i++) {
    bits.huffman(0xc5, 8); // length 258 (symbol 285)
    bits.huffman(0, 5); // distance 1
  }
  bits.huffman(0, 7); // end of block
  const inflated = 1 + repeats * 258;
  const adler = Buffer.alloc(4);
  // Adler-32 of zeros only: a stays 1, b adds a (1) per byte.
  adler.writeUInt32BE((((inflated % 65521) << 16) | 1) >>> 0);
  return Buffer.concat([Buffer.from([0x78, 0x01]), bits.bytes(), adler]);
}

class BitWriter {
  private readonly buffer: Buffer;
  private position = 0;

  constructor(size: number) {
    this.buffer = Buffer.alloc(size);
  }

  /** Least significant bit first, as deflate packs values. */
  write(value: number, count: number): void {
    for (let i = 0; i < count; i++) {
      if ((value >> i) & 1) this.buffer[this.position >> 3]! |= 1 << (this.position & 7);
      this.position++;
    }
  }

  /** Huffman codes go most significant bit first. */
  huffman(code: number, count: number): void {
    for (let i = count - 1; i >= 0; i--) this.write((code >> i) & 1, 1);
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, Math.ceil(this.position / 8));
  }
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/** A greyscale PNG of the declared size whose pixel data is the given zlib stream. */
export function pngDeclaring(width: number, height: number, idat: Buffer, bitDepth = 8): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = bitDepth;
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", idat),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** 50,000 × 50,000 pixels (2.5 gigapixels) in a few hundred bytes: ten rows of data. */
export function gigapixelPng(): Buffer {
  const row = Buffer.alloc(1 + 50_000 / 8);
  return pngDeclaring(50_000, 50_000, deflateSync(Buffer.concat(Array.from({ length: 10 }, () => row))), 1);
}

/** A baseline JPEG header declaring 65,500 × 65,500 pixels, with no image data after it. */
export function hugeJpegHeader(): Buffer {
  const frame = Buffer.from([0xff, 0xc0, 0x00, 0x0b, 0x08, 0xff, 0xdc, 0xff, 0xdc, 0x01, 0x01, 0x11, 0x00]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), frame, Buffer.from([0xff, 0xd9])]);
}

// ---------------------------------------------------------------------------------------------
// PDFs

/** A small hand-written PDF: `catalog` goes into the catalog dictionary, `objects` after the page. */
export function handPdf(catalog: string, objects: Buffer[] = [], trailer = ""): Buffer {
  return Buffer.concat([
    Buffer.from(
      "%PDF-1.7\n" +
        `1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${catalog} >>\nendobj\n` +
        "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n" +
        "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n",
    ),
    ...objects,
    Buffer.from(`trailer\n<< /Root 1 0 R ${trailer} >>\n%%EOF\n`),
  ]);
}

export function pdfObject(number: number, dictionary: string, stream?: Buffer): Buffer {
  if (!stream) return Buffer.from(`${number} 0 obj\n${dictionary}\nendobj\n`);
  return Buffer.concat([
    Buffer.from(`${number} 0 obj\n${dictionary.replace(/>>\s*$/, `/Length ${stream.length} >>`)}\nstream\n`),
    stream,
    Buffer.from("\nendstream\nendobj\n"),
  ]);
}

/** An attachment (a file inside the PDF, opened from the viewer's sidebar). */
export function pdfWithEmbeddedFile(): Buffer {
  return handPdf("/Names << /EmbeddedFiles << /Names [(invoice.exe) 4 0 R] >> >>", [
    pdfObject(4, "<< /Type /Filespec /F (invoice.exe) /EF << /F 5 0 R >> >>"),
    pdfObject(5, "<< /Type /EmbeddedFile >>", windowsExecutable()),
  ]);
}

/** `/Java#53cript` (an escaped S) inside a compressed object stream: found only after inflating and unescaping. */
export function pdfWithHiddenScript(): Buffer {
  const hidden = Buffer.from("6 0 << /S /Java#53cript /JS (app.launchURL('https://evil.example')) >>");
  return handPdf("/OpenAction 6 0 R", [
    pdfObject(5, "<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>", deflateSync(hidden)),
  ]);
}

/** An object stream that would inflate to `bytes` zeros. */
export function pdfObjectStreamBomb(bytes: number): Buffer {
  return handPdf("", [
    pdfObject(5, "<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode >>", zeroBomb(bytes)),
  ]);
}

/** An object stream behind a filter chain the inspector does not undo, so its objects cannot be seen. */
export function pdfWithOpaqueObjectStream(): Buffer {
  const body = Buffer.from(deflateSync(Buffer.from("6 0 << /S /JavaScript >>")).toString("hex") + ">");
  return handPdf("", [
    pdfObject(5, "<< /Type /ObjStm /N 1 /First 4 /Filter [/ASCIIHexDecode /FlateDecode] >>", body),
  ]);
}

export function encryptedPdf(): Buffer {
  return handPdf(
    "",
    [pdfObject(7, "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O (x) /U (y) >>")],
    "/Encrypt 7 0 R",
  );
}
