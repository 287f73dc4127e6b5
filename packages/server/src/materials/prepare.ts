import { AppError } from "@openbeian/core";
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

/**
 * A ZIP reader finds its archive from the end: the end-of-central-directory record sits in
 * the last 65,557 bytes (22 plus a comment of up to 65,535). A photo or PDF carrying one
 * there also opens as a ZIP: a polyglot, refused whatever the format in front. (A phone's
 * motion photo appends an MP4, not a ZIP, and passes; its video is dropped by re-encoding.)
 */
const ZIP_END_RECORD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const ZIP_END_SEARCH = 22 + 0xffff;

function refuseHiddenArchive(upload: Buffer): void {
  if (upload.subarray(Math.max(0, upload.length - ZIP_END_SEARCH)).includes(ZIP_END_RECORD)) {
    throw new AppError("UPLOAD_HIDDEN_CONTENT", { found: "zip_archive" });
  }
}

export async function prepareUpload(upload: Buffer): Promise<PreparedFile> {
  const contentType = await sniffType(upload);
  refuseHiddenArchive(upload);
  let bytes = upload;
  let thumbnail: Buffer | null = null;
  if (contentType === "application/pdf") {
    inspectPdf(upload);
  } else {
    ({ bytes, thumbnail } = await reencodeImage(upload, contentType));
  }
  return { contentType, bytes, thumbnail, sha256: createHash("sha256").update(bytes).digest("hex") };
}
