import { AppError } from "@openbeian/core";
import sharp from "sharp";

/**
 * Every image is decoded and encoded again: turned upright from its EXIF
 * orientation, with all metadata (EXIF, GPS, ICC, XMP) dropped, and nothing kept
 * of the uploaded bytes, so anything smuggled after the image data (a script
 * appended to a PNG) is gone. Decoding stops before it starts on an image of
 * more than 40 megapixels (a small file that would inflate to gigabytes).
 */
export const MAX_INPUT_PIXELS = 40_000_000;
const THUMBNAIL_SIZE = 320;

export interface ReencodedImage {
  bytes: Buffer;
  thumbnail: Buffer;
}

export async function reencodeImage(
  bytes: Buffer,
  type: "image/jpeg" | "image/png",
): Promise<ReencodedImage> {
  try {
    const upright = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).autoOrient();
    const encoded = type === "image/jpeg" ? upright.clone().jpeg({ quality: 90 }) : upright.clone().png();
    const thumbnail = upright
      .clone()
      .resize({ width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE, fit: "inside", withoutEnlargement: true })
      // Transparent PNGs get a white page behind them, as they would on paper.
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 80 });
    const [full, small] = await Promise.all([encoded.toBuffer(), thumbnail.toBuffer()]);
    return { bytes: full, thumbnail: small };
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    throw new AppError("UPLOAD_UNREADABLE", {
      reason: /pixel limit/i.test(message) ? "too_many_pixels" : "image_decode",
    });
  }
}
