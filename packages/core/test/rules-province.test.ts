import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { PROVINCES } from "../src/data/provinces.ts";
import {
  ALL_PROVINCE_RULE_ROWS,
  DEFAULT_RULES,
  PROVINCE_RULES,
  PROVINCE_RULE_KEYS,
  UNDATED_EFFECTIVE_FROM,
  ruleRow,
  type ProvinceRuleRow,
} from "../src/rules/province-rules.ts";
import { resolveProvinceRules } from "../src/rules/resolve.ts";

const ON = new Date("2026-06-01T04:00:00Z");
const resolve = (province: string, on = ON, overrides: ProvinceRuleRow[] = []) =>
  resolveProvinceRules(ALL_PROVINCE_RULE_ROWS, province, on, overrides);
const rulesOf = (province: string, on = ON) => resolve(province, on).rules;

describe("province rule data", () => {
  test("every key has a national default row (DEFAULT_RULES)", () => {
    for (const key of PROVINCE_RULE_KEYS) {
      assert.ok(
        DEFAULT_RULES.some((row) => row.rule === key && row.province === "*"),
        key,
      );
    }
  });

  test("rows are well formed: known province, date, source; undated rows say so", () => {
    const codes = new Set(PROVINCES.map((province) => province.code));
    for (const row of ALL_PROVINCE_RULE_ROWS) {
      const label = `${row.province} ${row.rule} ${row.source}`;
      assert.ok(row.province === "*" || codes.has(row.province), label);
      assert.match(row.effectiveFrom, /^\d{4}-\d{2}-\d{2}$/, label);
      assert.ok(row.source.length > 0, label);
      assert.ok(PROVINCE_RULE_KEYS.includes(row.rule), label);
      if (row.effectiveFrom === UNDATED_EFFECTIVE_FROM) assert.match(row.note ?? "", /placeholder/, label);
    }
  });

  test("[T-SUBJ] every one of the 31 provinces has its own rows", () => {
    for (const province of PROVINCES) {
      assert.ok(
        PROVINCE_RULES.some((row) => row.province === province.code),
        province.en,
      );
    }
  });

  test("[T-2017] [H-PROV] source dates: HIST rows 2017-06-05, Huawei rows 2025-12-31, Jiangsu 2021-06-01", () => {
    const find = (province: string, rule: string, source: string) =>
      PROVINCE_RULES.find((row) => row.province === province && row.rule === rule && row.source === source);
    assert.equal(find("23", "usccLicenceOnly", "T-2017")?.effectiveFrom, "2017-06-05");
    assert.equal(find("64", "domainHolderOrganisationOnly", "H-PROV")?.effectiveFrom, "2025-12-31");
    assert.equal(find("32", "requiredMaterials", "H-PROV")?.effectiveFrom, "2021-06-01");
  });
});

describe("resolveProvinceRules: all provinces", () => {
  test("every one of the 31 provinces resolves to a complete ResolvedRules", () => {
    assert.equal(PROVINCES.length, 31);
    for (const province of PROVINCES) {
      const { rules, sources } = resolve(province.code);
      for (const key of PROVINCE_RULE_KEYS) {
        assert.ok(key in rules, `${province.en} ${key}`);
        if (key !== "facePhotoMaxAgeDays") assert.notEqual(rules[key], undefined, `${province.en} ${key}`);
        assert.ok(sources[key].length > 0, `${province.en} ${key} sources`);
      }
      assert.equal(typeof rules.minAge, "number");
      assert.ok(
        ["required", "authorisation_letter", "not_required"].includes(rules.subjectHeadMustBeLegalRep),
      );
    }
  });

  test("[R-33] [T-REV] bureau review: Zhejiang 30 working days, the others 20 (matches data/provinces.ts)", () => {
    for (const province of PROVINCES) {
      assert.equal(
        rulesOf(province.code).bureauReviewWorkingDays,
        province.bureauReviewWorkingDays,
        province.en,
      );
    }
  });

  test("accepts a 6-digit division code and refuses unknown codes", () => {
    assert.equal(rulesOf("330106").bureauReviewWorkingDays, 30);
    assert.throws(() => resolve("99"), RangeError);
    assert.throws(() => resolve("81"), RangeError);
  });

  test("[H-PROV] dates are taken in China time (UTC+8): Jiangsu's 2021-06-01 rule starts at 16:00 UTC the day before", () => {
    const has = (iso: string) =>
      rulesOf("32", new Date(iso)).requiredMaterials.some((rule) => rule.kind === "responsibility_notice");
    assert.equal(has("2021-05-31T15:59:59Z"), false);
    assert.equal(has("2021-05-31T16:00:00Z"), true);
  });
});

