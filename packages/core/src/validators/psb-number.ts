import { PROVINCES, provinceByCode } from "../data/provinces.ts";

/**
 * Public-security filing numbers (公安联网备案号), fact base §5.5 and §5.1:
 * `<省简称>公网安备<14 digits>号`, e.g. 京公网安备11000002000001号,
 * 粤公网安备44030502008569号, 渝公网安备 50011802010624号 (one space after 备 is
 * tolerated and dropped). The first 6 digits are the administrative-division code of
 * the filing PSB (110000 Beijing, 440305 Shenzhen Nanshan, 500118 Chongqing Yongchuan);
 * its province must be the one the prefix character names. Digits 7–14 are not
 * checked (their meaning is unknown, §5.5 ❓).
 *
 * Prefix characters: PROVINCES[].psbPrefix, plus — for Sichuan, Guizhou, Yunnan and
 * Gansu — both the everyday and the ICP-style character (川/蜀, 贵/黔, 云/滇, 甘/陇).
 * The fact base confirms PSB prefixes only for 京 粤 渝 and explicitly leaves open
 * whether these four use the everyday abbreviation or the ICP one (§5.1, §12), so
 * refusing either would risk refusing a correct number.
 */
export type PsbNumberProblem = "format" | "prefix" | "region";

export interface PsbNumberResult {
  ok: boolean;
  /** `<prefix>公网安备<14 digits>号` without the space; the prefix character is kept as written. */
  normalized: string | null;
  /** Two-digit province code named by the prefix. */
  provinceCode: string | null;
  /** The first 6 digits. */
  divisionCode: string | null;
  problem?: PsbNumberProblem;
}

const UNCERTAIN_PREFIXES: Record<string, string> = {
  川: "51",
  蜀: "51",
  贵: "52",
  黔: "52",
  云: "53",
  滇: "53",
  甘: "62",
  陇: "62",
};

const PREFIX_TO_CODE = new Map<string, string>([
  ...PROVINCES.map((province) => [province.psbPrefix, province.code] as [string, string]),
  ...Object.entries(UNCERTAIN_PREFIXES),
]);

/** The characters accepted before 公网安备. */
export const PSB_PREFIX_CHARACTERS = [...PREFIX_TO_CODE.keys()].join("");

const PATTERN = /^(\p{Script=Han})公网安备 ?(\d+)号$/u;

/** Checks a public-security filing number (fact base §5.5, prefixes §5.1). */
export function checkPsbNumber(input: string): PsbNumberResult {
  const match = PATTERN.exec(input.trim());
  if (!match)
    return { ok: false, normalized: null, provinceCode: null, divisionCode: null, problem: "format" };
  const [, prefix = "", digits = ""] = match;
  if (digits.length !== 14) {
    return { ok: false, normalized: null, provinceCode: null, divisionCode: null, problem: "format" };
  }
  const normalized = `${prefix}公网安备${digits}号`;
  const divisionCode = digits.slice(0, 6);
  const provinceCode = PREFIX_TO_CODE.get(prefix) ?? null;
  if (provinceCode === null) return { ok: false, normalized, provinceCode, divisionCode, problem: "prefix" };
  if (provinceByCode(divisionCode)?.code !== provinceCode) {
    return { ok: false, normalized, provinceCode, divisionCode, problem: "region" };
  }
  return { ok: true, normalized, provinceCode, divisionCode };
}
