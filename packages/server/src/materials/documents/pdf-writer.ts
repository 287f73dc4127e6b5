import { AppError } from "@openbeian/core";
import PDFDocument from "pdfkit";
import { fontBytes, type PdfFont } from "./font.ts";

/**
 * A4 documents in one Chinese font: a title, headed sections of label/value
 * rows drawn as a table, paragraphs, and lines left blank for a handwritten
 * signature and date. Kept to what the two filing forms need.
 */
export interface DocumentInfo {
  title: string;
  /** The order number: also in the document properties, where tools can read it. */
  orderNumber: string;
  createdAt: Date;
}

const MARGIN = 56;
const LABEL_WIDTH = 120;
const PAD = 5;
const BODY_SIZE = 10.5;

export class PdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly done: Promise<Buffer>;

  constructor(font: PdfFont, info: DocumentInfo) {
    this.doc = new PDFDocument({
      size: "A4",
      margin: MARGIN,
      info: {
        Title: info.title,
        Subject: info.orderNumber,
        Keywords: info.orderNumber,
        Author: "OpenBeian",
        Creator: "OpenBeian",
        CreationDate: info.createdAt,
      },
    });
    const chunks: Buffer[] = [];
    this.doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on("end", () => resolve(Buffer.concat(chunks)));
      this.doc.on("error", reject);
    });
    try {
      this.doc.registerFont("cjk", fontBytes(font), font.face);
      this.doc.font("cjk");
      // Opening the face reveals a collection named without its face, or a file that is no font.
      this.doc.widthOfString("备案");
    } catch {
      throw new AppError("PDF_FONT_MISSING", {
        font: font.path,
        fix: "a font collection (.ttc) needs its face: BEIAN_PDF_FONT=path#PostScriptName",
      });
    }
  }

  private get width() {
    return this.doc.page.width - 2 * MARGIN;
  }

  private ensureRoom(height: number) {
    if (this.doc.y + height > this.doc.page.height - MARGIN) this.doc.addPage();
  }

  title(text: string, subtitle: string): this {
    this.doc.fontSize(18).text(text, MARGIN, this.doc.y, { width: this.width, align: "center" });
    this.doc.moveDown(0.4);
    this.doc.fontSize(9).fillColor("#555555").text(subtitle, { width: this.width, align: "center" });
    this.doc.fillColor("#000000").moveDown(1);
    return this;
  }

  heading(text: string): this {
    this.ensureRoom(40);
    this.doc.moveDown(0.6).fontSize(12).text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3);
    return this;
  }

  /** One table row; an empty value is left blank to fill in by hand. */
  row(label: string, value: string | undefined): this {
    const doc = this.doc.fontSize(BODY_SIZE);
    const valueWidth = this.width - LABEL_WIDTH;
    const text = value?.trim() ?? "";
    const height =
      Math.max(
        doc.heightOfString(label, { width: LABEL_WIDTH - 2 * PAD }),
        doc.heightOfString(text || " ", { width: valueWidth - 2 * PAD }),
      ) +
      2 * PAD;
    this.ensureRoom(height);
    const y = doc.y;
    doc.rect(MARGIN, y, LABEL_WIDTH, height).fillAndStroke("#f2f2f2", "#999999");
    doc.rect(MARGIN + LABEL_WIDTH, y, valueWidth, height).stroke("#999999");
    doc.fillColor("#000000");
    doc.text(label, MARGIN + PAD, y + PAD, { width: LABEL_WIDTH - 2 * PAD });
    doc.text(text, MARGIN + LABEL_WIDTH + PAD, y + PAD, { width: valueWidth - 2 * PAD });
    doc.x = MARGIN;
    doc.y = y + height;
    return this;
  }

  paragraph(text: string, options: { indent?: boolean } = {}): this {
    this.doc.fontSize(BODY_SIZE + 0.5);
    const prefix = options.indent === false ? "" : "\u3000\u3000";
    this.ensureRoom(this.doc.heightOfString(prefix + text, { width: this.width }));
    this.doc.text(prefix + text, MARGIN, this.doc.y, { width: this.width, lineGap: 4 });
    this.doc.moveDown(0.3);
    return this;
  }

  /** Blank lines for the signature and the date, to be signed by hand on the printout. */
  signature(signer: string): this {
    this.ensureRoom(110);
    const doc = this.doc.fontSize(BODY_SIZE + 0.5);
    doc.moveDown(2);
    const left = MARGIN + this.width / 2 - 20;
    for (const label of [`${signer}签字：`, "日期：        年      月      日"]) {
      const y = doc.y;
      doc.text(label, left, y);
      if (label.endsWith("签字：")) {
        const start = left + doc.widthOfString(label) + 4;
        doc
          .moveTo(start, y + 14)
          .lineTo(MARGIN + this.width, y + 14)
          .stroke("#000000");
      }
      doc.moveDown(1.6);
    }
    doc.x = MARGIN;
    return this;
  }

  note(text: string): this {
    this.ensureRoom(30);
    this.doc.moveDown(1).fontSize(8.5).fillColor("#555555");
    this.doc.text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.fillColor("#000000");
    return this;
  }

  async finish(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }
}
