import { createHash } from "node:crypto";
import { reencodeImage } from "./images.ts";
import { inspectPdf } from "./pdf-inspect.ts";
import { sniffType, type AllowedType } from "./sniff.ts";

/** An upload made safe to keep: images re-encoded with a thumbnail, PDFs checked. */
export interface PreparedFile {
  contentType: AllowedType;
  bytes: Buffer;
  thumbnail: Buffer | null;
  /** Of the bytes kept (after re-encoding). */
  sha256: string;
}

export async function prepareUpload(upload: Buffer): Promise<PreparedFile> {
  const contentType = await sniffType(upload);
  let bytes = upload;
  let thumbnail: Buffer | null = null;
  if (contentType === "application/pdf") {
    inspectPdf(upload);
  } else {
    ({ bytes, thumbnail } = await reencodeImage(upload, contentType));
  }
  return { contentType, bytes, thumbnail, sha256: createHash("sha256").update(bytes).digest("hex") };
}