describe("resolveProvinceRules: per-province values (pass and fail per rule)", () => {
  const cases: {
    name: string;
    province: string;
    check: (rules: ReturnType<typeof rulesOf>) => unknown;
    expected: unknown;
  }[] = [
    {
      name: "[T-REV] Zhejiang bureauReviewWorkingDays 30",
      province: "33",
      check: (r) => r.bureauReviewWorkingDays,
      expected: 30,
    },
    {
      name: "[R-33] Beijing bureauReviewWorkingDays 20",
      province: "11",
      check: (r) => r.bureauReviewWorkingDays,
      expected: 20,
    },
    {
      name: "[H-PROV] Jiangsu minAge 16 with proof",
      province: "32",
      check: (r) => [r.minAge, r.minorProof],
      expected: [16, "employment_or_income_proof"],
    },
    {
      name: "[J-GD] Guangdong minAge 16 with proof",
      province: "44",
      check: (r) => [r.minAge, r.minorProof],
      expected: [16, "employment_or_income_proof"],
    },
    { name: "[H-PROV] Shandong minAge 17", province: "37", check: (r) => r.minAge, expected: 17 },
    {
      name: "[H-PROV] [T-2017] Zhejiang minAge default 18",
      province: "33",
      check: (r) => [r.minAge, r.minorProof],
      expected: [18, "none"],
    },
    {
      name: "[H-PROV] Inner Mongolia refuses temporary IDs",
      province: "15",
      check: (r) => r.temporaryIdAccepted,
      expected: false,
    },
    {
      name: "[T-2017] Shanghai refuses temporary IDs",
      province: "31",
      check: (r) => r.temporaryIdAccepted,
      expected: false,
    },
    {
      name: "[T-2017] Hainan refuses temporary IDs",
      province: "46",
      check: (r) => r.temporaryIdAccepted,
      expected: false,
    },
    {
      name: "[T-2017] Zhejiang accepts temporary IDs (not listed)",
      province: "33",
      check: (r) => r.temporaryIdAccepted,
      expected: true,
    },
    {
      name: "[T-SUBJ] Tianjin subject head must be legal rep",
      province: "12",
      check: (r) => r.subjectHeadMustBeLegalRep,
      expected: "required",
    },
    {
      name: "[T-SUBJ] Sichuan allows non-legal-rep with authorisation",
      province: "51",
      check: (r) => r.subjectHeadMustBeLegalRep,
      expected: "authorisation_letter",
    },
    {
      name: "[T-SUBJ] Shanxi allows a non-legal-rep subject head",
      province: "14",
      check: (r) => r.subjectHeadMustBeLegalRep,
      expected: "not_required",
    },
    {
      name: "[J-JS] Jiangsu: website head = subject head if not legal rep",
      province: "32",
      check: (r) => r.websiteHeadEqualsSubjectHeadIfNotLegalRep,
      expected: true,
    },
    {
      name: "[T-SITE] Tianjin website head authorisation",
      province: "12",
      check: (r) => r.websiteHeadAuthorisationRequired,
      expected: true,
    },
    {
      name: "[H-PROV] Hunan local mobile required",
      province: "43",
      check: (r) => r.localMobileRequired,
      expected: true,
    },
    {
      name: "[T-REJ] Zhejiang local mobile not required",
      province: "33",
      check: (r) => r.localMobileRequired,
      expected: false,
    },
    {
      name: "[J-JS] Jiangsu all numbers local",
      province: "32",
      check: (r) => r.localMobileScope,
      expected: "all_numbers",
    },
    {
      name: "[T-2017] Tianjin website head mobile local",
      province: "12",
      check: (r) => r.localMobileScope,
      expected: "website_head",
    },
    {
      name: "[Q-SN] Shaanxi non-local mobile with remark",
      province: "61",
      check: (r) => [r.localMobileRequired, r.nonLocalMobileRemarkAccepted],
      expected: [true, true],
    },
    {
      name: "[H-PROV] Shanghai cross-province with permit ≥ 30 days",
      province: "31",
      check: (r) => [r.crossProvincePersonal, r.residencePermitMinValidityDays],
      expected: ["residence_permit", 30],
    },
    {
      name: "[H-PROV] Henan refuses cross-province personal filings",
      province: "41",
      check: (r) => r.crossProvincePersonal,
      expected: "refused",
    },
    {
      name: "[H-PROV] Shandong accepts student card or permit",
      province: "37",
      check: (r) => r.crossProvinceProofs,
      expected: ["student_card", "residence_permit"],
    },
    {
      name: "[J-GD] Guangdong emergency number required and ≠ mobile",
      province: "44",
      check: (r) => [r.emergencyContactRequired, r.emergencyMustDifferFromMobile],
      expected: [true, true],
    },
    {
      name: "[T-SUBJ] [J-JS] Jiangsu organisations need a landline",
      province: "32",
      check: (r) => r.landlineRequiredForOrganisations,
      expected: true,
    },
    {
      name: "[T-SUBJ] Zhejiang organisations need no landline",
      province: "33",
      check: (r) => r.landlineRequiredForOrganisations,
      expected: false,
    },
    {
      name: "[T-2017] Tianjin personal landline",
      province: "12",
      check: (r) => r.landlineRequiredForPersonal,
      expected: true,
    },
    {
      name: "[T-SUBJ] Beijing landline ≠ mobile",
      province: "11",
      check: (r) => r.landlineMustDifferFromMobile,
      expected: true,
    },
    {
      name: "[T-SUBJ] Liaoning landline ≠ mobile",
      province: "21",
      check: (r) => r.landlineMustDifferFromMobile,
      expected: true,
    },
    {
      name: "[T-SUBJ] Jilin landline ≠ mobile",
      province: "22",
      check: (r) => r.landlineMustDifferFromMobile,
      expected: true,
    },
    {
      name: "[T-SUBJ] Hebei: no landline rule",
      province: "13",
      check: (r) => r.landlineMustDifferFromMobile,
      expected: false,
    },
    {
      name: "[T-SUBJ] Gansu remark when office phone is a mobile",
      province: "62",
      check: (r) => r.remarkWhenOfficePhoneIsMobile,
      expected: true,
    },
    {
      name: "[H-PROV] Shanxi ≤ 3 domains per order",
      province: "14",
      check: (r) => r.maxDomainsPerOrder,
      expected: { personal: 3, organisation: 3 },
    },
    {
      name: "[H-PROV] Henan enterprise ≤ 5 domains per order",
      province: "41",
      check: (r) => r.maxDomainsPerOrder,
      expected: { organisation: 5 },
    },
    {
      name: "[H-PROV] Hubei one website per filing",
      province: "42",
      check: (r) => r.maxSitesPerOrder,
      expected: { personal: 1, organisation: 1 },
    },
    {
      name: "[T-SITE] Zhejiang sites per order default",
      province: "33",
      check: (r) => r.maxSitesPerOrder,
      expected: { personal: 1, organisation: 10 },
    },
    {
      name: "[H-PROV] [H-RULES] Shaanxi enterprise ≤ 30 sites, personal default 5 kept",
      province: "61",
      check: (r) => r.maxSitesPerSubject,
      expected: { personal: 5, organisation: 30 },
    },
    {
      name: "[H-PROV] Jiangxi one domain above 7/15 existing sites",
      province: "36",
      check: (r) => r.oneDomainPerOrderAboveExistingSites,
      expected: { personal: 7, organisation: 15 },
    },
    {
      name: "[H-PROV] Ningxia domain holder must be the organisation",
      province: "64",
      check: (r) => r.domainHolderOrganisationOnly,
      expected: true,
    },
    {
      name: "[T-SUFFIX] Gansu domain holder may be the legal rep",
      province: "62",
      check: (r) => r.domainHolderOrganisationOnly,
      expected: false,
    },
    {
      name: "[T-2017] Shanghai address to house number",
      province: "31",
      check: (r) => r.addressToHouseNumber,
      expected: true,
    },
    {
      name: "[T-SUBJ] Zhejiang no house-number rule",
      province: "33",
      check: (r) => r.addressToHouseNumber,
      expected: false,
    },
    {
      name: "[H-PROV] Guizhou address in certificate city",
      province: "52",
      check: (r) => r.addressSameCityAsCertificate,
      expected: true,
    },
    {
      name: "[T-PROV] [J-BJ] Beijing forbidden suffixes",
      province: "11",
      check: (r) => ["org", "io", "us"].every((s) => r.forbiddenSuffixes.includes(`.${s}`)),
      expected: true,
    },
    {
      name: "[T-2017] Chongqing personal no .org",
      province: "50",
      check: (r) => r.personalForbiddenSuffixes,
      expected: [".org"],
    },
    {
      name: "[H-CAN] Zhejiang empty shell may add services",
      province: "33",
      check: (r) => r.emptyShellMayAddServices,
      expected: true,
    },
    {
      name: "[H-CAN] Henan empty shell must be cancelled",
      province: "41",
      check: (r) => r.emptyShellMayAddServices,
      expected: false,
    },
    {
      name: "[Q-SN] Shaanxi blog needs news approval, unique names, photo 30 days",
      province: "61",
      check: (r) => [r.personalBlogNeedsNewsApproval, r.uniqueSiteNamesPerSubject, r.facePhotoMaxAgeDays],
      expected: [true, true, 30],
    },
    {
      name: "[J-SH] Shanghai refuses electronic licences",
      province: "31",
      check: (r) => r.electronicLicenceAccepted,
      expected: false,
    },
    {
      name: "[H-AFTER] Guangdong shows the subject number",
      province: "44",
      check: (r) => r.siteNumberDisplay,
      expected: "subject_number",
    },
    {
      name: "[H-AFTER] Beijing shows the website number",
      province: "11",
      check: (r) => r.siteNumberDisplay,
      expected: "website_number",
    },
    {
      name: "[T-2017] Liaoning financial name words need legal-rep heads",
      province: "21",
      check: (r) => r.legalRepHeadsForNameWords.includes("理财"),
      expected: true,
    },
    {
      name: "[H-PROV] Hebei refuses foreign individuals",
      province: "13",
      check: (r) => r.personalForeignersAccepted,
      expected: false,
    },
    {
      name: "[T-2017] Heilongjiang USCC only",
      province: "23",
      check: (r) => r.usccLicenceOnly,
      expected: true,
    },
  ];
  for (const { name, province, check, expected } of cases) {
    test(name, () => assert.deepEqual(check(rulesOf(province)), expected));
  }

  test("[H-PROV] Jiangsu requires the responsibility notice and commitment (since 2021-06-01)", () => {
    const kinds = (province: string, on = ON) =>
      rulesOf(province, on).requiredMaterials.map((rule) => rule.kind);
    assert.ok(kinds("32").includes("responsibility_notice"));
    assert.ok(kinds("32").includes("commitment_letter"));
    assert.ok(!kinds("33").includes("responsibility_notice"));
    assert.ok(!kinds("32", new Date("2021-05-31T00:00:00Z")).includes("responsibility_notice"));
  });
});

