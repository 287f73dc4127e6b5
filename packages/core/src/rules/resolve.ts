/**
 * Resolves the province rule rows (province-rules.ts) into one complete, typed rule
 * set for a province on a date.
 *
 * 1. Rows count when effectiveFrom ≤ the date (the date in China, UTC+8).
 * 2. Per rule and source, the row with the latest effectiveFrom wins (a source's
 *    newer statement supersedes its older one).
 * 3. Admin rows (source "admin", from `rows` or `overrides`) win: a province admin row
 *    over every other row of that province and the national defaults; a national ("*")
 *    admin row replaces the national defaults (it changes the default, so provinces with
 *    their own rows keep them — give the province an admin row to override those).
 * 4. Province rows win over national defaults. For cap objects (maxDomainsPerOrder…)
 *    this happens field by field: a province cap for organisations keeps the default
 *    cap for individuals. List-valued keys (required materials, forbidden suffixes,
 *    words) add up: the province list joins the national one.
 * 5. When several non-admin sources at the same level disagree, the STRICTER value is
 *    chosen and the disagreement is reported in `conflicts` with every source, so the
 *    engine can warn naming both. Lists add up without a conflict.
 */
import { chinaDate } from "../calendar/workdays.ts";
import { provinceByCode } from "../data/provinces.ts";
import type { LocalizedText } from "../text.ts";
import {
  DEFAULT_RULES,
  PROVINCE_RULE_KEYS,
  type Caps,
  type CrossProvinceProof,
  type MaterialRule,
  type ProvinceRuleKey,
  type ProvinceRuleRow,
  type ProvinceRuleValues,
} from "./province-rules.ts";

export type ResolvedRules = { [K in ProvinceRuleKey]: ProvinceRuleValues[K] };

export interface RuleConflict {
  rule: ProvinceRuleKey;
  /** Province code, or "*" when the national defaults disagree. */
  level: string;
  values: { value: unknown; source: string; effectiveFrom: string }[];
  chosen: unknown;
  reason: LocalizedText;
}

export interface ResolvedProvinceRules {
  rules: ResolvedRules;
  conflicts: RuleConflict[];
  /** The sources behind each resolved value, for citing in problems. */
  sources: { [K in ProvinceRuleKey]: string[] };
}

export const ADMIN_SOURCE = "admin";

type Merge = "replace" | "fields" | "union";

interface RuleSpec<T> {
  /** The stricter of two values (for lists: their combination). */
  stricter: (a: T, b: T) => T;
  /** How a province value combines with the national default. */
  merge: Merge;
  /** What "stricter" means for this key, for the conflict message. */
  strictness: LocalizedText;
}

const t = (zh: string, en: string): LocalizedText => ({ zh, en });

const higher: RuleSpec<number> = {
  stricter: (a, b) => Math.max(a, b),
  merge: "replace",
  strictness: t("取较大值", "the higher value"),
};
const requiredWins: RuleSpec<boolean> = {
  stricter: (a, b) => a || b,
  merge: "replace",
  strictness: t("取“要求”", "'required' wins"),
};
const refusedWins: RuleSpec<boolean> = {
  stricter: (a, b) => a && b,
  merge: "replace",
  strictness: t("取“不接受”", "'not accepted' wins"),
};
function ranked<T>(order: readonly T[]): RuleSpec<T> {
  return {
    stricter: (a, b) => (order.indexOf(a) >= order.indexOf(b) ? a : b),
    merge: "replace",
    strictness: t(`按严格程度：${order.join(" < ")}`, `by strictness: ${order.join(" < ")}`),
  };
}
const lowerCaps: RuleSpec<Caps> = {
  stricter: (a, b) => {
    const result: Caps = {};
    for (const field of ["personal", "organisation"] as const) {
      const values = [a[field], b[field]].filter((value): value is number => value !== undefined);
      if (values.length > 0) result[field] = Math.min(...values);
    }
    return result;
  },
  merge: "fields",
  strictness: t("取较低的上限", "the lower cap"),
};
const lowerNumber: RuleSpec<number> = {
  stricter: (a, b) => Math.min(a, b),
  merge: "replace",
  strictness: t("取较低的上限", "the lower cap"),
};
function union<T>(): RuleSpec<readonly T[]> {
  return {
    stricter: (a, b) => {
      const seen = new Set(a.map((item) => JSON.stringify(item)));
      return [...a, ...b.filter((item) => !seen.has(JSON.stringify(item)))];
    },
    merge: "union",
    strictness: t("合并", "the union"),
  };
}
const fewerProofs: RuleSpec<readonly CrossProvinceProof[]> = {
  stricter: (a, b) => {
    const both = a.filter((proof) => b.includes(proof));
    return both.length > 0 ? both : a.length <= b.length ? a : b;
  },
  merge: "replace",
  strictness: t("取较少的可接受证明", "the fewer accepted proofs"),
};
const shorterAge: RuleSpec<number | null> = {
  stricter: (a, b) => (a === null ? b : b === null ? a : Math.min(a, b)),
  merge: "replace",
  strictness: t("取较短的有效期", "the shorter validity"),
};

