import sharp from "sharp";
import type { ApiClient } from "./client.ts";
import { uploadForm } from "./upload-fixtures.ts";

/**
 * The uploads every order needs before it can be submitted (fact base §3.4):
 * certificate photos and the face capture, as small generated images. Tests
 * that only care about the workflow call `uploadStandardMaterials` once per order.
 */
let cached: Buffer | null = null;

export async function photo(): Promise<Buffer> {
  cached ??= await sharp({
    create: { width: 96, height: 64, channels: 3, background: { r: 200, g: 180, b: 160 } },
  })
    .jpeg()
    .toBuffer();
  return cached;
}

export async function uploadMaterial(client: ApiClient, orderId: string, kind: string, file?: Buffer) {
  const response = await client.binary(
    "POST",
    `/api/orders/${orderId}/materials`,
    uploadForm(kind, file ?? (await photo()), `${kind}.jpg`),
  );
  if (response.status !== 201)
    throw new Error(`upload ${kind}: ${response.status} ${response.body.toString()}`);
  return response.json();
}

/** ID front and back and the face capture: what a personal first filing needs everywhere. */
export async function uploadStandardMaterials(client: ApiClient, orderId: string) {
  for (const kind of ["id_front", "id_back", "face_capture"]) await uploadMaterial(client, orderId, kind);
}
