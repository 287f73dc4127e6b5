import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { requiredMaterials, STANDARD_MATERIAL_KINDS, type MaterialsInput } from "../src/rules/materials.ts";
import { ALL_PROVINCE_RULE_ROWS } from "../src/rules/province-rules.ts";
import { resolveProvinceRules } from "../src/rules/resolve.ts";

const ON = new Date("2026-06-01T04:00:00Z");

function kinds(province: string, input: Partial<Omit<MaterialsInput, "rules">> = {}): string[] {
  const resolved = resolveProvinceRules(ALL_PROVINCE_RULE_ROWS, province, ON);
  return requiredMaterials({
    rules: resolved.rules,
    sources: resolved.sources,
    subjectType: "personal",
    orderType: "first_filing",
    domainCount: 1,
    crossProvince: false,
    subjectHeadIsLegalRep: true,
    preApprovalIndustries: [],
    ...input,
  }).map((material) => material.kind);
}

describe("requiredMaterials per province", () => {
  // [title, province, input, kinds that must be present, kinds that must be absent]
  const cases: [string, string, Partial<Omit<MaterialsInput, "rules">>, string[], string[]][] = [
    [
      "[H-PROV] Jiangsu: responsibility notice + commitment; [T-2017] all domain certificates",
      "32",
      {},
      ["responsibility_notice", "commitment_letter", "domain_certificate"],
      [],
    ],
    [
      "[H-PROV] Zhejiang personal first filing: nothing extra",
      "33",
      {},
      [],
      ["commitment_letter", "domain_certificate"],
    ],
    [
      "[T-2017] Henan: 3 domains need no certificates",
      "41",
      { subjectType: "organisation", domainCount: 3 },
      [],
      ["domain_certificate"],
    ],
    [
      "[T-2017] Henan: 4 domains need certificates",
      "41",
      { subjectType: "organisation", domainCount: 4 },
      ["domain_certificate"],
      [],
    ],
    [
      "[T-2017] Guizhou: 4 domains need certificates",
      "52",
      { subjectType: "organisation", domainCount: 4 },
      ["domain_certificate"],
      [],
    ],
    ["[T-2017] Hunan and Yunnan: every domain", "43", {}, ["domain_certificate"], []],
    ["[T-2017] Yunnan: every domain", "53", {}, ["domain_certificate"], []],
    [
      "[Q-SN] Shaanxi: 4 domains, no mailing",
      "61",
      { subjectType: "organisation", domainCount: 4 },
      [],
      ["domain_certificate_by_post"],
    ],
    [
      "[Q-SN] Shaanxi: 5 domains are mailed",
      "61",
      { subjectType: "organisation", domainCount: 5 },
      ["domain_certificate_by_post"],
      [],
    ],
    ["[J-SH] Shanghai commitment letter", "31", {}, ["commitment_letter"], ["website_plan"]],
    [
      "[H-PROV] Shanghai website plan at 30 sites",
      "31",
      { subjectType: "organisation", domainCount: 10, existingSiteCount: 20 },
      ["website_plan"],
      [],
    ],
    [
      "[H-MAT] [J-GD] Guangdong personal: commitment + handwritten commitment",
      "44",
      {},
      ["commitment_letter", "verification_form_commitment"],
      ["financial_commitment_letter"],
    ],
    [
      "[J-GD] Guangdong: > 31 sites need a plan and a guarantee",
      "44",
      { subjectType: "organisation", domainCount: 2, existingSiteCount: 30 },
      ["website_plan", "authenticity_guarantee"],
      [],
    ],
    [
      "[T-PROV] Guangdong financial commitment letter",
      "44",
      { subjectType: "organisation", preApprovalIndustries: ["finance"] },
      ["financial_commitment_letter", "pre_approval_document"],
      [],
    ],
    [
      "[H-PROV] Hunan: plan once 2 sites exist",
      "43",
      { subjectType: "organisation", existingSiteCount: 2 },
      ["website_plan"],
      [],
    ],
    [
      "[H-PROV] Hunan: no plan for a first filing",
      "43",
      { subjectType: "organisation" },
      [],
      ["website_plan"],
    ],
    [
      "[T-SUBJ] Jilin: non-legal-rep subject head needs an authorisation letter",
      "22",
      { subjectType: "organisation", subjectHeadIsLegalRep: false },
      ["legal_rep_authorisation_letter"],
      [],
    ],
    [
      "[T-SUBJ] Jilin: the legal rep as head needs none",
      "22",
      { subjectType: "organisation" },
      [],
      ["legal_rep_authorisation_letter"],
    ],
    [
      "[T-SUBJ] Tianjin: 'required' is a blocker, not a document",
      "12",
      { subjectType: "organisation", subjectHeadIsLegalRep: false },
      [],
      ["legal_rep_authorisation_letter"],
    ],
    [
      "[T-SITE] Tianjin: website head not legal rep",
      "12",
      { subjectType: "organisation", websiteHeadIsLegalRep: false },
      ["website_head_authorisation_letter"],
      [],
    ],
    [
      "[H-PROV] Zhejiang: cross-province personal needs a permit",
      "33",
      { crossProvince: true },
      ["residence_permit"],
      [],
    ],
    [
      "[H-PROV] Henan: cross-province personal refused, no document helps",
      "41",
      { crossProvince: true },
      [],
      ["residence_permit"],
    ],
    [
      "[H-PROV] Inner Mongolia: institutions need the application form",
      "15",
      { subjectType: "organisation", organisationKind: "institution" },
      ["institution_site_application_form"],
      [],
    ],
    [
      "[H-PROV] Inner Mongolia: enterprises do not",
      "15",
      { subjectType: "organisation", organisationKind: "enterprise" },
      [],
      ["institution_site_application_form"],
    ],
    [
      "[H-PROV] Jiangxi: government sites need the establishment office",
      "36",
      { subjectType: "organisation", organisationKind: "government" },
      ["establishment_office_approval"],
      [],
    ],
    [
      "[T-PROV] Xinjiang: organisations need a party-building certificate",
      "65",
      { subjectType: "organisation" },
      ["party_building_certificate"],
      [],
    ],
    [
      "[H-PROV] Jiangsu: a 16-year-old head needs employment/income proof",
      "32",
      { youngestHeadAge: 16 },
      ["minor_proof"],
      [],
    ],
    ["[H-PROV] Jiangsu: an adult needs none", "32", { youngestHeadAge: 30 }, [], ["minor_proof"]],
    ["[T-2017] Heilongjiang: phone bills", "23", {}, ["phone_bills"], []],
  ];
  for (const [title, province, input, present, absent] of cases) {
    test(title, () => {
      const got = kinds(province, input);
      for (const kind of present) assert.ok(got.includes(kind), `${kind} missing: ${got.join(", ")}`);
      for (const kind of absent) assert.ok(!got.includes(kind), `${kind} unexpected: ${got.join(", ")}`);
    });
  }

  test("[T-PRE] one pre-approval document per industry, naming the licence", () => {
    const resolved = resolveProvinceRules(ALL_PROVINCE_RULE_ROWS, "33", ON);
    const materials = requiredMaterials({
      rules: resolved.rules,
      subjectType: "organisation",
      orderType: "first_filing",
      domainCount: 1,
      crossProvince: false,
      subjectHeadIsLegalRep: true,
      preApprovalIndustries: ["news", "broadcast", "unknown"],
    });
    const documents = materials.filter((material) => material.kind === "pre_approval_document");
    assert.deepEqual(
      documents.map((material) => material.industry),
      ["news", "broadcast"],
    );
    assert.match(documents[0]?.reason.zh ?? "", /互联网新闻信息服务许可证/);
  });

  test("[H-MAT] every order carries the certificate photos and the face check; organisations their certificate scan", () => {
    const resolved = resolveProvinceRules(ALL_PROVINCE_RULE_ROWS, "11", ON);
    const kinds = (subjectType: "personal" | "organisation") =>
      requiredMaterials({
        rules: resolved.rules,
        subjectType,
        orderType: "first_filing",
        domainCount: 1,
        crossProvince: false,
        subjectHeadIsLegalRep: true,
        preApprovalIndustries: [],
      })
        .map((material) => material.kind)
        .filter((kind) => (STANDARD_MATERIAL_KINDS as readonly string[]).includes(kind));
    assert.deepEqual(kinds("personal"), ["id_front", "id_back", "face_capture"]);
    assert.deepEqual(kinds("organisation"), ["certificate_scan", "id_front", "id_back", "face_capture"]);
  });

  test("reasons are bilingual and sources cite the rows", () => {
    const resolved = resolveProvinceRules(ALL_PROVINCE_RULE_ROWS, "31", ON);
    const materials = requiredMaterials({
      rules: resolved.rules,
      sources: resolved.sources,
      subjectType: "personal",
      orderType: "first_filing",
      domainCount: 1,
      crossProvince: true,
      subjectHeadIsLegalRep: true,
      preApprovalIndustries: [],
    });
    const permit = materials.find((material) => material.kind === "residence_permit");
    assert.equal(permit?.source, "H-PROV");
    assert.match(permit?.reason.zh ?? "", /30天/);
    for (const material of materials) {
      assert.ok(material.reason.zh && material.reason.en && material.source, material.kind);
    }
  });
});

describe("subject type spelling", () => {
  test("'organization' (order-data.ts) and 'organisation' give the same materials", () => {
    assert.deepEqual(
      kinds("22", { subjectType: "organization", subjectHeadIsLegalRep: false }),
      kinds("22", { subjectType: "organisation", subjectHeadIsLegalRep: false }),
    );
  });
});
