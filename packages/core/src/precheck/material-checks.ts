import { requiredMaterials } from "../rules/materials.ts";
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

export function requiredMaterialsFor(env: CheckEnv) {
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
