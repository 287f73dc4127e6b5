import { provinceByCode } from "../data/provinces.ts";

/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015), fact base §4.3 [STD-USCC]:
 * 18 characters from "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I O S V Z). Characters 1–8
 * are digits: registration department, organisation category and the 6-digit
 * administrative division code of the registering authority. Characters 9–17 are the
 * organisation code; character 18 is the check character
 * alphabet[(31 − Σ(value × weight) mod 31) mod 31] with weights
 * 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28 (3^i mod 31).
 *
 * The division check is by province only (the first 2 digits must name one of the 31
 * mainland provinces; core has no full GB/T 2260 table). "100000" (the national level,
 * used by organisations registered with central authorities) is also accepted: our
 * choice, not stated in the fact base.
 */
export const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const NATIONAL_DIVISION = "100000";

export type UsccProblem = "format" | "charset" | "region" | "checksum";

export interface UsccResult {
  ok: boolean;
  /** Trimmed, upper-cased input. */
  normalized: string;
  problem?: UsccProblem;
}

/** The check character for 17 characters from the alphabet; throws on anything else. */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError("USCC: need exactly 17 characters");
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17[i] ?? "");
    if (value < 0) throw new RangeError(`USCC: "${first17[i]}" is not in the alphabet`);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31] ?? "";
}

/**
 * Checks a unified social credit code (fact base §4.3, GB 32100-2015). Problems, in the
 * order they are tested: "format" (not 18 characters, or characters 1–8 not digits),
 * "charset" (a character outside the alphabet, e.g. I, O, S, V, Z), "region" (the
 * division code in characters 3–8 names no province), "checksum".
 */
export function checkUscc(input: string): UsccResult {
  const normalized = input.trim().toUpperCase();
  if (normalized.length !== 18) return { ok: false, normalized, problem: "format" };
  if ([...normalized].some((char) => !USCC_ALPHABET.includes(char))) {
    return { ok: false, normalized, problem: "charset" };
  }
  if (!/^\d{8}/.test(normalized)) return { ok: false, normalized, problem: "format" };
  const division = normalized.slice(2, 8);
  if (division !== NATIONAL_DIVISION && !provinceByCode(division)) {
    return { ok: false, normalized, problem: "region" };
  }
  if (usccCheckCharacter(normalized.slice(0, 17)) !== normalized[17]) {
    return { ok: false, normalized, problem: "checksum" };
  }
  return { ok: true, normalized };
}

/** Appends the check character to 17 characters (for tests and demo data). Throws on bad input. */
export function makeUscc(first17: string): string {
  const upper = first17.toUpperCase();
  return upper + usccCheckCharacter(upper);
}
