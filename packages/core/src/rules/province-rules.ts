/**
 * Province rules (fact base §4.3–§4.6, §5.2, §5.3, §3.4, §7) as versioned, sourced data
 * rows: one row = one statement of one source about one rule in one province (or "*",
 * the national default). Rules change often and sources disagree, so nothing here is
 * decided in code: `resolveProvinceRules` (resolve.ts) picks the rows effective on a
 * date, lets admin rows win, and resolves disagreements by strictness.
 *
 * effectiveFrom: the source's date where the fact base gives one (T-2017 = 2017-06-05,
 * H-PROV = 2025-12-31, dates stated in the rule itself such as Jiangsu 2021-06-01);
 * otherwise the placeholder 2020-01-01, which the row's note says.
 */
import type { LocalizedText } from "../text.ts";
import type { RuleSubjectKind } from "./types.ts";

/** 主体负责人 vs legal representative (§5.2 [T-SUBJ]). */
export type LegalRepRule = "required" | "authorisation_letter" | "not_required";
/** Personal filing with an ID from another province (§5.2). */
export type CrossProvinceRule = "refused" | "residence_permit";
export type CrossProvinceProof =
  | "residence_permit"
  | "student_card"
  | "housing_proof"
  | "lease_contract"
  | "work_proof"
  | "social_security"
  | "hukou";
/** What a head younger than 18 (but at least `minAge`) must bring (§4.3). */
export type MinorProof = "none" | "employment_or_income_proof" | "guardian_id";
/** Whose phone numbers must be local (§5.2). */
export type LocalMobileScope = "all_numbers" | "heads" | "website_head";
/** A foreign / HK / Macao / Taiwan legal representative (§5.2). */
export type ForeignLegalRep = "unspecified" | "passport_accepted" | "authorise_mainland_id_holder";
/** Which number a site shows at its bottom (§5.4). */
export type SiteNumberDisplay = "website_number" | "subject_number";
/**
 * Nature of an organisation subject, as far as province material rules need it. From
 * order-data.ts certificate types: business_licence → enterprise, public_institution →
 * institution, social_organization → social_organisation.
 */
export type OrganisationKind = "enterprise" | "government" | "institution" | "social_organisation" | "other";

/** Upper limits per subject type; an absent field means no limit. */
export interface Caps {
  personal?: number;
  organisation?: number;
}

export type MaterialKind =
  | "commitment_letter"
  | "responsibility_notice"
  | "legal_rep_authorisation_letter"
  | "website_head_authorisation_letter"
  | "residence_permit"
  | "domain_certificate"
  | "domain_certificate_by_post"
  | "website_plan"
  | "authenticity_guarantee"
  | "verification_form_commitment"
  | "pre_approval_document"
  | "financial_commitment_letter"
  | "party_building_certificate"
  | "institution_site_application_form"
  | "establishment_office_approval"
  | "minor_proof"
  | "guardian_id"
  | "phone_bills";

/** A document a province asks for, and when. All conditions must hold. */
export interface MaterialRule {
  kind: MaterialKind;
  document: LocalizedText;
  subjectTypes: readonly RuleSubjectKind[];
  /** Required when the order has at least this many domains (1 = for every domain of the order). */
  minDomains?: number;
  /** Required when the subject has at least this many websites after the order. */
  minSubjectSites?: number;
  /** Required when the subject already has at least this many filed websites. */
  minExistingSites?: number;
  /** Only for organisations of these kinds. */
  organisationKinds?: readonly OrganisationKind[];
  /** Only when the site touches one of these pre-approval industries (pre-approval.ts ids). */
  preApprovalIndustries?: readonly string[];
  /** Fact-base key, copied from the row. */
  source: string;
}

