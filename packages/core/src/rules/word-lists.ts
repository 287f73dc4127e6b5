/**
 * Word lists of the website-name and content rules (fact base §4.4, §4.5). Data, not
 * code: each list carries the fact-base key it comes from and the tier it is checked
 * at. Lists marked "warning" come from third-party pages and are hints to verify,
 * not grounds for refusal (fact base §4.4: "use as 'warning' tier").
 */
import type { RuleSubjectKind } from "./types.ts";

export interface WordList {
  id: string;
  /** Which subjects the list applies to. */
  appliesTo: "all" | RuleSubjectKind;
  severity: "error" | "warning";
  /** Fact-base key(s). */
  source: string;
  words: readonly string[];
}

/** Names of non-national units must not start with these (§4.4 [T-REJ] [Q-NAME] [R-FIELD]). */
export const NATIONAL_PREFIXES: WordList = {
  id: "national_prefix",
  appliesTo: "all",
  severity: "error",
  source: "T-REJ, Q-NAME, R-FIELD",
  words: ["中国", "中华", "中央", "全国", "国家", "人民", "人大"],
};

/** Sensitive words refused in every name (§4.4). */
export const SENSITIVE_WORDS_ALL: WordList = {
  id: "sensitive",
  appliesTo: "all",
  severity: "error",
  source: "T-REJ, Q-NAME",
  words: ["反腐", "赌博", "廉政", "色情"],
};

/** Sensitive words refused in personal names in addition (§4.4). */
export const SENSITIVE_WORDS_PERSONAL: WordList = {
  id: "sensitive_personal",
  appliesTo: "personal",
  severity: "error",
  source: "T-REJ, Q-NAME",
  words: ["纪检", "监察", "信访", "维权", "投诉"],
};

/** QingCloud's list of words personal site names may not use, plus 在线 and 交流 (§4.4 [Q-NAME] [Q-LIM]). */
export const PERSONAL_BANNED_WORDS: WordList = {
  id: "personal_banned",
  appliesTo: "personal",
  severity: "error",
  source: "Q-NAME, Q-LIM",
  words: [
    "个人空间",
    "爱好者",
    "博客",
    "导航",
    "工作室",
    "论坛",
    "平台",
    "热线",
    "社区",
    "社团",
    "网络",
    "网站",
    "网址",
    "主页",
    "资讯",
    "作品展示",
    "在线",
    "交流",
  ],
};

/**
 * Company and organisation words: "个人网站不得以XX有限公司命名"; no enterprise or
 * organisation information in personal names (§4.4 [Q-NAME] [R-FIELD]).
 */
export const PERSONAL_COMPANY_WORDS: WordList = {
  id: "personal_company",
  appliesTo: "personal",
  severity: "error",
  source: "Q-NAME, R-FIELD",
  words: [
    "有限公司",
    "有限责任公司",
    "股份",
    "公司",
    "集团",
    "企业",
    "工作室",
    "事务所",
    "工厂",
    "协会",
    "商会",
    "联盟",
    "俱乐部",
    "研究院",
    "研究所",
    "机构",
    "组织",
    "官方",
  ],
};

/** The longer third-party province list for personal names (§4.4 [X-NAME1]): warnings. */
export const PERSONAL_RESTRICTED_WORDS_3P: WordList = {
  id: "personal_restricted_3p",
  appliesTo: "personal",
  severity: "warning",
  source: "X-NAME1",
  words: [
    "合伙",
    "框架",
    "大众",
    "维修",
    "设计",
    "沙龙",
    "艺术",
    "评论",
    "官网",
    "服务",
    "转让",
    "品牌",
    "排行榜",
    "行业",
    "宣传",
    "电商",
    "报价",
    "企业",
    "管理",
    "工坊",
    "传播",
    "中心",
    "咨询",
    "投资",
    "售后",
    "学院",
    "贸易",
    "旗舰",
    "产业",
    "农业",
    "传媒",
    "系统",
    "媒体",
    "股票",
    "证券",
    "彩票",
    "体彩",
    "刮刮乐",
    "营销",
    "商城",
    "交易",
    "折扣",
    "定做",
    "定制",
    "购",
    "返现",
    "购物",
    "导航",
  ],
};

/** A third-party blog quoting Alibaba's reviewers (§4.4): warnings. */
export const PERSONAL_RESTRICTED_WORDS_ALIBABA_3P: WordList = {
  id: "personal_restricted_alibaba_3p",
  appliesTo: "personal",
  severity: "warning",
  source: "3P blog quoting Alibaba (§4.4)",
  words: ["技术", "信息", "家园", "搜索"],
};

/**
 * Foreign country/region and international-organisation names (§4.4 forbids them; the
 * fact base gives no list, so this short list is ours and checked as a warning).
 */