describe("resolveProvinceRules: conflicts", () => {
  test("[T-SUBJ] vs [J-BJ] Beijing legal rep: the stricter 'required' wins and both sources are reported", () => {
    const { rules, conflicts, sources } = resolve("11");
    assert.equal(rules.subjectHeadMustBeLegalRep, "required");
    const conflict = conflicts.find((c) => c.rule === "subjectHeadMustBeLegalRep");
    assert.ok(conflict);
    assert.deepEqual(conflict.values.map((v) => v.source).sort(), ["J-BJ", "T-SUBJ"]);
    assert.equal(conflict.chosen, "required");
    assert.equal(conflict.level, "11");
    assert.match(conflict.reason.en, /J-BJ/);
    assert.match(conflict.reason.zh, /T-SUBJ/);
    assert.deepEqual(sources.subjectHeadMustBeLegalRep.sort(), ["J-BJ", "T-SUBJ"]);
  });

  test("[H-PROV] vs [T-2017] Inner Mongolia cross-province: 'refused' wins; before H-PROV's date only T-2017 applies", () => {
    const now = resolve("15");
    assert.equal(now.rules.crossProvincePersonal, "refused");
    const conflict = now.conflicts.find((c) => c.rule === "crossProvincePersonal");
    assert.deepEqual(conflict?.values.map((v) => v.source).sort(), ["H-PROV", "T-2017"]);
    const earlier = resolve("15", new Date("2024-01-01T00:00:00Z"));
    assert.equal(earlier.rules.crossProvincePersonal, "residence_permit");
    assert.equal(
      earlier.conflicts.find((c) => c.rule === "crossProvincePersonal"),
      undefined,
    );
  });

  test("[H-PROV] vs [T-SUBJ] Jiangsu legal rep: authorisation letter over 'not required'", () => {
    const { rules, conflicts } = resolve("32");
    assert.equal(rules.subjectHeadMustBeLegalRep, "authorisation_letter");
    assert.ok(conflicts.some((c) => c.rule === "subjectHeadMustBeLegalRep"));
    assert.equal(
      resolve("32", new Date("2021-01-01T00:00:00Z")).rules.subjectHeadMustBeLegalRep,
      "not_required",
    );
  });

  test("[T-SITE] vs [Q-GEN] national website-head authorisation: conflict at level '*', true chosen", () => {
    const { rules, conflicts } = resolve("33");
    assert.equal(rules.websiteHeadAuthorisationRequired, true);
    const conflict = conflicts.find((c) => c.rule === "websiteHeadAuthorisationRequired");
    assert.equal(conflict?.level, "*");
    // Provinces on Tencent's list take their own row and report nothing.
    assert.equal(
      resolve("12").conflicts.find((c) => c.rule === "websiteHeadAuthorisationRequired"),
      undefined,
    );
  });

  test("strictness per key: higher age, refused over accepted, lower caps, union of lists", () => {
    const rows: ProvinceRuleRow[] = [
      ruleRow("33", "minAge", 16, "SRC-A", { from: "2020-01-01" }),
      ruleRow("33", "minAge", 18, "SRC-B", { from: "2020-01-01" }),
      ruleRow("33", "temporaryIdAccepted", true, "SRC-A", { from: "2020-01-01" }),
      ruleRow("33", "temporaryIdAccepted", false, "SRC-B", { from: "2020-01-01" }),
      ruleRow("33", "maxDomainsPerOrder", { personal: 3, organisation: 10 }, "SRC-A", { from: "2020-01-01" }),
      ruleRow("33", "maxDomainsPerOrder", { organisation: 5 }, "SRC-B", { from: "2020-01-01" }),
      ruleRow("33", "forbiddenSuffixes", [".io"], "SRC-A", { from: "2020-01-01" }),
      ruleRow("33", "forbiddenSuffixes", [".me"], "SRC-B", { from: "2020-01-01" }),
      ruleRow("33", "crossProvincePersonal", "residence_permit", "SRC-A", { from: "2020-01-01" }),
      ruleRow("33", "crossProvincePersonal", "refused", "SRC-B", { from: "2020-01-01" }),
    ];
    const { rules, conflicts } = resolveProvinceRules([...DEFAULT_RULES, ...rows], "33", ON);
    assert.equal(rules.minAge, 18);
    assert.equal(rules.temporaryIdAccepted, false);
    assert.deepEqual(rules.maxDomainsPerOrder, { personal: 3, organisation: 5 });
    assert.deepEqual([...rules.forbiddenSuffixes].sort(), [".io", ".me"]);
    assert.equal(rules.crossProvincePersonal, "refused");
    const conflicted = conflicts
      .filter((c) => c.level === "33")
      .map((c) => c.rule)
      .sort();
    assert.deepEqual(conflicted, [
      "crossProvincePersonal",
      "maxDomainsPerOrder",
      "minAge",
      "temporaryIdAccepted",
    ]);
  });

  test("per source, the latest effective row wins (no conflict with its own older row)", () => {
    const rows: ProvinceRuleRow[] = [
      ruleRow("33", "minAge", 18, "SRC-A", { from: "2018-01-01" }),
      ruleRow("33", "minAge", 16, "SRC-A", { from: "2022-01-01" }),
      ruleRow("33", "minAge", 14, "SRC-A", { from: "2030-01-01" }),
    ];
    const now = resolveProvinceRules([...DEFAULT_RULES, ...rows], "33", ON);
    assert.equal(now.rules.minAge, 16);
    assert.equal(now.conflicts.length, 1); // only the national T-SITE / Q-GEN one
    assert.equal(
      resolveProvinceRules([...DEFAULT_RULES, ...rows], "33", new Date("2019-01-01")).rules.minAge,
      18,
    );
  });

  test("without national rows the resolver still returns every key (DEFAULT_RULES fallback)", () => {
    const { rules } = resolveProvinceRules(PROVINCE_RULES, "64", ON);
    assert.equal(rules.domainHolderOrganisationOnly, true);
    assert.equal(rules.bureauReviewWorkingDays, 20);
  });
});