export const RULE_SPECS: { [K in ProvinceRuleKey]: RuleSpec<ProvinceRuleValues[K]> } = {
  minAge: higher,
  minorProof: ranked(["none", "guardian_id", "employment_or_income_proof"]),
  temporaryIdAccepted: refusedWins,
  certificateMinValidityDays: higher,
  subjectHeadMustBeLegalRep: ranked(["not_required", "authorisation_letter", "required"]),
  websiteHeadEqualsSubjectHeadIfNotLegalRep: requiredWins,
  websiteHeadAuthorisationRequired: requiredWins,
  legalRepHeadsForNameWords: union<string>(),
  foreignLegalRep: ranked(["unspecified", "passport_accepted", "authorise_mainland_id_holder"]),
  localMobileRequired: requiredWins,
  localMobileScope: ranked(["website_head", "heads", "all_numbers"]),
  nonLocalMobileRemarkAccepted: refusedWins,
  crossProvincePersonal: ranked(["residence_permit", "refused"]),
  crossProvinceProofs: fewerProofs,
  residencePermitMinValidityDays: higher,
  emergencyContactRequired: requiredWins,
  emergencyMustDifferFromMobile: requiredWins,
  landlineRequiredForOrganisations: requiredWins,
  landlineRequiredForPersonal: requiredWins,
  landlineMustDifferFromMobile: requiredWins,
  remarkWhenOfficePhoneIsMobile: requiredWins,
  maxDomainsPerOrder: lowerCaps,
  maxSitesPerOrder: lowerCaps,
  maxSitesPerSubject: lowerCaps,
  maxDomainsPerSite: lowerNumber,
  oneDomainPerOrderAboveExistingSites: lowerCaps,
  domainHolderOrganisationOnly: requiredWins,
  forbiddenSuffixes: union<string>(),
  personalForbiddenSuffixes: union<string>(),
  addressToHouseNumber: requiredWins,
  addressSameCityAsCertificate: requiredWins,
  // A longer limit is the conservative planning value.
  bureauReviewWorkingDays: { ...higher, strictness: t("取较长的期限", "the longer limit") },
  requiredMaterials: union<MaterialRule>(),
  emptyShellMayAddServices: refusedWins,
  personalBlogNeedsNewsApproval: requiredWins,
  uniqueSiteNamesPerSubject: requiredWins,
  personalDeclarationRemarkRequired: requiredWins,
  multiDomainRemarkRequired: requiredWins,
  businessLicenceOnly: requiredWins,
  usccLicenceOnly: requiredWins,
  electronicLicenceAccepted: refusedWins,
  siteNumberDisplay: ranked(["website_number", "subject_number"]),
  existingSitesMustShowCopyright: requiredWins,
  websiteHeadSingleSubject: requiredWins,
  headsFirstTimeOnly: requiredWins,
  personalForeignersAccepted: refusedWins,
  facePhotoMaxAgeDays: shorterAge,
};

interface LevelResult {
  value: unknown;
  sources: string[];
  conflict?: RuleConflict;
}

/** The row with the latest effectiveFrom; ties keep the row listed last. */
function latestRow(rows: ProvinceRuleRow[]): ProvinceRuleRow | undefined {
  return rows.reduce<ProvinceRuleRow | undefined>(
    (best, row) => (!best || row.effectiveFrom >= best.effectiveFrom ? row : best),
    undefined,
  );
}

/** Latest row per source; ties keep the row listed last. */
function latestPerSource(rows: ProvinceRuleRow[]): ProvinceRuleRow[] {
  const bySource = new Map<string, ProvinceRuleRow>();
  for (const row of rows) {
    const current = bySource.get(row.source);
    if (!current || row.effectiveFrom >= current.effectiveFrom) bySource.set(row.source, row);
  }
  return [...bySource.values()];
}

