import { AppError } from "@openbeian/core";
import type { FastifyRequest } from "fastify";
import { displayName, refuseHostileName } from "./file-name.ts";
import { isMaterialKind } from "./kinds.ts";
import type { Upload } from "./changes.ts";

export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;

/** For @fastify/multipart (app.ts): one file of 4 MB at most, a few short text fields. */
export const MULTIPART_LIMITS = {
  fileSize: MAX_UPLOAD_BYTES,
  files: 1,
  fields: 5,
  fieldSize: 1024,
  parts: 6,
};

/**
 * Reads `kind` (a text field, sent before the file) and `file` from a
 * multipart request. The plugin's limits (app.ts) cut the file at 4 MB; the
 * declared content type of the part is not looked at.
 */
export async function readUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new AppError("VALIDATION_FAILED", { field: "file", problem: "multipart/form-data expected" });
  }
  let kind: string | undefined;
  try {
    // Parts arrive in the order sent, so "kind before the file" is checked as they come.
    // The name as sent, folders and all: refuseHostileName judges it (busboy would cut it to its last part).
    for await (const part of request.parts({ preservePath: true })) {
      if (part.type === "field") {
        if (part.fieldname === "kind") kind = String(part.value);
        continue;
      }
      if (part.fieldname !== "file") break;
      // The kind decides whether the file is wanted at all: it must come first.
      if (kind === undefined) {
        throw new AppError("VALIDATION_FAILED", { field: "kind", problem: "required, before the file" });
      }
      if (!isMaterialKind(kind)) throw new AppError("MATERIAL_KIND_UNKNOWN", { kind: kind.slice(0, 64) });
      refuseHostileName(part.filename);
      const bytes = await part.toBuffer();
      if (bytes.byteLength === 0) {
        throw new AppError("VALIDATION_FAILED", { field: "file", problem: "empty" });
      }
      return { kind, originalName: displayName(part.filename) || kind, bytes };
    }
  } catch (error) {
    refusal(error);
  }
  throw new AppError("VALIDATION_FAILED", { field: "file", problem: "required" });
}

function refusal(error: unknown): never {
  const code = (error as { code?: string }).code;
  if (code === "FST_REQ_FILE_TOO_LARGE")
    throw new AppError("UPLOAD_TOO_LARGE", { maxBytes: MAX_UPLOAD_BYTES });
  if (code === "FST_FILES_LIMIT" || code === "FST_FIELDS_LIMIT" || code === "FST_PARTS_LIMIT") {
    throw new AppError("VALIDATION_FAILED", { field: "file", problem: "one file and a few fields at most" });
  }
  // A body that is not well-formed multipart (cut short, no boundary or the wrong one): the
  // parser (busboy) raises a plain Error, the plugin a 4xx FastifyError. Both are the
  // client's doing and used to answer 500. A TypeError and the like stay a server fault.
  const { statusCode, constructor } = (error ?? {}) as { statusCode?: number; constructor?: unknown };
  if (!(error instanceof AppError) && (constructor === Error || (statusCode && statusCode < 500))) {
    throw new AppError("VALIDATION_FAILED", { field: "file", problem: "malformed multipart body" });
  }
  throw error;
}