describe("resolveProvinceRules: admin overrides", () => {
  test("an admin row for the province wins over every source and silences the conflict", () => {
    const overrides = [
      ruleRow("11", "subjectHeadMustBeLegalRep", "not_required", "admin", { from: "2026-01-01" }),
      ruleRow("33", "bureauReviewWorkingDays", 25, "admin", { from: "2026-01-01" }),
    ];
    const beijing = resolve("11", ON, overrides);
    assert.equal(beijing.rules.subjectHeadMustBeLegalRep, "not_required");
    assert.deepEqual(beijing.sources.subjectHeadMustBeLegalRep, ["admin"]);
    assert.equal(
      beijing.conflicts.find((c) => c.rule === "subjectHeadMustBeLegalRep"),
      undefined,
    );
    assert.equal(resolve("33", ON, overrides).rules.bureauReviewWorkingDays, 25);
  });

  test("an admin row not yet effective does not apply", () => {
    const overrides = [ruleRow("33", "bureauReviewWorkingDays", 25, "admin", { from: "2027-01-01" })];
    assert.equal(resolve("33", ON, overrides).rules.bureauReviewWorkingDays, 30);
  });

  test("a national admin row replaces the default, not the provinces' own rows", () => {
    const overrides = [ruleRow("*", "minAge", 20, "admin", { from: "2026-01-01" })];
    assert.equal(resolve("33", ON, overrides).rules.minAge, 20);
    assert.equal(resolve("32", ON, overrides).rules.minAge, 16);
    const national = [
      ruleRow("*", "websiteHeadAuthorisationRequired", false, "admin", { from: "2026-01-01" }),
    ];
    const zhejiang = resolve("33", ON, national);
    assert.equal(zhejiang.rules.websiteHeadAuthorisationRequired, false);
    assert.equal(
      zhejiang.conflicts.find((c) => c.rule === "websiteHeadAuthorisationRequired"),
      undefined,
    );
  });
});