function resolveLevel(key: ProvinceRuleKey, level: string, rows: ProvinceRuleRow[]): LevelResult | undefined {
  const latest = latestPerSource(rows);
  const first = latest[0];
  if (!first) return undefined;
  const spec = RULE_SPECS[key] as RuleSpec<unknown>;
  const sources = latest.map((row) => row.source);
  const distinct = new Set(latest.map((row) => JSON.stringify(row.value)));
  const value = latest.slice(1).reduce<unknown>((acc, row) => spec.stricter(acc, row.value), first.value);
  if (distinct.size <= 1 || spec.merge === "union") return { value, sources };
  return {
    value,
    sources,
    conflict: {
      rule: key,
      level,
      values: latest.map((row) => ({
        value: row.value,
        source: row.source,
        effectiveFrom: row.effectiveFrom,
      })),
      chosen: value,
      reason: {
        zh: `来源（${sources.join("；")}）对“${key}”的规定不一致，已采用较严格的值（${spec.strictness.zh}）`,
        en: `Sources (${sources.join("; ")}) disagree on ${key}; the stricter value was chosen (${spec.strictness.en})`,
      },
    },
  };
}

function combineLevels(key: ProvinceRuleKey, national: unknown, province: unknown): unknown {
  const spec = RULE_SPECS[key] as RuleSpec<unknown>;
  if (spec.merge === "fields") {
    const fields = Object.entries(province as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return { ...(national as object), ...Object.fromEntries(fields) };
  }
  if (spec.merge === "union") return spec.stricter(national, province);
  return province;
}

/**
 * The complete rule set for `province` (2-digit code, or a 6-digit division code) on
 * `on`. `rows` normally is ALL_PROVINCE_RULE_ROWS; a key without any national row
 * falls back to DEFAULT_RULES so the result is always complete.
 */
export function resolveProvinceRules(
  rows: readonly ProvinceRuleRow[],
  province: string,
  on: Date,
  overrides: readonly ProvinceRuleRow[] = [],
): ResolvedProvinceRules {
  const code = province.slice(0, 2);
  if (!provinceByCode(code)) throw new RangeError(`Unknown province code: ${province}`);
  const date = chinaDate(on);
  const effective = [...rows, ...overrides].filter(
    (row) => row.effectiveFrom <= date && (row.province === code || row.province === "*"),
  );
  const rules: Record<string, unknown> = {};
  const sources: Record<string, string[]> = {};
  const conflicts: RuleConflict[] = [];

  for (const key of PROVINCE_RULE_KEYS) {
    const keyRows = effective.filter((row) => row.rule === key);
    const adminLocal = latestRow(
      keyRows.filter((row) => row.source === ADMIN_SOURCE && row.province === code),
    );
    if (adminLocal) {
      rules[key] = adminLocal.value;
      sources[key] = [ADMIN_SOURCE];
      continue;
    }
    const adminNational = latestRow(
      keyRows.filter((row) => row.source === ADMIN_SOURCE && row.province === "*"),
    );
    const regular = keyRows.filter((row) => row.source !== ADMIN_SOURCE);
    const national: LevelResult | undefined = adminNational
      ? { value: adminNational.value, sources: [ADMIN_SOURCE] }
      : (resolveLevel(
          key,
          "*",
          regular.filter((row) => row.province === "*"),
        ) ??
        resolveLevel(
          key,
          "*",
          DEFAULT_RULES.filter((row) => row.rule === key),
        ));
    const local = resolveLevel(
      key,
      code,
      regular.filter((row) => row.province === code),
    );
    if (local) {
      if (national && RULE_SPECS[key].merge !== "replace") {
        rules[key] = combineLevels(key, national.value, local.value);
        sources[key] = [...new Set([...national.sources, ...local.sources])];
      } else {
        rules[key] = local.value;
        sources[key] = local.sources;
      }
      if (local.conflict) conflicts.push(local.conflict);
    } else if (national) {
      rules[key] = national.value;
      sources[key] = national.sources;
      if (national.conflict) conflicts.push(national.conflict);
    }
  }
  return {
    rules: rules as ResolvedRules,
    sources: sources as ResolvedProvinceRules["sources"],
    conflicts,
  };
}