/** The value type of every rule key. */
export interface ProvinceRuleValues {
  /** Youngest age at which a person may be subject or website head (§4.3). */
  minAge: number;
  /** Proof a head aged minAge…17 must bring (§4.3). */
  minorProof: MinorProof;
  /** Temporary resident ID cards accepted (§4.3). */
  temporaryIdAccepted: boolean;
  /** Minimum remaining validity of identity documents, days (§2.4, §4.3: > 3 months). */
  certificateMinValidityDays: number;
  /** Organisation subject head vs legal representative (§5.2 [T-SUBJ]). */
  subjectHeadMustBeLegalRep: LegalRepRule;
  /** When the subject head is not the legal rep, the website head must be the subject head (§5.2). */
  websiteHeadEqualsSubjectHeadIfNotLegalRep: boolean;
  /** A website head who is not the legal rep needs a 网站负责人授权书 (§5.2 [T-SITE] [Q-GEN]). */
  websiteHeadAuthorisationRequired: boolean;
  /** Name words that make both heads have to be the legal rep (Liaoning, §5.3). */
  legalRepHeadsForNameWords: readonly string[];
  foreignLegalRep: ForeignLegalRep;
  /** Heads' mobile numbers must belong to the province (§5.2). */
  localMobileRequired: boolean;
  localMobileScope: LocalMobileScope;
  /** A non-local mobile is accepted with an explanatory remark (Shaanxi). */
  nonLocalMobileRemarkAccepted: boolean;
  crossProvincePersonal: CrossProvinceRule;
  /** Documents accepted for a cross-province personal filing. */
  crossProvinceProofs: readonly CrossProvinceProof[];
  /** Minimum remaining validity of the residence permit, days (Shanghai ≥ 1 month). */
  residencePermitMinValidityDays: number;
  emergencyContactRequired: boolean;
  emergencyMustDifferFromMobile: boolean;
  landlineRequiredForOrganisations: boolean;
  landlineRequiredForPersonal: boolean;
  /** The office phone must differ from the mobile (§3.2 [T-SUBJ]). */
  landlineMustDifferFromMobile: boolean;
  /** When a mobile is given as office phone, add a remark (§3.2 [T-SUBJ]). */
  remarkWhenOfficePhoneIsMobile: boolean;
  maxDomainsPerOrder: Caps;
  maxSitesPerOrder: Caps;
  maxSitesPerSubject: Caps;
  maxDomainsPerSite: number;
  /** One domain per order once the subject has more than this many filed sites (Jiangxi). */
  oneDomainPerOrderAboveExistingSites: Caps;
  /** The domain holder must be the organisation itself, not its legal rep (Ningxia). */
  domainHolderOrganisationOnly: boolean;
  /** Domain suffixes the bureau refuses, with the dot (".org"). */
  forbiddenSuffixes: readonly string[];
  personalForbiddenSuffixes: readonly string[];
  addressToHouseNumber: boolean;
  /** Mailing address in the same city as the certificate address (§3.1, §5.3). */
  addressSameCityAsCertificate: boolean;
  /** Working days the bureau may take (33号令 Art.12). */
  bureauReviewWorkingDays: number;
  requiredMaterials: readonly MaterialRule[];
  /** An empty-shell subject may add services without being cancelled first (§5.2 [H-CAN]). */
  emptyShellMayAddServices: boolean;
  /** A personal site choosing 博客/个人空间 needs a news approval (Shaanxi). */
  personalBlogNeedsNewsApproval: boolean;
  /** Websites of one subject may not share a name (Shaanxi). */
  uniqueSiteNamesPerSubject: boolean;
  /** Personal filings carry a declaration in the remark (Tianjin, Guangxi, HIST). */
  personalDeclarationRemarkRequired: boolean;
  /** Several domains: remark "所有域名均指向同一个网站" (Shandong, HIST). */
  multiDomainRemarkRequired: boolean;
  /** Organisations: business licence only (Beijing). */
  businessLicenceOnly: boolean;
  /** Organisations: unified-social-credit-code licence only. */
  usccLicenceOnly: boolean;
  electronicLicenceAccepted: boolean;
  siteNumberDisplay: SiteNumberDisplay;
  /** Existing sites must show a copyright notice (Jiangsu). */
  existingSitesMustShowCopyright: boolean;
  /** A website head may not appear in different subjects (Heilongjiang, HIST). */
  websiteHeadSingleSubject: boolean;
  /** Heads must be filing for the first time (Henan, HIST). */
  headsFirstTimeOnly: boolean;
  /** Foreigners may file as individuals. */
  personalForeignersAccepted: boolean;
  /** Maximum age of the face photo, days; null when no rule. */
  facePhotoMaxAgeDays: number | null;
}

export type ProvinceRuleKey = keyof ProvinceRuleValues;

const KEY_SET: { [K in ProvinceRuleKey]: true } = {
  minAge: true,
  minorProof: true,
  temporaryIdAccepted: true,
  certificateMinValidityDays: true,
  subjectHeadMustBeLegalRep: true,
  websiteHeadEqualsSubjectHeadIfNotLegalRep: true,
  websiteHeadAuthorisationRequired: true,
  legalRepHeadsForNameWords: true,
  foreignLegalRep: true,
  localMobileRequired: true,
  localMobileScope: true,
  nonLocalMobileRemarkAccepted: true,
  crossProvincePersonal: true,
  crossProvinceProofs: true,
  residencePermitMinValidityDays: true,
  emergencyContactRequired: true,
  emergencyMustDifferFromMobile: true,
  landlineRequiredForOrganisations: true,
  landlineRequiredForPersonal: true,
  landlineMustDifferFromMobile: true,
  remarkWhenOfficePhoneIsMobile: true,
  maxDomainsPerOrder: true,
  maxSitesPerOrder: true,
  maxSitesPerSubject: true,
  maxDomainsPerSite: true,
  oneDomainPerOrderAboveExistingSites: true,
  domainHolderOrganisationOnly: true,
  forbiddenSuffixes: true,
  personalForbiddenSuffixes: true,
  addressToHouseNumber: true,
  addressSameCityAsCertificate: true,
  bureauReviewWorkingDays: true,
  requiredMaterials: true,
  emptyShellMayAddServices: true,
  personalBlogNeedsNewsApproval: true,
  uniqueSiteNamesPerSubject: true,
  personalDeclarationRemarkRequired: true,
  multiDomainRemarkRequired: true,
  businessLicenceOnly: true,
  usccLicenceOnly: true,
  electronicLicenceAccepted: true,
  siteNumberDisplay: true,
  existingSitesMustShowCopyright: true,
  websiteHeadSingleSubject: true,
  headsFirstTimeOnly: true,
  personalForeignersAccepted: true,
  facePhotoMaxAgeDays: true,
};

export const PROVINCE_RULE_KEYS = Object.keys(KEY_SET) as readonly ProvinceRuleKey[];

