import sharp from "sharp";
import type { ApiClient } from "./client.ts";

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

/** A multipart body with the `kind` field before the file, as the upload route reads them. */
export function multipart(kind: string, file: Buffer, filename: string, contentType: string) {
  const boundary = `----openbeian${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    body: Buffer.concat([head, file, tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

export async function uploadMaterial(client: ApiClient, orderId: string, kind: string, file?: Buffer) {
  const { body, contentType } = multipart(kind, file ?? (await photo()), `${kind}.jpg`, "image/jpeg");
  const response = await client.raw("POST", `/api/orders/${orderId}/materials`, body, {
    "content-type": contentType,
  });
  if (response.status !== 201)
    throw new Error(`upload ${kind}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** ID front and back and the face capture: what a personal first filing needs everywhere. */
export async function uploadStandardMaterials(client: ApiClient, orderId: string) {
  for (const kind of ["id_front", "id_back", "face_capture"]) await uploadMaterial(client, orderId, kind);
}
