import { existsSync, readFileSync } from "node:fs";
import { AppError } from "@openbeian/core";

/**
 * The Chinese font the generated PDFs are set in. `BEIAN_PDF_FONT` names a
 * TTF/OTF, or a TTC with its face as `path#PostScriptName`; otherwise the first
 * of the usual Debian fonts that is installed. A collection (TTC) needs the
 * face's PostScript name, hence the table.
 */
export interface PdfFont {
  path: string;
  /** The face inside a font collection. */
  face?: string;
}

const KNOWN_FONTS: readonly PdfFont[] = [
  { path: "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", face: "WenQuanYiMicroHei" },
  { path: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", face: "NotoSansCJKsc-Regular" },
  { path: "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", face: "WenQuanYiZenHei" },
  { path: "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", face: "NotoSerifCJKsc-Regular" },
];

const HOW_TO = "install fonts-wqy-microhei, or set BEIAN_PDF_FONT to a TTF/OTF file (a TTC as path#Face)";

export function findPdfFont(env: NodeJS.ProcessEnv = process.env): PdfFont {
  const configured = env.BEIAN_PDF_FONT?.trim();
  if (configured) {
    const [path = "", face] = configured.split("#");
    // A font named explicitly but missing is a configuration error, never silently replaced.
    if (!existsSync(path)) throw new AppError("PDF_FONT_MISSING", { configured: path, fix: HOW_TO });
    return face ? { path, face } : { path };
  }
  const found = KNOWN_FONTS.find((font) => existsSync(font.path));
  if (!found) {
    throw new AppError("PDF_FONT_MISSING", { searched: KNOWN_FONTS.map((font) => font.path), fix: HOW_TO });
  }
  return found;
}

/** Font files are a few megabytes and never change while the process runs. */
const cache = new Map<string, Buffer>();

export function fontBytes(font: PdfFont): Buffer {
  let bytes = cache.get(font.path);
  if (!bytes) {
    bytes = readFileSync(font.path);
    cache.set(font.path, bytes);
  }
  return bytes;
}
