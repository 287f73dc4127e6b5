import { provinceByCode } from "../data/provinces.ts";

/**
 * 18-digit PRC resident identity number (GB 11643-1999): 6-digit division code,
 * 8-digit birth date, 3-digit sequence, ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = "10X98765432";

export type ResidentIdProblem = "format" | "area" | "birth_date" | "future_birth_date" | "checksum";

export interface ResidentIdResult {
  ok: boolean;
  /** Upper-cased, trimmed form (a trailing lowercase x becomes X). */
  normalized: string;
  problem?: ResidentIdProblem;
  birthDate?: string;
}

export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARACTERS[sum % 11] ?? "";
}

export function checkResidentId(input: string, today: Date): ResidentIdResult {
  const normalized = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(normalized)) return { ok: false, normalized, problem: "format" };
  if (!provinceByCode(normalized.slice(0, 2))) return { ok: false, normalized, problem: "area" };
  const year = Number(normalized.slice(6, 10));
  const month = Number(normalized.slice(10, 12));
  const day = Number(normalized.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  const validDate =
    year >= 1900 &&
    birth.getUTCFullYear() === year &&
    birth.getUTCMonth() === month - 1 &&
    birth.getUTCDate() === day;
  if (!validDate) return { ok: false, normalized, problem: "birth_date" };
  const birthDate = birth.toISOString().slice(0, 10);
  if (birth.getTime() > today.getTime()) {
    return { ok: false, normalized, problem: "future_birth_date", birthDate };
  }
  if (residentIdCheckCharacter(normalized.slice(0, 17)) !== normalized[17]) {
    return { ok: false, normalized, problem: "checksum", birthDate };
  }
  return { ok: true, normalized, birthDate };
}

/** Builds a valid number from a division code, birth date and sequence: for demo data and tests. */
export function makeResidentId(area: string, birth: string, sequence: string): string {
  const first17 = `${area}${birth.replaceAll("-", "")}${sequence}`;
  return first17 + residentIdCheckCharacter(first17);
}
