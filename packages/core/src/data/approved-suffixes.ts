import { domainLabelsToAscii } from "../validators/punycode.ts";

/**
 * Domain suffixes a filing may use: the MIIT-approved top-level domains and .cn second
 * levels (fact base §4.1 rule 1, §4.2). Data, not code: the live list is MIIT's
 * 域名行业管理信息公示 (https://domain.miit.gov.cn), and each list carries its source key
 * and the date from which it applies, so a newer list can be added beside it.
 *
 * Suffixes are stored in Unicode, lower case, without the leading dot ("com.cn",
 * "中国"); `ascii` gives the Punycode form ("xn--fiqs8s") computed with our encoder.
 * checkSuffix (validators/suffix.ts) takes the longest listed suffix a domain ends with;
 * `excluded` names suffixes refused even though a shorter parent ("cn") is listed.
 */
export interface SuffixList {
  id: "general" | "beijing";
  /** Fact-base source key. */
  source: string;
  /** First day (China date, YYYY-MM-DD) the list applies. */
  effectiveFrom: string;
  /** Set when the list applies to one province only (two-digit code). */
  provinceCode?: string;
  suffixes: readonly string[];
  excluded: readonly string[];
}

/** .cn and its second levels (§4.2, [T-SUFFIX]). */
const CN = ["cn", "政务.cn", "公益.cn", "gov.cn", "org.cn", "ac.cn", "mil.cn", "net.cn", "edu.cn", "com.cn"];

/**
 * Province second levels under .cn, as listed in [T-SUFFIX] (§4.2). The source omits
 * gs.cn (Gansu); names under it still pass through the listed parent "cn".
 */
// prettier-ignore
const CN_PROVINCES = [
  "bj", "tj", "sh", "cq", "he", "sx", "nm", "ln", "jl", "hl", "js", "zj", "ah", "fj", "jx", "sd", "ha",
  "hb", "hn", "gd", "gx", "hi", "sc", "gz", "yn", "xz", "sn", "qh", "nx", "xj", "tw", "hk", "mo",
].map((code) => `${code}.cn`);

/** Chinese IDN top-level domains (§4.2, [T-SUFFIX]). */
// prettier-ignore
const CHINESE_IDN = [
  "中国", "政务", "公益", "公司", "网络", "网址", "商城", "网店", "中信", "商标", "广东", "佛山", "信息", "手机",
  "在线", "中文网", "集团", "我爱你", "商店", "企业", "娱乐", "游戏", "购物", "餐厅", "招聘", "时尚", "移动", "网站",
];

/** Generic top-level domains (§4.2, [T-SUFFIX]), plus the ccTLDs .co .tv .cc it lists. */
// prettier-ignore
const GTLDS = [
  "ren", "wang", "citic", "top", "sohu", "xin", "com", "net", "club", "xyz", "vip", "site", "shop", "ink",
  "info", "mobi", "red", "pro", "kim", "ltd", "group", "biz", "auto", "link", "work", "law", "beer",
  "store", "tech", "fun", "online", "art", "design", "wiki", "love", "center", "video", "social", "team",
  "show", "cool", "zone", "world", "today", "city", "chat", "company", "live", "fund", "gold", "plus",
  "guru", "run", "pub", "email", "life", "co", "fashion", "fit", "luxe", "yoga", "baidu", "cloud", "host",
  "space", "press", "website", "archi", "asia", "bio", "black", "blue", "green", "lotto", "organic", "pet",
  "pink", "poker", "promo", "ski", "vote", "voto", "icu", "fans", "tv", "cc",
];

/** Tencent's "可备案的域名后缀" list, updated 2020-07-24 (§4.2, [T-SUFFIX]). */
export const GENERAL_SUFFIXES: SuffixList = {
  id: "general",
  source: "T-SUFFIX",
  effectiveFrom: "2020-07-24",
  suffixes: [...CN, ...CN_PROVINCES, ...CHINESE_IDN, ...GTLDS],
  excluded: [],
};

/**
 * Beijing's narrower list, from 2019-01-01 (§4.2). UNCERTAIN: no source gives the full
 * list. [T-PROV] says Beijing accepts a subset and additionally .tel, and explicitly not
 * .hk .tw .asia .jp .io .me .win .org; [Q-LIM] has a (snapshot) Beijing list adding
 * .中国 .公司 … and .gov; [J-BJ] says Beijing rejects most ccTLDs (.us .asia .es …).
 * Built here as: the general list, minus the .cn second levels for Hong Kong and Taiwan
 * (hk.cn, tw.cn — our reading of ".hk .tw"; mo.cn is not named by any source and is
 * kept), minus .asia, plus .tel. .jp .io .me .win .org are not in the general list
 * anyway. .gov (Q-LIM) is left out: it is the US government's registry. Staff should
 * be able to override this per province.
 */
const BEIJING_EXCLUDED = ["hk.cn", "tw.cn"];
export const BEIJING_SUFFIXES: SuffixList = {
  id: "beijing",
  source: "T-PROV",
  effectiveFrom: "2019-01-01",
  provinceCode: "11",
  suffixes: [
    ...GENERAL_SUFFIXES.suffixes.filter((suffix) => suffix !== "asia" && !BEIJING_EXCLUDED.includes(suffix)),
    "tel",
  ],
  excluded: BEIJING_EXCLUDED,
};

export const SUFFIX_LISTS: readonly SuffixList[] = [GENERAL_SUFFIXES, BEIJING_SUFFIXES];

/** The ASCII (Punycode) form of a listed suffix: "中国" → "xn--fiqs8s", "政务.cn" → "xn--zfr164b.cn". */
export function suffixToAscii(suffix: string): string {
  return domainLabelsToAscii(suffix);
}
