import { AppError } from "@openbeian/core";
import { fileTypeFromBuffer } from "file-type";

export const ALLOWED_TYPES = ["image/jpeg", "image/png", "application/pdf"] as const;
export type AllowedType = (typeof ALLOWED_TYPES)[number];

/**
 * What the bytes are, from their signature: the declared content type and the
 * file name's extension say nothing (a ".jpg" that is HTML stays HTML). SVG,
 * HTML, GIF and anything else unrecognised is refused.
 */
export async function sniffType(bytes: Uint8Array): Promise<AllowedType> {
  const detected = await fileTypeFromBuffer(bytes);
  const mime = detected?.mime;
  if (!mime || !(ALLOWED_TYPES as readonly string[]).includes(mime)) {
    throw new AppError("UPLOAD_TYPE_NOT_ALLOWED", { detected: mime ?? null, allowed: ALLOWED_TYPES });
  }
  return mime as AllowedType;
}
