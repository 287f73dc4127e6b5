import { api } from "../api";
import type { Material, MaterialsView } from "../types";

/** The platform refuses larger files (UPLOAD_TOO_LARGE); checked in the browser first. */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;
export const UPLOAD_ACCEPT = ".jpg,.jpeg,.png,.pdf";
const ALLOWED_TYPES = new Set(["image/jpeg", "image/png", "application/pdf"]);
const ALLOWED_EXTENSIONS = /\.(jpe?g|png|pdf)$/i;

/** The face capture has a step of its own; the other kinds are uploaded in 上传资料. */
export const FACE_KIND = "face_capture";

/** Every kind the platform knows, in the order they are listed: the standard ones, then the province's. */
export const MATERIAL_KIND_ORDER = [
  "certificate_scan",
  "id_front",
  "id_back",
  "face_capture",
  "verification_form",
  "commitment_letter",
  "responsibility_notice",
  "legal_rep_authorisation_letter",
  "website_head_authorisation_letter",
  "residence_permit",
  "domain_certificate",
  "domain_certificate_by_post",
  "website_plan",
  "authenticity_guarantee",
  "verification_form_commitment",
  "pre_approval_document",
  "financial_commitment_letter",
  "party_building_certificate",
  "institution_site_application_form",
  "establishment_office_approval",
  "minor_proof",
  "guardian_id",
  "phone_bills",
];

/** The pre-filled PDFs to print, sign and upload, by the kind they become. */
export const SIGNED_DOCUMENTS: Record<string, string> = {
  verification_form: "verification-form.pdf",
  commitment_letter: "commitment-letter.pdf",
};

export const materialsPath = (orderId: string) => `/api/orders/${encodeURIComponent(orderId)}/materials`;
export const documentUrl = (orderId: string, file: string) =>
  `/api/orders/${encodeURIComponent(orderId)}/documents/${file}`;

/** Why a file is refused before it is sent: "type", "size", or null when it may go. */
export function preCheckFile(file: { name: string; type: string; size: number }): "type" | "size" | null {
  if (!ALLOWED_TYPES.has(file.type) && !ALLOWED_EXTENSIONS.test(file.name)) return "type";
  if (file.size > MAX_UPLOAD_BYTES) return "size";
  return null;
}

/**
 * Uploads one file as `kind` (multipart: `kind`, then `file`). When it replaces
 * `previous` and the platform kept both, the previous one is deleted after the
 * new one is stored, so a failed upload never loses the old file.
 */
export async function uploadMaterial(
  orderId: string,
  kind: string,
  file: Blob,
  name: string,
  previous?: Material,
) {
  const form = new FormData();
  form.append("kind", kind);
  form.append("file", file, name);
  await api.upload<unknown>(materialsPath(orderId), form);
  if (!previous) return;
  const now = await api.get<MaterialsView>(materialsPath(orderId));
  if (now.items.some((item) => item.id === previous.id)) await deleteMaterial(orderId, previous.id);
}

export function deleteMaterial(orderId: string, materialId: string) {
  return api.delete<unknown>(`${materialsPath(orderId)}/${encodeURIComponent(materialId)}`);
}

/** The newest material of a kind (a replaced one may linger until its replacement is stored). */
export function latestMaterial(items: Material[], kind: string): Material | null {
  return items
    .filter((item) => item.kind === kind)
    .reduce<Material | null>((best, item) => (!best || item.createdAt > best.createdAt ? item : best), null);
}

export const isImage = (material: Pick<Material, "contentType">) => material.contentType.startsWith("image/");

/** "356 KB", "1.2 MB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