/** One statement of one source. `province` is a 2-digit code or "*" (national default). */
export type ProvinceRuleRow = {
  [K in ProvinceRuleKey]: {
    province: string;
    rule: K;
    value: ProvinceRuleValues[K];
    /** Fact-base key(s), e.g. "T-SUBJ"; "admin" for an administrator's override. */
    source: string;
    /** YYYY-MM-DD */
    effectiveFrom: string;
    note?: string;
  };
}[ProvinceRuleKey];

/** Placeholder date for undated sources. */
export const UNDATED_EFFECTIVE_FROM = "2020-01-01";

/** Dates of the fact-base sources that have one (fact base §0, §5.3). */
export const SOURCE_DATES: Readonly<Record<string, { date: string; note?: string }>> = {
  "T-2017": { date: "2017-06-05" },
  "H-PROV": { date: "2025-12-31" },
  "T-SUFFIX": { date: "2020-07-24" },
  "R-33": { date: "2005-01-01", note: "the fact base gives the year (2005) only" },
};

interface RowOptions {
  /** An effective date stated by the rule itself; overrides the source's date. */
  from?: string;
  note?: string;
}

function effectiveDate(source: string, options: RowOptions): { date: string; note?: string } {
  if (options.from) return { date: options.from };
  const known = source
    .split(/,\s*/)
    .map((key) => SOURCE_DATES[key])
    .filter((value) => value !== undefined)
    .sort((a, b) => a.date.localeCompare(b.date));
  return (
    known[0] ?? {
      date: UNDATED_EFFECTIVE_FROM,
      note: `source undated: effectiveFrom ${UNDATED_EFFECTIVE_FROM} is a placeholder`,
    }
  );
}

/** Builds one row; exported so that admin tooling and tests build rows the same way. */
export function ruleRow<K extends ProvinceRuleKey>(
  province: string,
  rule: K,
  value: ProvinceRuleValues[K],
  source: string,
  options: RowOptions = {},
): ProvinceRuleRow {
  const { date, note: dateNote } = effectiveDate(source, options);
  const note = [options.note, dateNote].filter(Boolean).join("; ");
  const row = { province, rule, value, source, effectiveFrom: date } as ProvinceRuleRow;
  return note ? { ...row, note } : row;
}

const row = ruleRow;

type MaterialItem = Omit<MaterialRule, "source">;

function materials(province: string, source: string, items: MaterialItem[], options: RowOptions = {}) {
  return row(
    province,
    "requiredMaterials",
    items.map((item) => ({ ...item, source })),
    source,
    options,
  );
}

const BOTH: readonly RuleSubjectKind[] = ["personal", "organisation"];
const ORG: readonly RuleSubjectKind[] = ["organisation"];
const PERSONAL: readonly RuleSubjectKind[] = ["personal"];
const NO_NATIONAL_RULE = "no national rule in the fact base; neutral default";

const DOMAIN_CERTIFICATE: LocalizedText = {
  zh: "域名证书（显示域名、持有者、证件类型和证件号码）",
  en: "Domain certificate (showing domain, holder, certificate type and number)",
};
const WEBSITE_PLAN: LocalizedText = { zh: "《网站建设方案书》", en: "Website construction plan" };

