import { requiredMaterials, type RequiredMaterial } from "../rules/materials.ts";
import type { CheckEnv } from "./env.ts";

/**
 * The province's required documents for this order (fact base §3.4, §5, §7). Each
 * one not yet uploaded is an error on `materials.<kind>`; without upload data
 * (`context.materials` absent) the list is not checked.
 */
export function checkMaterials(env: CheckEnv): void {
  const uploaded = env.context.materials;
  if (!uploaded) return;
  for (const material of requiredMaterialsFor(env)) {
    if (uploaded.includes(material.kind)) continue;
    env.out.add(
      `material.missing.${material.kind}`,
      `materials.${material.kind}`,
      material.reason,
      material.source,
    );
  }
}

/** What an app order needs (fact base §1.5): the app head's ID and face check, and the icon (≤ 100 KB). */
const APP_MATERIALS = [
  { kind: "id_front", zh: "请上传App负责人证件正面照片", en: "Upload the front of the app head's ID" },
  { kind: "id_back", zh: "请上传App负责人证件背面照片", en: "Upload the back of the app head's ID" },
  { kind: "face_capture", zh: "请完成App负责人人脸核验", en: "Complete the app head's face check" },
  { kind: "app_icon", zh: "请上传App图标（不超过100KB）", en: "Upload the app icon (at most 100 KB)" },
] as const;

export function requiredMaterialsFor(env: CheckEnv): RequiredMaterial[] {
  if (env.context.orderType === "app") {
    return APP_MATERIALS.map(({ kind, zh, en }) => ({
      kind,
      reason: { zh, en },
      source: "fact-base §1.5 [H-APP]",
    }));
  }
  const subject = env.order.subject ?? {};
  const websites = env.order.websites ?? [];
  const headIsLegalRep =
    env.personal || subject.head?.name?.trim() === subject.legalRepresentative?.name?.trim();
  const industries = websites.flatMap((website) => (website.preApprovals ?? []).map((item) => item.industry));
  const idProvince =
    subject.certificateType === "resident_id" ? subject.certificateNumber?.trim().slice(0, 2) : undefined;
  return requiredMaterials({
    rules: env.resolved.rules,
    subjectType: env.personal ? "personal" : "organization",
    orderType: "first_filing",
    domainCount: websites.length,
    crossProvince: env.personal && !!env.province && !!idProvince && idProvince !== env.province,
    subjectHeadIsLegalRep: headIsLegalRep,
    websiteHeadIsLegalRep: websites.every(
      (website) => env.personal || website.head?.name?.trim() === subject.legalRepresentative?.name?.trim(),
    ),
    preApprovalIndustries: industries,
    siteCount: websites.length,
    existingSiteCount: env.context.records.existingSiteCount,
    sources: env.resolved.sources,
  });
}
