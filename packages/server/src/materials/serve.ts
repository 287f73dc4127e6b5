import type { FastifyReply } from "fastify";
import { AppError } from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import type { MaterialTable } from "../platform/schema.ts";
import { contentDisposition } from "./file-name.ts";
import { getOpened } from "./sealed-files.ts";

/**
 * Sends a material's bytes, decrypted. Headers keep a file opened on its own
 * from doing anything: the stored type only (no sniffing), no scripts, styles or
 * frames of its own (CSP `default-src 'none'`), and no copy in any cache.
 */
export async function sendMaterial(
  ctx: AppContext,
  reply: FastifyReply,
  row: MaterialTable,
  variant: "thumbnail" | undefined,
) {
  const key = variant === "thumbnail" ? row.thumbnail_key : row.storage_key;
  if (!key) throw new AppError("NOT_FOUND");
  const bytes = await getOpened(ctx, row.id, variant ?? "original", key);
  const contentType = variant === "thumbnail" ? "image/jpeg" : row.content_type;
  const stem = variant === "thumbnail" ? `${row.kind}-thumbnail` : row.kind;
  return sendInline(reply, bytes, contentType, contentDisposition(row.original_name, contentType, stem));
}

export function sendInline(reply: FastifyReply, bytes: Buffer, contentType: string, disposition: string) {
  return reply
    .header("content-type", contentType)
    .header("content-disposition", disposition)
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "private, no-store")
    .header("content-security-policy", "default-src 'none'")
    .send(bytes);
}
