/**
 * The documents an order needs on top of the standard ones (certificates, face
 * check), derived from the resolved province rules (fact base §3.4, §5.2, §5.3, §7).
 */
import type { LocalizedText } from "../text.ts";
import { preApprovalIndustry } from "./pre-approval.ts";
import type { MaterialKind, MaterialRule, OrganisationKind } from "./province-rules.ts";
import type { ResolvedProvinceRules, ResolvedRules } from "./resolve.ts";
import { subjectKind, type RuleSubjectType } from "./types.ts";

export interface MaterialsInput {
  rules: ResolvedRules;
  subjectType: RuleSubjectType;
  /** Only first filings for now; change and add-website orders follow. */
  orderType: "first_filing";
  domainCount: number;
  /** A personal filing with an ID from another province. */
  crossProvince: boolean;
  subjectHeadIsLegalRep: boolean;
  /** Industry ids (pre-approval.ts) the websites touch. */
  preApprovalIndustries: readonly string[];
  /** Whether every website head is the legal rep; defaults to `subjectHeadIsLegalRep`. */
  websiteHeadIsLegalRep?: boolean;
  /** Websites in the order; defaults to `domainCount` (one domain per website). */
  siteCount?: number;
  /** Websites the subject already has on file; 0 for a first filing. */
  existingSiteCount?: number;
  organisationKind?: OrganisationKind;
  /** Age of the youngest head, when known. */
  youngestHeadAge?: number;
  /** The resolver's `sources`, to cite the rows behind derived materials. */
  sources?: ResolvedProvinceRules["sources"];
}

/**
 * What every order carries whatever the province (fact base §3.4): the subject
 * head's certificate, front and back; an organisation's certificate scan; and
 * the face check of the person who verifies (the website head, §3.2).
 */
export const STANDARD_MATERIAL_KINDS = ["certificate_scan", "id_front", "id_back", "face_capture"] as const;
export type StandardMaterialKind = (typeof STANDARD_MATERIAL_KINDS)[number];
/** The signed verification form, uploaded when a province or the provider asks for it. */
export type OrderMaterialKind = MaterialKind | StandardMaterialKind | "verification_form" | "app_icon";

export interface RequiredMaterial {
  kind: OrderMaterialKind;
  reason: LocalizedText;
  /** Fact-base key(s). */
  source: string;
  /** For pre-approval documents: the industry id. */
  industry?: string;
}

function applies(rule: MaterialRule, input: MaterialsInput): boolean {
  const existing = input.existingSiteCount ?? 0;
  const sites = input.siteCount ?? input.domainCount;
  if (!rule.subjectTypes.includes(subjectKind(input.subjectType))) return false;
  if (rule.minDomains !== undefined && input.domainCount < rule.minDomains) return false;
  if (rule.minSubjectSites !== undefined && existing + sites < rule.minSubjectSites) return false;
  if (rule.minExistingSites !== undefined && existing < rule.minExistingSites) return false;
  if (
    rule.organisationKinds !== undefined &&
    (input.organisationKind === undefined || !rule.organisationKinds.includes(input.organisationKind))
  ) {
    return false;
  }
  if (
    rule.preApprovalIndustries !== undefined &&
    !rule.preApprovalIndustries.some((id) => input.preApprovalIndustries.includes(id))
  ) {
    return false;
  }
  return true;
}

function conditionText(rule: MaterialRule): LocalizedText {
  const zh: string[] = [];
  const en: string[] = [];
  if (rule.minDomains !== undefined && rule.minDomains > 1) {
    zh.push(`订单含${rule.minDomains}个及以上域名`);
    en.push(`the order has ${rule.minDomains} or more domains`);
  } else if (rule.minDomains === 1) {
    zh.push("订单中的每个域名");
    en.push("every domain of the order");
  }
  if (rule.minSubjectSites !== undefined) {
    zh.push(`主体网站数达到${rule.minSubjectSites}个`);
    en.push(`the subject reaches ${rule.minSubjectSites} websites`);
  }
  if (rule.minExistingSites !== undefined) {
    zh.push(`主体已有${rule.minExistingSites}个及以上网站`);
    en.push(`the subject already has ${rule.minExistingSites} or more websites`);
  }
  if (rule.organisationKinds !== undefined) {
    zh.push(`单位性质：${rule.organisationKinds.join("、")}`);
    en.push(`organisation kind: ${rule.organisationKinds.join(", ")}`);
  }
  if (rule.preApprovalIndustries !== undefined) {
    zh.push(`涉及：${rule.preApprovalIndustries.join("、")}`);
    en.push(`touches: ${rule.preApprovalIndustries.join(", ")}`);
  }
  return {
    zh: `本省要求提供${rule.document.zh}${zh.length > 0 ? `（${zh.join("；")}）` : ""}`,
    en: `The province requires: ${rule.document.en}${en.length > 0 ? ` (${en.join("; ")})` : ""}`,
  };
}

const PROOF_NAMES: Record<string, LocalizedText> = {
  residence_permit: { zh: "居住证/暂住证", en: "residence permit" },
  student_card: { zh: "本地学生证", en: "local student card" },
  housing_proof: { zh: "房产证明", en: "proof of housing" },
  lease_contract: { zh: "租房合同", en: "lease contract" },
  work_proof: { zh: "工作证明", en: "proof of work" },
  social_security: { zh: "社保证明", en: "social-security record" },
  hukou: { zh: "本地户口证明", en: "local household registration" },
};

