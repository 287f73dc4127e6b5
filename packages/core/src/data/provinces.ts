/**
 * The 31 mainland provinces: GB/T 2260 code, names and the ICP number prefix.
 * Source: fact base §5.1. Note the ICP prefixes 蜀 黔 滇 陇, which differ from the
 * everyday abbreviations 川 贵 云 甘. PSB prefixes are confirmed only for 京 粤 渝
 * (fact base §5.1 and §12); the rest are the standard abbreviations and may change.
 */
export interface Province {
  /** Two-digit GB/T 2260 prefix, e.g. "33". */
  code: string;
  zh: string;
  en: string;
  icpPrefix: string;
  psbPrefix: string;
  /** Working days the bureau may take (33号令 Art.12: 20; Zhejiang 30). */
  bureauReviewWorkingDays: number;
}

const p = (
  code: string,
  zh: string,
  en: string,
  icpPrefix: string,
  psbPrefix: string,
  bureauReviewWorkingDays = 20,
): Province => ({ code, zh, en, icpPrefix, psbPrefix, bureauReviewWorkingDays });

export const PROVINCES: readonly Province[] = [
  p("11", "北京", "Beijing", "京", "京"),
  p("12", "天津", "Tianjin", "津", "津"),
  p("13", "河北", "Hebei", "冀", "冀"),
  p("14", "山西", "Shanxi", "晋", "晋"),
  p("15", "内蒙古", "Inner Mongolia", "蒙", "蒙"),
  p("21", "辽宁", "Liaoning", "辽", "辽"),
  p("22", "吉林", "Jilin", "吉", "吉"),
  p("23", "黑龙江", "Heilongjiang", "黑", "黑"),
  p("31", "上海", "Shanghai", "沪", "沪"),
  p("32", "江苏", "Jiangsu", "苏", "苏"),
  p("33", "浙江", "Zhejiang", "浙", "浙", 30),
  p("34", "安徽", "Anhui", "皖", "皖"),
  p("35", "福建", "Fujian", "闽", "闽"),
  p("36", "江西", "Jiangxi", "赣", "赣"),
  p("37", "山东", "Shandong", "鲁", "鲁"),
  p("41", "河南", "Henan", "豫", "豫"),
  p("42", "湖北", "Hubei", "鄂", "鄂"),
  p("43", "湖南", "Hunan", "湘", "湘"),
  p("44", "广东", "Guangdong", "粤", "粤"),
  p("45", "广西", "Guangxi", "桂", "桂"),
  p("46", "海南", "Hainan", "琼", "琼"),
  p("50", "重庆", "Chongqing", "渝", "渝"),
  p("51", "四川", "Sichuan", "蜀", "川"),
  p("52", "贵州", "Guizhou", "黔", "贵"),
  p("53", "云南", "Yunnan", "滇", "滇"),
  p("54", "西藏", "Tibet", "藏", "藏"),
  p("61", "陕西", "Shaanxi", "陕", "陕"),
  p("62", "甘肃", "Gansu", "陇", "甘"),
  p("63", "青海", "Qinghai", "青", "青"),
  p("64", "宁夏", "Ningxia", "宁", "宁"),
  p("65", "新疆", "Xinjiang", "新", "新"),
];

const byCode = new Map(PROVINCES.map((province) => [province.code, province]));
const byIcpPrefix = new Map(PROVINCES.map((province) => [province.icpPrefix, province]));

/** Looks a province up by its 2-digit code or a 6-digit division code ("330106"). */
export function provinceByCode(code: string): Province | undefined {
  return byCode.get(code.slice(0, 2));
}

export function provinceByIcpPrefix(prefix: string): Province | undefined {
  return byIcpPrefix.get(prefix);
}

export const ICP_PREFIX_CHARACTERS = PROVINCES.map((province) => province.icpPrefix).join("");