/** National defaults (province "*"). Every key has at least one row. */
export const DEFAULT_RULES: readonly ProvinceRuleRow[] = [
  row("*", "minAge", 18, "H-PROV, T-2017", { note: "§4.3: most provinces ≥ 18" }),
  row("*", "minorProof", "none", "§4.3", { note: NO_NATIONAL_RULE }),
  row("*", "temporaryIdAccepted", true, "T-2017, H-PROV", {
    note: "§4.3 names only Inner Mongolia, Shanghai and Hainan as refusing temporary IDs",
  }),
  row("*", "certificateMinValidityDays", 90, "T-2017, H-REJ", { note: "validity > 3 months" }),
  row("*", "subjectHeadMustBeLegalRep", "required", "T-SUBJ", {
    note: "T-SUBJ lists every province; fallback = the majority (22 of 31) and strictest value",
  }),
  row("*", "websiteHeadEqualsSubjectHeadIfNotLegalRep", false, "§5.2", { note: NO_NATIONAL_RULE }),
  row("*", "websiteHeadAuthorisationRequired", false, "T-SITE", {
    note: "Tencent: not required outside its list of 10 provinces",
  }),
  row("*", "websiteHeadAuthorisationRequired", true, "Q-GEN", {
    note: "QingCloud general rule: authorisation whenever the website head is not the legal rep",
  }),
  row("*", "legalRepHeadsForNameWords", [], "§5.3", { note: NO_NATIONAL_RULE }),
  row("*", "foreignLegalRep", "unspecified", "§5.2", { note: NO_NATIONAL_RULE }),
  row("*", "localMobileRequired", false, "T-REJ, T-2017", {
    note: "contact numbers must be local only 'at some bureaus'",
  }),
  row("*", "localMobileScope", "heads", "§5.2", { note: NO_NATIONAL_RULE }),
  row("*", "nonLocalMobileRemarkAccepted", false, "§5.2", { note: NO_NATIONAL_RULE }),
  row("*", "crossProvincePersonal", "refused", "A-LIM, B-BAIDU", {
    note: "no national rule; several bureaus 'only accept local IDs' — strictest value as fallback",
  }),
  row("*", "crossProvinceProofs", ["residence_permit"], "§5.2", { note: "居住证/暂住证" }),
  row("*", "residencePermitMinValidityDays", 0, "§5.2", { note: NO_NATIONAL_RULE }),
  row("*", "emergencyContactRequired", true, "WX-APPLY, DY", {
    note: "mandatory 'in some provinces', none named; required everywhere as the safe default",
  }),
  row("*", "emergencyMustDifferFromMobile", true, "H-MAT, Q-GEN"),
  row("*", "landlineRequiredForOrganisations", false, "§3.2", { note: NO_NATIONAL_RULE }),
  row("*", "landlineRequiredForPersonal", false, "§3.2", { note: NO_NATIONAL_RULE }),
  row("*", "landlineMustDifferFromMobile", false, "§3.2", { note: NO_NATIONAL_RULE }),
  row("*", "remarkWhenOfficePhoneIsMobile", false, "§3.2", { note: NO_NATIONAL_RULE }),
  row("*", "maxDomainsPerOrder", {}, "§4.6", { note: "no national cap beyond sites per order" }),
  row("*", "maxSitesPerOrder", { personal: 1, organisation: 10 }, "T-SITE", {
    note: "Tencent: personal order 1 website, organisation order ≤ 10 (provider policy)",
  }),
  row("*", "maxSitesPerSubject", { personal: 5 }, "H-RULES", {
    note: "Huawei: personal ≤ 5 services; enterprise limit per province",
  }),
  row("*", "maxDomainsPerSite", 1, "A-DWS, T-SITE", { from: "2019-04-22", note: "one domain per website" }),
  row("*", "oneDomainPerOrderAboveExistingSites", {}, "§4.6", { note: NO_NATIONAL_RULE }),
  row("*", "domainHolderOrganisationOnly", false, "T-SUFFIX", {
    note: "providers accept the organisation's name or its legal rep",
  }),
  row("*", "forbiddenSuffixes", [], "§4.2", { note: "national list is the MIIT suffix list" }),
  row("*", "personalForbiddenSuffixes", [], "§4.2", { note: NO_NATIONAL_RULE }),
  row("*", "addressToHouseNumber", false, "T-SUBJ", { note: "'some provinces' only" }),
  row("*", "addressSameCityAsCertificate", false, "§3.1", { note: NO_NATIONAL_RULE }),
  row("*", "bureauReviewWorkingDays", 20, "R-33", { note: "33号令 Art.12" }),
  row("*", "requiredMaterials", [], "§3.4", { note: "no national extra materials" }),
  row("*", "emptyShellMayAddServices", false, "H-CAN", { note: "elsewhere cancel the shell first" }),
  row("*", "personalBlogNeedsNewsApproval", false, "§3.3", { note: NO_NATIONAL_RULE }),
  row("*", "uniqueSiteNamesPerSubject", false, "T-INTL", { note: "several sites may share a name" }),
  row("*", "personalDeclarationRemarkRequired", false, "§3.3", { note: NO_NATIONAL_RULE }),
  row("*", "multiDomainRemarkRequired", false, "§3.3", { note: NO_NATIONAL_RULE }),
  row("*", "businessLicenceOnly", false, "§3.1", { note: NO_NATIONAL_RULE }),
  row("*", "usccLicenceOnly", false, "T-SUBJ", {
    note: "old 15-digit 注册号 accepted for non-三证合一 licences",
  }),
  row("*", "electronicLicenceAccepted", true, "§3.4", { note: NO_NATIONAL_RULE }),
  row("*", "siteNumberDisplay", "website_number", "H-AFTER"),
  row("*", "existingSitesMustShowCopyright", false, "§5.3", { note: NO_NATIONAL_RULE }),
  row("*", "websiteHeadSingleSubject", false, "T-SUBJ", {
    note: "nationally a person may head own personal filing plus one company's website (engine check)",
  }),
  row("*", "headsFirstTimeOnly", false, "§3.2", { note: NO_NATIONAL_RULE }),
  row("*", "personalForeignersAccepted", true, "§3.1", {
    note: "passports and permits are personal certificate types",
  }),
  row("*", "facePhotoMaxAgeDays", null, "§2.4", { note: NO_NATIONAL_RULE }),
];

/** Subject head vs legal rep, Tencent's table for all 31 provinces (§5.2 [T-SUBJ]). */
const T_SUBJ_LEGAL_REP: Record<LegalRepRule, string[]> = {
  required: [
    "12",
    "13",
    "15",
    "23",
    "31",
    "33",
    "35",
    "36",
    "37",
    "41",
    "42",
    "43",
    "44",
    "45",
    "50",
    "52",
    "53",
    "54",
    "61",
    "63",
    "64",
    "65",
  ],
  authorisation_letter: ["22", "34", "51", "62"],
  not_required: ["11", "14", "21", "32", "46"],
};

/** Website head not legal rep ⇒ 网站负责人授权书 (§5.2 [T-SITE]). */
const T_SITE_WEBSITE_HEAD_AUTHORISATION = ["12", "31", "34", "35", "36", "43", "42", "50", "51", "52"];

/** Empty-shell subjects may directly add services (§5.2 [H-CAN]). */
const H_CAN_EMPTY_SHELL = ["12", "21", "51", "53", "32", "33", "31", "45", "14", "11", "52"];

