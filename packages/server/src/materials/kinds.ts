import type { MaterialKind } from "@openbeian/core";

/**
 * The kinds of material an order accepts: the standard ones every filing needs
 * (ID photos, the face capture, the certificate scan, the signed verification
 * form) and every document a province may ask for (core's `MaterialKind`).
 */
export const STANDARD_UPLOAD_KINDS = [
  "id_front",
  "id_back",
  "face_capture",
  "certificate_scan",
  "verification_form",
  "app_icon",
] as const;
type StandardKind = (typeof STANDARD_UPLOAD_KINDS)[number];

// Typed against core's union: a kind added there fails the typecheck until it is listed here.
const PROVINCE_KINDS = {
  commitment_letter: true,
  responsibility_notice: true,
  legal_rep_authorisation_letter: true,
  website_head_authorisation_letter: true,
  residence_permit: true,
  domain_certificate: true,
  domain_certificate_by_post: true,
  website_plan: true,
  authenticity_guarantee: true,
  verification_form_commitment: true,
  pre_approval_document: true,
  financial_commitment_letter: true,
  party_building_certificate: true,
  institution_site_application_form: true,
  establishment_office_approval: true,
  minor_proof: true,
  guardian_id: true,
  phone_bills: true,
} as const satisfies Record<Exclude<MaterialKind, StandardKind>, true>;

export type UploadKind = StandardKind | keyof typeof PROVINCE_KINDS;

export const MATERIAL_KINDS: readonly UploadKind[] = [
  ...STANDARD_UPLOAD_KINDS,
  ...(Object.keys(PROVINCE_KINDS) as (keyof typeof PROVINCE_KINDS)[]),
];

const KIND_SET: ReadonlySet<string> = new Set(MATERIAL_KINDS);

export function isMaterialKind(value: string): value is UploadKind {
  return KIND_SET.has(value);
}
