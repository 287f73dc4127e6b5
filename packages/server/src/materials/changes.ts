import { AppError } from "@openbeian/core";
import { writeAudit } from "../audit/audit-log.ts";
import type { Viewer } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import { newId } from "../platform/ids.ts";
import type { MaterialTable } from "../platform/schema.ts";
import type { UploadKind } from "./kinds.ts";
import { prepareUpload } from "./prepare.ts";
import { editableOrder, findMaterial, materialOfKind } from "./repository.ts";
import { discardFiles, putSealed } from "./sealed-files.ts";

/**
 * The applicant's changes to an order's materials. Files are written before the
 * row that names them and deleted only after the row that named them is gone,
 * so a committed row always has its bytes; the audit record commits with the row.
 */
const APP_ICON_MAX_BYTES = 100 * 1024;

export interface Upload {
  kind: UploadKind;
  /** Display text only, already cleaned. */
  originalName: string;
  bytes: Buffer;
}

export async function uploadMaterial(
  ctx: AppContext,
  viewer: Viewer,
  orderId: string,
  upload: Upload,
): Promise<MaterialTable> {
  // Refuse early, before decoding anything; checked again under the lock below.
  await editableOrder(ctx, ctx.db, viewer, orderId, "upload_material");
  const prepared = await prepareUpload(upload.bytes);
  // The app icon is shown by MIIT and the stores: an image of at most 100 KB (fact base §1.5).
  if (upload.kind === "app_icon") {
    if (prepared.contentType === "application/pdf") {
      throw new AppError("UPLOAD_TYPE_NOT_ALLOWED", { kind: upload.kind, contentType: prepared.contentType });
    }
    if (upload.bytes.byteLength > APP_ICON_MAX_BYTES) {
      throw new AppError("APP_ICON_TOO_LARGE", { bytes: upload.bytes.byteLength, max: APP_ICON_MAX_BYTES });
    }
  }
  const id = newId();
  const storageKey = await putSealed(ctx, id, "original", prepared.bytes);
  const thumbnailKey = prepared.thumbnail ? await putSealed(ctx, id, "thumbnail", prepared.thumbnail) : null;
  const now = ctx.clock.now().getTime();
  const row: MaterialTable = {
    id,
    order_id: orderId,
    account_id: viewer.accountId,
    kind: upload.kind,
    storage_key: storageKey,
    thumbnail_key: thumbnailKey,
    content_type: prepared.contentType,
    size_bytes: prepared.bytes.byteLength,
    sha256: prepared.sha256,
    original_name: upload.originalName,
    created_at: now,
    created_by: viewer.userId,
  };
  let replaced: MaterialTable | undefined;
  try {
    replaced = await ctx.db.transaction().execute(async (trx) => {
      const order = await editableOrder(ctx, trx, viewer, orderId, "upload_material");
      // One material per kind: the new upload takes the old one's place.
      const previous = await materialOfKind(trx, order.id, upload.kind);
      if (previous) await trx.deleteFrom("material").where("id", "=", previous.id).execute();
      await trx.insertInto("material").values(row).execute();
      await writeAudit(trx, {
        at: now,
        actorKind: "applicant",
        actorUserId: viewer.userId,
        accountId: viewer.accountId,
        entity: "material",
        entityId: id,
        action: previous ? "replace" : "upload",
        detail: {
          orderId: order.id,
          kind: upload.kind,
          contentType: prepared.contentType,
          sizeBytes: row.size_bytes,
          ...(previous ? { replaced: previous.id } : {}),
        },
      });
      return previous;
    });
  } catch (error) {
    await discardFiles(ctx, [storageKey, thumbnailKey]);
    throw error;
  }
  if (replaced) await discardFiles(ctx, [replaced.storage_key, replaced.thumbnail_key]);
  return row;
}

export async function deleteMaterial(
  ctx: AppContext,
  viewer: Viewer,
  orderId: string,
  materialId: string,
): Promise<void> {
  const now = ctx.clock.now().getTime();
  const removed = await ctx.db.transaction().execute(async (trx) => {
    const order = await editableOrder(ctx, trx, viewer, orderId, "delete_material");
    const material = await findMaterial(trx, order.id, materialId);
    await trx.deleteFrom("material").where("id", "=", material.id).execute();
    await writeAudit(trx, {
      at: now,
      actorKind: "applicant",
      actorUserId: viewer.userId,
      accountId: viewer.accountId,
      entity: "material",
      entityId: material.id,
      action: "delete",
      detail: { orderId: order.id, kind: material.kind },
    });
    return material;
  });
  await discardFiles(ctx, [removed.storage_key, removed.thumbnail_key]);
}