function standardMaterials(input: MaterialsInput): RequiredMaterial[] {
  const organisation = subjectKind(input.subjectType) === "organisation";
  return [
    ...(organisation
      ? [
          {
            kind: "certificate_scan" as const,
            reason: {
              zh: "请上传主办单位证件（如营业执照）的彩色扫描件或照片",
              en: "Upload a colour scan or photo of the organisation's certificate (e.g. business licence)",
            },
            source: "H-MAT, T-REJ",
          },
        ]
      : []),
    {
      kind: "id_front",
      reason: {
        zh: "请上传主体负责人证件正面（人像面）的彩色照片",
        en: "Upload a colour photo of the front (portrait side) of the subject head's certificate",
      },
      source: "H-MAT, T-REJ",
    },
    {
      kind: "id_back",
      reason: {
        zh: "请上传主体负责人证件反面（国徽面）的彩色照片",
        en: "Upload a colour photo of the back (emblem side) of the subject head's certificate",
      },
      source: "H-MAT, T-REJ",
    },
    {
      kind: "face_capture",
      reason: {
        zh: "请完成网站负责人的人脸核验",
        en: "Complete the face check of the website head",
      },
      source: "H-FLOW, T-REJ",
    },
  ];
}

export function requiredMaterials(input: MaterialsInput): RequiredMaterial[] {
  const { rules } = input;
  const cite = (key: keyof ResolvedRules, fallback: string) => input.sources?.[key]?.join(", ") ?? fallback;
  const result: RequiredMaterial[] = [...standardMaterials(input)];
  const add = (material: RequiredMaterial) => {
    const same = result.find(
      (existing) => existing.kind === material.kind && existing.industry === material.industry,
    );
    if (!same) result.push(material);
    else if (!same.source.split(", ").includes(material.source)) same.source += `, ${material.source}`;
  };

  for (const rule of rules.requiredMaterials) {
    if (applies(rule, input)) add({ kind: rule.kind, reason: conditionText(rule), source: rule.source });
  }

  if (subjectKind(input.subjectType) === "organisation") {
    if (!input.subjectHeadIsLegalRep && rules.subjectHeadMustBeLegalRep === "authorisation_letter") {
      add({
        kind: "legal_rep_authorisation_letter",
        reason: {
          zh: "主体负责人不是法定代表人，需提供《法定代表人授权书》",
          en: "The subject head is not the legal representative: a legal-rep authorisation letter is needed",
        },
        source: cite("subjectHeadMustBeLegalRep", "T-SUBJ"),
      });
    }
    const websiteHeadIsLegalRep = input.websiteHeadIsLegalRep ?? input.subjectHeadIsLegalRep;
    if (!websiteHeadIsLegalRep && rules.websiteHeadAuthorisationRequired) {
      add({
        kind: "website_head_authorisation_letter",
        reason: {
          zh: "网站负责人不是法定代表人，需提供《网站负责人授权书》",
          en: "A website head is not the legal representative: a website-head authorisation letter is needed",
        },
        source: cite("websiteHeadAuthorisationRequired", "T-SITE, Q-GEN"),
      });
    }
  }

  if (
    input.subjectType === "personal" &&
    input.crossProvince &&
    rules.crossProvincePersonal === "residence_permit"
  ) {
    const proofs = rules.crossProvinceProofs.map((proof) => PROOF_NAMES[proof] ?? { zh: proof, en: proof });
    const validity = rules.residencePermitMinValidityDays;
    add({
      kind: "residence_permit",
      reason: {
        zh: `非本省身份证个人备案需提供以下之一：${proofs.map((proof) => proof.zh).join("、")}${validity > 0 ? `（居住证有效期至少${validity}天）` : ""}`,
        en: `A personal filing with an ID from another province needs one of: ${proofs.map((proof) => proof.en).join(", ")}${validity > 0 ? ` (permit valid at least ${validity} days)` : ""}`,
      },
      source: cite("crossProvincePersonal", "A-LIM, H-PROV, T-2017"),
    });
  }

  for (const id of input.preApprovalIndustries) {
    const industry = preApprovalIndustry(id);
    if (!industry) continue;
    const document = industry.document ?? { zh: "相关审批文件", en: "the approval document" };
    add({
      kind: "pre_approval_document",
      industry: id,
      reason: {
        zh: `网站涉及“${industry.name.zh}”，需提供${industry.authority.zh}的前置审批：${document.zh}`,
        en: `The website touches ${industry.name.en.toLowerCase()}: pre-approval of the ${industry.authority.en} needed (${document.en})`,
      },
      source: industry.source,
    });
  }

  const age = input.youngestHeadAge;
  if (age !== undefined && age < 18 && age >= rules.minAge && rules.minorProof !== "none") {
    add(
      rules.minorProof === "guardian_id"
        ? {
            kind: "guardian_id",
            reason: { zh: "未成年负责人需提供监护人身份证", en: "A minor head needs the guardian's ID" },
            source: cite("minorProof", "T-2017"),
          }
        : {
            kind: "minor_proof",
            reason: {
              zh: "未满18周岁的负责人需提供就业或收入证明",
              en: "A head under 18 needs proof of employment or income",
            },
            source: cite("minorProof", "H-PROV, J-GD, T-2017"),
          },
    );
  }
  return result;
}