export const FOREIGN_NAMES: WordList = {
  id: "foreign_name",
  appliesTo: "all",
  severity: "warning",
  source: "T-REJ, Q-NAME (list is ours)",
  words: ["美国", "英国", "日本", "韩国", "法国", "德国", "俄罗斯", "联合国", "欧盟", "国际"],
};

/**
 * Financial words: companies whose name or site uses them need a financial-regulator
 * document, otherwise no filing (§4.5 [T-PRE] [Q-GEN]).
 */
export const FINANCIAL_WORDS: WordList = {
  id: "financial",
  appliesTo: "organisation",
  severity: "error",
  source: "T-PRE, Q-GEN",
  words: [
    "交易所",
    "金融",
    "资产管理",
    "理财",
    "基金",
    "投资管理",
    "财富管理",
    "网贷",
    "P2P",
    "众筹",
    "互联网保险",
    "支付",
  ],
};

/** Remark words showing content a personal filing may not carry (§4.5 [T-SITE] [Q-LIM] [H-FAQ]). */
export const PERSONAL_REMARK_FORUM_WORDS: WordList = {
  id: "personal_remark_interactive",
  appliesTo: "personal",
  severity: "error",
  source: "T-SITE, Q-LIM, H-FAQ",
  words: ["论坛", "社区", "BBS", "贴吧", "聊天室", "交友"],
};

export const PERSONAL_REMARK_COMMERCE_WORDS: WordList = {
  id: "personal_remark_commercial",
  appliesTo: "personal",
  severity: "error",
  source: "T-SITE, Q-LIM, H-FAQ",
  words: ["商城", "网店", "店铺", "购物", "销售", "出售", "代购", "收费", "付费", "批发", "招商", "加盟"],
};

export const PERSONAL_REMARK_ORGANISATION_WORDS: WordList = {
  id: "personal_remark_organisation",
  appliesTo: "personal",
  severity: "error",
  source: "T-SITE, Q-LIM, H-FAQ",
  words: ["有限公司", "公司", "企业", "集团", "团队", "工作室", "官网", "官方网站"],
};

export const PERSONAL_REMARK_NEWS_WORDS: WordList = {
  id: "personal_remark_news",
  appliesTo: "personal",
  severity: "error",
  source: "T-SITE, Q-LIM, H-FAQ",
  words: ["新闻", "时政", "快讯", "头条"],
};

/**
 * Stricter bureau practice reported by site owners (§4.5, 3P github.com/endg/edww):
 * advisory only.
 */
export const PERSONAL_REMARK_ADVISORY_WORDS: WordList = {
  id: "personal_remark_advisory",
  appliesTo: "personal",
  severity: "warning",
  source: "3P endg/edww (§4.5)",
  words: ["评论", "登录", "注册", "留言", "下载", "广告", "二维码", "友情链接", "友链"],
};

/** Every word list, for listing in the console and for admin review. */
export const WORD_LISTS: readonly WordList[] = [
  NATIONAL_PREFIXES,
  SENSITIVE_WORDS_ALL,
  SENSITIVE_WORDS_PERSONAL,
  PERSONAL_BANNED_WORDS,
  PERSONAL_COMPANY_WORDS,
  PERSONAL_RESTRICTED_WORDS_3P,
  PERSONAL_RESTRICTED_WORDS_ALIBABA_3P,
  FOREIGN_NAMES,
  FINANCIAL_WORDS,
  PERSONAL_REMARK_FORUM_WORDS,
  PERSONAL_REMARK_COMMERCE_WORDS,
  PERSONAL_REMARK_ORGANISATION_WORDS,
  PERSONAL_REMARK_NEWS_WORDS,
  PERSONAL_REMARK_ADVISORY_WORDS,
];

/**
 * The words of `words` found in `text`: Chinese words by substring, Latin words
 * case-insensitively and only as whole words ("BBS" but not "abbsx").
 */
export function findWords(text: string, words: readonly string[]): string[] {
  const lower = text.toLowerCase();
  const found = words.filter((word) => {
    const latin = latinWordPattern(word);
    return latin ? latin.test(lower) : text.includes(word);
  });
  // Report "有限公司", not also "公司" inside it.
  return found.filter((word) => !found.some((other) => other !== word && other.includes(word)));
}

/** Latin words match as whole words; their patterns are built once. */
const LATIN_PATTERNS = new Map<string, RegExp | null>();

function latinWordPattern(word: string): RegExp | null {
  let pattern = LATIN_PATTERNS.get(word);
  if (pattern === undefined) {
    const escaped = word.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    pattern = /^[\x20-\x7e]+$/.test(word) ? new RegExp(`(^|[^a-z0-9])${escaped}($|[^a-z0-9])`) : null;
    LATIN_PATTERNS.set(word, pattern);
  }
  return pattern;
}
