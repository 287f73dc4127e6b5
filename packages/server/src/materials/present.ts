import type { MaterialTable } from "../platform/schema.ts";

/**
 * The view of one material. `base` is where the viewer reads the order's
 * materials (the applicant's or the review console's path), so the links work
 * for whoever received the list.
 */
export function presentMaterial(row: MaterialTable, base: string) {
  const url = `${base}/${row.id}`;
  return {
    id: row.id,
    kind: row.kind,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    originalName: row.original_name,
    createdAt: new Date(row.created_at).toISOString(),
    url,
    thumbnailUrl: row.thumbnail_key ? `${url}?variant=thumbnail` : null,
  };
}

export const applicantBase = (orderId: string) => `/api/orders/${orderId}/materials`;
export const reviewerBase = (orderId: string) => `/api/review/orders/${orderId}/materials`;
