import { chinaDate } from "../calendar/workdays.ts";
import { checkResidentId, residentIdCheckCharacter } from "../validators/resident-id.ts";
import type { LocalizedText } from "../text.ts";

/**
 * Certificate numbers by type (fact base §3.1, §4.3). The resident ID has a full
 * check (GB 11643); the others get their published formats.
 */
export interface IdentityResult {
  ok: boolean;
  normalized: string;
  /** YYYY-MM-DD when the number carries it (resident ID, residence permit). */
  birthDate?: string;
  /** Two-digit province code of issue, for resident IDs. */
  provinceCode?: string;
  ruleId?: string;
  message?: LocalizedText;
}

const RESIDENT_ID_MESSAGES: Record<string, LocalizedText> = {
  format: { zh: "身份证号码应为18位", en: "A resident ID number has 18 characters" },
  area: { zh: "身份证号码的地区码不存在", en: "Unknown area code in the ID number" },
  birth_date: { zh: "身份证号码中的出生日期无效", en: "Invalid birth date in the ID number" },
  future_birth_date: { zh: "身份证号码中的出生日期晚于今天", en: "The birth date lies in the future" },
  checksum: { zh: "身份证号码校验位错误", en: "Wrong check character in the ID number" },
};

const FORMATS: Record<string, { pattern: RegExp; message: LocalizedText }> = {
  hk_macao_permit: {
    pattern: /^[HM]\d{8}(\d{2})?$/,
    message: {
      zh: "港澳居民来往内地通行证号码格式不正确（H/M加8位或10位数字）",
      en: "HK/Macao permit: H or M and 8 or 10 digits",
    },
  },
  taiwan_permit: {
    pattern: /^\d{8}$/,
    message: { zh: "台湾居民来往大陆通行证号码应为8位数字", en: "Taiwan permit numbers have 8 digits" },
  },
  passport: {
    pattern: /^[A-Z0-9]{5,17}$/,
    message: { zh: "护照号码格式不正确", en: "Not a valid passport number" },
  },
  foreign_permanent_resident: {
    pattern: /^(9\d{16}[\dX]|[A-Z]{3}\d{12})$/,
    message: {
      zh: "外国人永久居留身份证号码格式不正确",
      en: "Not a valid foreign permanent resident ID number",
    },
  },
};

export function checkIdentity(type: string | undefined, input: string, today: Date): IdentityResult {
  const normalized = input.trim().toUpperCase();
  if (type === undefined || type === "resident_id" || type === "temporary_resident_id") {
    const result = checkResidentId(normalized, today);
    if (result.ok) {
      return {
        ok: true,
        normalized: result.normalized,
        birthDate: result.birthDate,
        provinceCode: normalized.slice(0, 2),
      };
    }
    const problem = result.problem ?? "format";
    return {
      ok: false,
      normalized,
      ruleId: `resident_id.${problem}`,
      message: RESIDENT_ID_MESSAGES[problem],
    };
  }
  if (type === "hmt_residence_permit") {
    // 港澳台居民居住证: 18 characters, area 810000/820000/830000, resident-ID check character.
    const ok =
      /^8[123]0000\d{11}[\dX]$/.test(normalized) &&
      residentIdCheckCharacter(normalized.slice(0, 17)) === normalized[17];
    return ok
      ? {
          ok,
          normalized,
          birthDate: `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`,
        }
      : {
          ok,
          normalized,
          ruleId: "residence_permit.format",
          message: {
            zh: "港澳台居民居住证号码不正确",
            en: "Not a valid HK/Macao/Taiwan residence permit number",
          },
        };
  }
  const format = FORMATS[type];
  if (!format) return { ok: true, normalized };
  return format.pattern.test(normalized)
    ? { ok: true, normalized }
    : { ok: false, normalized, ruleId: `${type}.format`, message: format.message };
}

/** Whole years between a birth date and today (China dates). */
export function ageOn(birthDate: string, today: Date): number {
  const [year, month, day] = birthDate.split("-").map(Number) as [number, number, number];
  const [nowYear, nowMonth, nowDay] = chinaDate(today).split("-").map(Number) as [number, number, number];
  const birthdayPassed = nowMonth > month || (nowMonth === month && nowDay >= day);
  return nowYear - year - (birthdayPassed ? 0 : 1);
}
