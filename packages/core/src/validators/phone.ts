import { parsePhoneNumberFromString } from "libphonenumber-js/max";

/**
 * Mainland China phone numbers for a filing (fact base §4.3 mobile rule, §5.2 local
 * mobile / landline rules), checked against libphonenumber's full ("max") metadata with
 * CN as the default country.
 *
 * Accepted spellings: "13800138000", "+86 138 0013 8000", "0086 13800138000",
 * "86-138-0013-8000", "0571-88888888", "(010)62345678", "+86 10 6234 5678". Only digits,
 * spaces, dashes, parentheses and one leading "+" may appear; letters, dots and
 * extensions ("转 123", "ext 123", "-123" after the subscriber number) are refused.
 *
 * Decisions:
 * - Mobile numbers must fall in a segment the metadata knows. This is stricter than
 *   normalizeMobile's `^1[3-9]\d{9}$`: IoT / data-only and unallocated segments (140–144,
 *   146, 148, 149, 154, 160, 163, 164, 168, 169, 179, 194 in libphonenumber-js 1.13) are
 *   refused, since MIIT's SMS would not reach them (§4.3, [T-SMS]).
 * - A landline must carry its area code, with the trunk "0" ("0571-…") or after +86 /
 *   0086 / 86 (a "(0)" after the country code is tolerated). "88888888" and "5718888888" are refused ("format").
 * - 400 / 800 service numbers (and other non-geographic types: shared-cost, toll-free,
 *   VoIP, premium) are neither mobiles nor landlines: they belong to no person and no
 *   area, so bureaus do not take them as contact numbers. They are refused with
 *   "not_mobile" when a mobile was asked for and "not_landline" otherwise (also for kind
 *   "any", because a landline is the only non-mobile number a filing accepts).
 */
export type PhoneKind = "mobile" | "landline" | "any";
export type PhoneType = "mobile" | "landline";
export type PhoneProblem = "format" | "not_mobile" | "not_landline" | "not_mainland";

export interface PhoneResult {
  ok: boolean;
  /**
   * Mainland national form without +86: the 11-digit mobile ("13800138000") or the
   * landline with area code and a dash ("0571-88888888"). Null unless the number is a
   * valid mainland mobile or landline (it is filled even when the type is not the one
   * asked for, so the UI can say "this is a landline").
   */
  normalized: string | null;
  type: PhoneType | null;
  /** Landlines only: the area code with its trunk "0" ("010", "0571"). */
  areaCode?: string;
  problem?: PhoneProblem;
}

const ALLOWED = /^\(?\+?[\d\s\-()]+$/;

function refuse(problem: PhoneProblem): PhoneResult {
  return { ok: false, normalized: null, type: null, problem };
}

/**
 * Checks a phone number typed for a filing and returns its mainland national form.
 * `kind` says what the field needs: a mobile, a landline, or either.
 */
export function checkPhone(input: string, kind: PhoneKind): PhoneResult {
  // The pre-check runs on every keystroke and asks about the same few numbers
  // again and again; parsing with libphonenumber dominates its cost.
  const key = `${kind}|${input}`;
  const cached = PHONE_CACHE.get(key);
  if (cached) return cached;
  const result = parsePhone(input, kind);
  if (PHONE_CACHE.size >= PHONE_CACHE_LIMIT) PHONE_CACHE.clear();
  PHONE_CACHE.set(key, result);
  return result;
}

const PHONE_CACHE_LIMIT = 2000;
const PHONE_CACHE = new Map<string, PhoneResult>();

function parsePhone(input: string, kind: PhoneKind): PhoneResult {
  const trimmed = input.trim();
  if (!ALLOWED.test(trimmed) || (trimmed.match(/\+/g)?.length ?? 0) > 1) return refuse("format");
  const digits = trimmed.replace(/\D/g, "");
  if (digits.length < 5) return refuse("format");
  const parsed = parsePhoneNumberFromString(trimmed, "CN");
  if (!parsed) return refuse("format");
  if (parsed.countryCallingCode !== "86") return refuse("not_mainland");
  if (!parsed.isValid() || parsed.ext) return refuse("format");

  const nsn = parsed.nationalNumber;
  const rawType = parsed.getType();
  let type: PhoneType | null = null;
  if (rawType === "MOBILE") type = "mobile";
  else if (rawType === "FIXED_LINE") type = "landline";
  else if (rawType === "FIXED_LINE_OR_MOBILE") type = /^1[3-9]\d{9}$/.test(nsn) ? "mobile" : "landline";

  if (type === null) return refuse(kind === "mobile" ? "not_mobile" : "not_landline");

  let result: PhoneResult;
  if (type === "mobile") {
    result = { ok: true, normalized: nsn, type };
  } else {
    // What was typed before the national number: "0" (trunk) or a country code.
    const lead = digits.endsWith(nsn) ? digits.slice(0, digits.length - nsn.length) : "";
    if (lead !== "0" && !/^(?:00)?860?$/.test(lead)) return refuse("format");
    const areaCode = parsed.formatNational().split(" ")[0] ?? "";
    if (!/^0\d{2,3}$/.test(areaCode)) return refuse("format");
    result = { ok: true, normalized: `${areaCode}-${nsn.slice(areaCode.length - 1)}`, type, areaCode };
  }
  if (kind === "mobile" && type !== "mobile") return { ...result, ok: false, problem: "not_mobile" };
  if (kind === "landline" && type !== "landline") return { ...result, ok: false, problem: "not_landline" };
  return result;
}

/**
 * The first 7 digits (号段 plus the HLR block, e.g. "1380013") of a valid mainland
 * mobile number, for local-segment checks (fact base §5.2: several bureaus want a
 * mobile from the filing province). Null when the input is not a valid mobile.
 */
export function mobilePrefix(mobile: string): string | null {
  const result = checkPhone(mobile, "mobile");
  return result.ok && result.normalized ? result.normalized.slice(0, 7) : null;
}

/** 13800138000 (or +86 138 0013 8000) → 138****8000; a landline 0571-88886666 → 057****6666. */
export function maskPhone(value: string): string {
  const digits = phoneDigits(value);
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : "****";
}

/** A phone number as digits without the +86 country code, for equality: "" when absent. */
export function phoneDigits(value: string | undefined): string {
  return (value ?? "").replace(/\D/g, "").replace(/^86(?=1\d{10}$)/, "");
}