export const PROVINCE_RULES: readonly ProvinceRuleRow[] = [
  ...Object.entries(T_SUBJ_LEGAL_REP).flatMap(([value, provinces]) =>
    provinces.map((province) => row(province, "subjectHeadMustBeLegalRep", value as LegalRepRule, "T-SUBJ")),
  ),
  ...T_SITE_WEBSITE_HEAD_AUTHORISATION.map((province) =>
    row(province, "websiteHeadAuthorisationRequired", true, "T-SITE"),
  ),
  ...H_CAN_EMPTY_SHELL.map((province) => row(province, "emptyShellMayAddServices", true, "H-CAN")),

  // 11 北京 Beijing
  row("11", "subjectHeadMustBeLegalRep", "required", "J-BJ", {
    note: "JD says Beijing requires the legal rep; Tencent (T-SUBJ) says it need not be — conflict in §5.2",
  }),
  row("11", "localMobileRequired", true, "T-2017", { note: "phone in Beijing (HIST)" }),
  row("11", "landlineMustDifferFromMobile", true, "T-SUBJ"),
  row("11", "businessLicenceOnly", true, "J-BJ"),
  row("11", "forbiddenSuffixes", [".hk", ".tw", ".asia", ".jp", ".io", ".me", ".win", ".org"], "T-PROV", {
    from: "2019-01-01",
    note: "Beijing's own accepted list since 2019-01-01 is a subset of the national one (adds .tel)",
  }),
  row("11", "forbiddenSuffixes", [".us", ".asia", ".es"], "J-BJ", { note: "JD: 'most ccTLDs' refused" }),

  // 12 天津 Tianjin
  row("12", "subjectHeadMustBeLegalRep", "required", "T-2017", {
    note: "org: legal rep subject head (HIST)",
  }),
  row("12", "minAge", 18, "T-2017"),
  row("12", "landlineRequiredForPersonal", true, "T-2017"),
  row("12", "addressToHouseNumber", true, "T-2017"),
  row("12", "personalDeclarationRemarkRequired", true, "T-2017"),
  row("12", "websiteHeadAuthorisationRequired", true, "T-2017", {
    note: "website head ≠ subject head with authorisation (HIST)",
  }),
  row("12", "localMobileRequired", true, "T-2017"),
  row("12", "localMobileScope", "website_head", "T-2017", { note: "Tianjin (website head)" }),
  row("12", "remarkWhenOfficePhoneIsMobile", true, "T-SUBJ"),
  row("12", "crossProvincePersonal", "residence_permit", "H-PROV", {
    note: "'personal cross-province supported' — the proof is not stated; residence permit assumed",
  }),

  // 13 河北 Hebei
  row("13", "subjectHeadMustBeLegalRep", "required", "H-PROV, T-2017"),
  row("13", "addressSameCityAsCertificate", true, "H-PROV"),
  row("13", "minAge", 18, "H-PROV, T-2017"),
  row("13", "personalForeignersAccepted", false, "H-PROV, T-2017"),
  row("13", "foreignLegalRep", "authorise_mainland_id_holder", "H-PROV, T-2017"),

  // 14 山西 Shanxi
  row("14", "foreignLegalRep", "authorise_mainland_id_holder", "H-PROV"),
  row("14", "maxDomainsPerOrder", { personal: 3, organisation: 3 }, "H-PROV", {
    note: "≤ 3 new domains per order",
  }),
  row("14", "crossProvincePersonal", "refused", "H-PROV"),

  // 15 内蒙古 Inner Mongolia
  row("15", "minAge", 18, "H-PROV"),
  row("15", "crossProvincePersonal", "refused", "H-PROV", { note: "local ID only (2025)" }),
  row("15", "crossProvincePersonal", "residence_permit", "T-2017", {
    note: "2017 allowed a residence permit; Huawei 2025 says local ID only — conflict in §5.2",
  }),
  row("15", "temporaryIdAccepted", false, "H-PROV"),
  materials("15", "H-PROV", [
    {
      kind: "institution_site_application_form",
      document: { zh: "《事业单位网站开办审核申请表》", en: "Public-institution website application form" },
      subjectTypes: ORG,
      organisationKinds: ["institution"],
    },
  ]),

  // 21 辽宁 Liaoning
  row("21", "localMobileRequired", true, "T-2017"),
  row("21", "minAge", 18, "T-2017"),
  row("21", "landlineMustDifferFromMobile", true, "T-SUBJ"),
  row("21", "legalRepHeadsForNameWords", ["投资管理", "理财", "典当", "担保", "贷款"], "T-2017"),

  // 22 吉林 Jilin
  row("22", "subjectHeadMustBeLegalRep", "authorisation_letter", "T-2017"),
  row("22", "landlineMustDifferFromMobile", true, "T-SUBJ", { note: "real, verified office phone" }),
  row("22", "minAge", 18, "T-2017"),
  row("22", "crossProvincePersonal", "residence_permit", "T-2017"),
  row("22", "crossProvinceProofs", ["residence_permit", "student_card"], "T-2017"),

  // 23 黑龙江 Heilongjiang
  row("23", "usccLicenceOnly", true, "T-2017"),
  row("23", "localMobileRequired", true, "T-2017"),
  materials("23", "T-2017", [
    {
      kind: "phone_bills",
      document: { zh: "近3个月话费清单", en: "Phone bills of the last 3 months" },
      subjectTypes: BOTH,
    },
  ]),
  row("23", "crossProvincePersonal", "refused", "T-2017"),
  row("23", "websiteHeadSingleSubject", true, "T-2017"),

  // 31 上海 Shanghai
  row("31", "subjectHeadMustBeLegalRep", "required", "J-SH"),
  row("31", "foreignLegalRep", "passport_accepted", "J-SH"),
  row("31", "electronicLicenceAccepted", false, "J-SH"),
  row("31", "websiteHeadAuthorisationRequired", true, "J-SH", { note: "ICP负责人授权书 template" }),
  materials("31", "J-SH", [
    {
      kind: "commitment_letter",
      document: {
        zh: "《上海市互联网信息服务备案承诺书》",
        en: "Shanghai internet information service filing commitment",
      },
      subjectTypes: BOTH,
    },
  ]),
  materials("31", "H-PROV", [
    { kind: "website_plan", document: WEBSITE_PLAN, subjectTypes: BOTH, minSubjectSites: 30 },
  ]),
  row("31", "crossProvincePersonal", "residence_permit", "H-PROV"),
  row("31", "crossProvinceProofs", ["residence_permit", "hukou"], "H-PROV", {
    note: "no student card; a Shanghai resident whose ID does not start with 310 needs a permit or hukou",
  }),
  row("31", "residencePermitMinValidityDays", 30, "H-PROV", { note: "valid ≥ 1 month" }),
  row("31", "temporaryIdAccepted", false, "T-2017"),
  row("31", "addressToHouseNumber", true, "T-2017"),
  row("31", "localMobileRequired", true, "T-2017"),

  // 32 江苏 Jiangsu
  row("32", "subjectHeadMustBeLegalRep", "authorisation_letter", "H-PROV", {
    from: "2021-06-01",
    note: "法人授权书 when the heads are not the legal rep; Tencent (T-SUBJ) lists Jiangsu as free",
  }),
  row("32", "websiteHeadEqualsSubjectHeadIfNotLegalRep", true, "J-JS"),
  row("32", "websiteHeadAuthorisationRequired", true, "H-PROV", { from: "2021-06-01" }),
  materials(
    "32",
    "H-PROV",
    [
      {
        kind: "responsibility_notice",
        document: {
          zh: "《ICP备案信息真实性责任告知书》",
          en: "ICP filing authenticity responsibility notice",
        },
        subjectTypes: BOTH,
      },
      {
        kind: "commitment_letter",
        document: {
          zh: "《ICP备案信息真实性承诺书》（网站负责人签署）",
          en: "ICP filing authenticity commitment (signed by the website head)",
        },
        subjectTypes: BOTH,
      },
    ],
    { from: "2021-06-01" },
  ),
  materials("32", "T-2017", [
    { kind: "domain_certificate", document: DOMAIN_CERTIFICATE, subjectTypes: BOTH, minDomains: 1 },
  ]),
  row("32", "landlineRequiredForOrganisations", true, "T-SUBJ"),
  row("32", "landlineRequiredForOrganisations", true, "J-JS"),
  row("32", "localMobileRequired", true, "J-JS"),
  row("32", "localMobileScope", "all_numbers", "J-JS"),
  row("32", "minAge", 16, "H-PROV", { note: "16–18 with employment/income proof" }),
  row("32", "minorProof", "employment_or_income_proof", "H-PROV"),
  row("32", "crossProvincePersonal", "residence_permit", "H-PROV"),
  row("32", "existingSitesMustShowCopyright", true, "H-PROV"),
  row("32", "domainHolderOrganisationOnly", false, "T-2017", {
    note: "holder may be the org, legal rep, subject head or website head (HIST)",
  }),

  // 33 浙江 Zhejiang
  row("33", "bureauReviewWorkingDays", 30, "T-REV"),
  row("33", "crossProvincePersonal", "residence_permit", "H-PROV"),
  row("33", "foreignLegalRep", "passport_accepted", "H-PROV, T-2017"),

  // 34 安徽 Anhui
  row("34", "subjectHeadMustBeLegalRep", "authorisation_letter", "H-PROV"),
  row("34", "websiteHeadEqualsSubjectHeadIfNotLegalRep", true, "H-PROV"),

  // 35 福建 Fujian
  row("35", "subjectHeadMustBeLegalRep", "required", "H-PROV"),
  row("35", "minAge", 18, "H-PROV", { note: "< 18 not allowed" }),
  row("35", "crossProvincePersonal", "residence_permit", "H-PROV"),

  // 36 江西 Jiangxi
  row("36", "crossProvincePersonal", "residence_permit", "H-PROV"),
  row("36", "oneDomainPerOrderAboveExistingSites", { personal: 7, organisation: 15 }, "H-PROV"),
  materials("36", "H-PROV", [
    {
      kind: "establishment_office_approval",
      document: { zh: "机构编制办公室（编办）前置审批", en: "Approval of the establishment office (编办)" },
      subjectTypes: ORG,
      organisationKinds: ["government", "institution"],
    },
  ]),

  // 37 山东 Shandong
  row("37", "minAge", 17, "H-PROV", { note: "未满十七周岁不能备案" }),
  row("37", "crossProvincePersonal", "residence_permit", "H-PROV"),
  row("37", "crossProvinceProofs", ["student_card", "residence_permit"], "H-PROV", {
    note: "local student card or residence permit",
  }),
  row("37", "foreignLegalRep", "authorise_mainland_id_holder", "H-PROV"),
  row("37", "localMobileRequired", true, "T-2017"),
  row("37", "multiDomainRemarkRequired", true, "T-2017"),
  row("37", "addressToHouseNumber", true, "T-2017"),

  // 41 河南 Henan
  row("41", "addressSameCityAsCertificate", true, "H-PROV"),
  row("41", "maxDomainsPerOrder", { organisation: 5 }, "H-PROV"),
  row("41", "crossProvincePersonal", "refused", "H-PROV"),
  materials("41", "T-2017", [
    { kind: "domain_certificate", document: DOMAIN_CERTIFICATE, subjectTypes: BOTH, minDomains: 4 },
  ]),
  row("41", "headsFirstTimeOnly", true, "T-2017"),
  row("41", "minorProof", "guardian_id", "T-2017", {
    note: "minors need a guardian's ID (HIST); the minimum age is not stated, so the default 18 still applies",
  }),

  // 42 湖北 Hubei
  row("42", "maxDomainsPerOrder", { personal: 1, organisation: 1 }, "H-PROV"),
  row("42", "maxSitesPerOrder", { personal: 1, organisation: 1 }, "H-PROV"),
  row("42", "crossProvincePersonal", "residence_permit", "H-PROV"),

  // 43 湖南 Hunan
  row("43", "maxDomainsPerOrder", { personal: 1, organisation: 1 }, "H-PROV"),
  row("43", "maxSitesPerOrder", { personal: 1, organisation: 1 }, "H-PROV"),
  row("43", "minAge", 18, "H-PROV"),
  row("43", "localMobileRequired", true, "H-PROV"),
  materials("43", "H-PROV", [
    { kind: "website_plan", document: WEBSITE_PLAN, subjectTypes: BOTH, minExistingSites: 2 },
  ]),
  materials("43", "T-2017", [
    { kind: "domain_certificate", document: DOMAIN_CERTIFICATE, subjectTypes: BOTH, minDomains: 1 },
  ]),

  // 44 广东 Guangdong
  row("44", "subjectHeadMustBeLegalRep", "required", "J-GD"),
  row("44", "usccLicenceOnly", true, "J-GD"),
  row("44", "emergencyContactRequired", true, "J-GD", { note: "implied by 'mobile ≠ emergency'" }),
  row("44", "emergencyMustDifferFromMobile", true, "J-GD"),
  row("44", "minAge", 16, "J-GD", { note: "heads ≥ 16; personal < 18 with employment proof" }),
  row("44", "minorProof", "employment_or_income_proof", "J-GD"),
  row("44", "crossProvincePersonal", "residence_permit", "J-GD"),
  row(
    "44",
    "crossProvinceProofs",
    ["residence_permit", "housing_proof", "lease_contract", "work_proof"],
    "J-GD",
  ),
  row("44", "siteNumberDisplay", "subject_number", "H-AFTER, J-GD"),
  row("44", "maxDomainsPerSite", 1, "T-2017", { note: "different prefixes = separate websites" }),
  materials("44", "H-MAT", [
    {
      kind: "commitment_letter",
      document: {
        zh: "《互联网信息服务备案承诺书》（单位由法定代表人签字，个人本人签字；黑色笔、正楷）",
        en: "Internet information service filing commitment (legal rep or the individual signs; black pen, block letters)",
      },
      subjectTypes: BOTH,
    },
  ]),
  materials(
    "44",
    "J-GD",
    [
      {
        kind: "website_plan",
        document: WEBSITE_PLAN,
        subjectTypes: BOTH,
        minSubjectSites: 32,
      },
      {
        kind: "authenticity_guarantee",
        document: { zh: "真实性保证书", en: "Authenticity guarantee" },
        subjectTypes: BOTH,
        minSubjectSites: 32,
      },
      {
        kind: "verification_form_commitment",
        document: {
          zh: "核验单上手写承诺段落",
          en: "Handwritten commitment paragraph on the verification form",
        },
        subjectTypes: PERSONAL,
      },
    ],
    { note: "> 31 website prefixes per subject → plan and guarantee" },
  ),
  materials(
    "44",
    "T-PROV",
    [
      {
        kind: "financial_commitment_letter",
        document: {
          zh: "金融承诺书：“在未取金融监管部门批准和省通管局同意之前，不利用互联网从事金融服务”（盖章并由法定代表人签字）",
          en: "Financial commitment: no financial services online before the regulator's and the bureau's approval (stamped, signed by the legal rep)",
        },
        subjectTypes: ORG,
        preApprovalIndustries: ["finance"],
      },
    ],
    { from: "2016-06-20" },
  ),

  // 45 广西 Guangxi
  row("45", "crossProvincePersonal", "refused", "H-PROV", { note: "不能异地备案" }),
  row("45", "localMobileRequired", true, "T-2017"),
  row("45", "personalDeclarationRemarkRequired", true, "T-2017"),
  row("45", "addressToHouseNumber", true, "T-2017", {
    note: "the source states it for personal filings; applied to all subjects (stricter)",
  }),
  row("45", "maxDomainsPerSite", 1, "T-2017"),

  // 46 海南 Hainan
  row("46", "websiteHeadEqualsSubjectHeadIfNotLegalRep", true, "T-2017"),
  row("46", "maxDomainsPerOrder", { personal: 1 }, "H-PROV", { note: "personal first filing: 1 domain" }),
  row("46", "temporaryIdAccepted", false, "T-2017"),

  // 50 重庆 Chongqing
  row("50", "maxDomainsPerSite", 1, "T-2017"),
  row("50", "crossProvincePersonal", "refused", "T-2017"),
  row("50", "personalForbiddenSuffixes", [".org"], "T-2017"),
  row("50", "localMobileRequired", true, "T-2017"),
  row("50", "remarkWhenOfficePhoneIsMobile", true, "T-SUBJ"),

  // 51 四川 Sichuan
  row("51", "maxDomainsPerSite", 1, "T-2017"),
  row("51", "crossProvincePersonal", "residence_permit", "T-2017"),
  row(
    "51",
    "crossProvinceProofs",
    ["residence_permit", "student_card", "work_proof", "social_security"],
    "T-2017",
    { note: "proof of study, work or residence" },
  ),

  // 52 贵州 Guizhou
  row("52", "addressSameCityAsCertificate", true, "H-PROV", {
    note: "organisation address must equal the certificate address",
  }),
  row("52", "crossProvincePersonal", "residence_permit", "T-2017"),
  materials("52", "T-2017", [
    { kind: "domain_certificate", document: DOMAIN_CERTIFICATE, subjectTypes: BOTH, minDomains: 4 },
  ]),

  // 53 云南 Yunnan
  row("53", "subjectHeadMustBeLegalRep", "required", "T-2017"),
  row("53", "minAge", 16, "T-2017", {
    note: "'< 18 needs employment/income proof'; the lower bound is not stated — 16 assumed as in Jiangsu/Guangdong",
  }),
  row("53", "minorProof", "employment_or_income_proof", "T-2017"),
  row("53", "crossProvincePersonal", "refused", "T-2017"),
  materials("53", "T-2017", [
    { kind: "domain_certificate", document: DOMAIN_CERTIFICATE, subjectTypes: BOTH, minDomains: 1 },
  ]),

  // 54 西藏 Tibet
  row("54", "crossProvincePersonal", "refused", "H-PREP", { note: "personal local ID only (Huawei)" }),

  // 61 陕西 Shaanxi
  row("61", "subjectHeadMustBeLegalRep", "required", "Q-SN"),
  row("61", "localMobileRequired", true, "Q-SN"),
  row("61", "nonLocalMobileRemarkAccepted", true, "Q-SN"),
  materials("61", "Q-SN", [
    {
      kind: "domain_certificate_by_post",
      document: {
        zh: "邮寄全部域名证书至陕西省通信管理局（西安市科技四路195号，信息通信管理处401室）",
        en: "Mail all domain certificates to the Shaanxi bureau (401, 195 Keji 4th Rd, Xi'an)",
      },
      subjectTypes: BOTH,
      minDomains: 5,
    },
  ]),
  row("61", "uniqueSiteNamesPerSubject", true, "Q-SN"),
  row("61", "personalBlogNeedsNewsApproval", true, "Q-SN"),
  row("61", "facePhotoMaxAgeDays", 30, "Q-SN", { note: "face photo valid 1 month" }),
  row("61", "maxSitesPerSubject", { organisation: 30 }, "H-PROV"),
  row("61", "crossProvincePersonal", "residence_permit", "H-PROV", {
    note: "'supported without detail' — residence permit assumed",
  }),

  // 62 甘肃 Gansu
  row("62", "subjectHeadMustBeLegalRep", "authorisation_letter", "H-PROV"),
  row("62", "crossProvincePersonal", "refused", "H-PROV"),
  row("62", "localMobileRequired", true, "T-2017"),
  row("62", "remarkWhenOfficePhoneIsMobile", true, "T-SUBJ"),

  // 63 青海 Qinghai
  row("63", "crossProvincePersonal", "refused", "H-PROV, T-2017"),

  // 64 宁夏 Ningxia
  row("64", "domainHolderOrganisationOnly", true, "H-PROV"),
  row("64", "crossProvincePersonal", "refused", "H-PROV"),
  row("64", "localMobileRequired", true, "T-2017"),

  // 65 新疆 Xinjiang
  row("65", "maxDomainsPerSite", 1, "T-2017"),
  row("65", "crossProvincePersonal", "refused", "H-PROV"),
  row("65", "localMobileRequired", true, "T-2017"),
  materials(
    "65",
    "T-PROV",
    [
      {
        kind: "party_building_certificate",
        document: {
          zh: "党委网信办出具的党建证明",
          en: "Party-building certificate from the party cyberspace office",
        },
        subjectTypes: ORG,
      },
    ],
    { note: "first filing / new site; the fact base does not say whether personal filings need it" },
  ),
];

/** Defaults and province rows together: what `resolveProvinceRules` normally gets. */
export const ALL_PROVINCE_RULE_ROWS: readonly ProvinceRuleRow[] = [...DEFAULT_RULES, ...PROVINCE_RULES];
