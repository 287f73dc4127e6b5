/**
 * Pre-approval (前置审批) industries (fact base §7) as data, keyword detection of the
 * industries a website touches, and the content rules that depend on the subject
 * type (fact base §4.5).
 */
import type { LocalizedText } from "../text.ts";
import type { ResolvedRules } from "./resolve.ts";
import { SERVICE_CONTENT_PERSONAL } from "../filing/order-data.ts";
import { subjectKind, type RuleFinding, type RuleSubjectType } from "./types.ts";
import {
  FINANCIAL_WORDS,
  PERSONAL_REMARK_ADVISORY_WORDS,
  PERSONAL_REMARK_COMMERCE_WORDS,
  PERSONAL_REMARK_FORUM_WORDS,
  PERSONAL_REMARK_ORGANISATION_WORDS,
  findWords,
  type WordList,
} from "./word-lists.ts";

export type PreApprovalIndustryId =
  | "news"
  | "publishing"
  | "education"
  | "health"
  | "drugs_devices"
  | "culture"
  | "broadcast"
  | "bbs"
  | "ride_hailing"
  | "finance"
  | "games"
  | "off_campus_training";

/**
 * active: the approval exists and is required. cancelled: abolished nationally, a
 * bureau may still ask. bureau_dependent: special approval cancelled, bureaus differ.
 * unconfirmed: listed by WeChat, authority not confirmed (❓ in the fact base).
 */
export type PreApprovalStatus = "active" | "cancelled" | "bureau_dependent" | "unconfirmed";

export interface PreApprovalIndustry {
  id: PreApprovalIndustryId;
  name: LocalizedText;
  authority: LocalizedText;
  /** The licence or approval document; null when the approval has no document of its own. */
  document: LocalizedText | null;
  status: PreApprovalStatus;
  /** WeChat `nrlx` enum id (fact base §7 [WX-ENUM]); the list is dynamic. */
  wechatNrlxId?: number;
  /** Words in a website name or remark that suggest the industry (ours, from §7 and §4.4/§4.5). */
  keywords: readonly string[];
  source: string;
}

export const PRE_APPROVAL_INDUSTRIES: readonly PreApprovalIndustry[] = [
  {
    id: "news",
    name: { zh: "新闻", en: "News" },
    authority: { zh: "省级新闻主管部门（网信）", en: "Provincial news office (cyberspace administration)" },
    document: { zh: "《互联网新闻信息服务许可证》", en: "Internet News Information Service Licence" },
    status: "active",
    wechatNrlxId: 1,
    keywords: ["新闻", "时政", "快讯", "头条", "news"],
    source: "T-PRE",
  },
  {
    id: "publishing",
    name: { zh: "出版", en: "Publishing" },
    authority: { zh: "省级新闻出版主管部门", en: "Provincial press and publication department" },
    document: {
      zh: "《网络出版服务许可证》（原《互联网出版许可证》）",
      en: "Online Publishing Service Licence (formerly Internet Publishing Licence)",
    },
    status: "active",
    wechatNrlxId: 2,
    keywords: ["出版", "电子书", "网络文学"],
    source: "T-PRE",
  },
  {
    id: "education",
    name: { zh: "教育", en: "Education" },
    authority: { zh: "省级教育主管部门", en: "Provincial education department" },
    document: null,
    status: "cancelled",
    wechatNrlxId: 3,
    keywords: ["教育", "培训", "网校", "辅导班"],
    source: "T-PRE",
  },
  {
    id: "health",
    name: { zh: "医疗保健", en: "Health care" },
    authority: { zh: "省级卫生主管部门", en: "Provincial health department" },
    document: null,
    status: "cancelled",
    wechatNrlxId: 4,
    keywords: ["医疗", "健康", "保健", "医院", "诊所", "养生", "问诊"],
    source: "T-PRE",
  },
  {
    id: "drugs_devices",
    name: { zh: "药品和医疗器械", en: "Drugs and medical devices" },
    authority: { zh: "省级药品监督管理部门", en: "Provincial drug administration" },
    document: { zh: "《互联网药品信息服务资格证书》", en: "Internet Drug Information Service Certificate" },
    status: "active",
    wechatNrlxId: 5,
    keywords: ["药", "医疗器械"],
    source: "T-PRE",
  },
  {
    id: "culture",
    name: { zh: "文化", en: "Culture" },
    authority: { zh: "当地文化主管部门", en: "Local culture department" },
    document: { zh: "《网络文化经营许可证》", en: "Internet Culture Operation Licence" },
    status: "active",
    wechatNrlxId: 9,
    keywords: ["文化", "动漫", "演出", "演艺"],
    source: "T-PRE",
  },
  {
    id: "broadcast",
    name: { zh: "广播电影电视节目", en: "Radio, film and television programmes" },
    authority: {
      zh: "当地广播电视主管部门（中央单位为国家广电总局）",
      en: "Local radio and TV department (the national administration for central units)",
    },
    document: {
      zh: "《信息网络传播视听节目许可证》",
      en: "Licence for Audio-Visual Programme Transmission over Information Networks",
    },
    status: "active",
    wechatNrlxId: 10,
    keywords: ["影视", "广播", "电影", "电视", "视听", "直播"],
    source: "T-PRE",
  },
  {
    id: "bbs",
    name: { zh: "电子公告服务", en: "Electronic bulletin services (forums, chat, message boards)" },
    authority: { zh: "省通信管理局", en: "Provincial communications administration" },
    document: null,
    status: "bureau_dependent",
    wechatNrlxId: 6,
    keywords: ["论坛", "BBS", "贴吧", "留言板", "聊天室"],
    source: "T-PRE",
  },
  {
    id: "ride_hailing",
    name: { zh: "网络预约车", en: "Online ride hailing" },
    authority: { zh: "市级交通运输主管部门", en: "City transport commission" },
    document: {
      zh: "《网络预约出租汽车经营许可证》",
      en: "Online Ride-Hailing Taxi Operation Licence",
    },
    status: "active",
    wechatNrlxId: 11,
    keywords: ["网约车", "约车", "打车"],
    source: "T-PRE",
  },
  {
    id: "finance",
    name: { zh: "互联网金融", en: "Internet finance" },
    authority: {
      zh: "金融监管部门（人民银行、地方金融监管局、银保监、证监会、基金业协会等）",
      en: "Financial regulators (PBOC, local finance office, CBIRC, CSRC, AMAC…)",
    },
    document: { zh: "金融监管部门批准文件", en: "Financial regulator's approval" },
    status: "active",
    wechatNrlxId: 13,
    keywords: [...FINANCIAL_WORDS.words, "证券", "保险", "贷款", "期货", "信托", "外汇"],
    source: "T-PRE, T-PROV, Q-GEN",
  },
  {
    id: "games",
    name: { zh: "游戏", en: "Games" },
    authority: { zh: "中宣部出版局", en: "Publicity Department's publishing bureau" },
    document: { zh: "游戏出版审批（版号）", en: "Game publishing approval (ISBN licence)" },
    status: "active",
    keywords: ["游戏", "手游", "网游", "电竞"],
    source: "T-PRE",
  },
  {
    id: "off_campus_training",
    name: { zh: "校外培训", en: "Off-campus training" },
    authority: { zh: "教育主管部门（未确认）", en: "Education authority (unconfirmed)" },
    document: null,
    status: "unconfirmed",
    wechatNrlxId: 14,
    keywords: ["校外培训", "课外辅导", "家教", "补习"],
    source: "WX-ENUM",
  },
];

const byId = new Map(PRE_APPROVAL_INDUSTRIES.map((industry) => [industry.id, industry]));

export function preApprovalIndustry(id: string): PreApprovalIndustry | undefined {
  return byId.get(id as PreApprovalIndustryId);
}

/** Phrases that negate what follows them in the same clause ("不涉及新闻、论坛"). */
const NEGATIONS = [
  "不涉及",
  "不包含",
  "不含",
  "不提供",
  "不从事",
  "不开展",
  "不发布",
  "不开设",
  "不开通",
  "未开通",
  "不开放",
  "不设",
  "不会",
  "不做",
  "不存在",
  "不允许",
  "不得",
  "没有",
  "无任何",
  "禁止",
  "关闭",
];

/**
 * Drops the negated part of every clause of a remark, so that "本站不涉及新闻、论坛"
 * does not read as a news site. A heuristic: a clause is cut at its first negation.
 */
export function withoutNegatedClauses(text: string): string {
  return text
    .split(/[，。；;,.!！？?\n]/)
    .map((clause) => {
      const cuts = NEGATIONS.map((word) => clause.indexOf(word)).filter((index) => index >= 0);
      return cuts.length === 0 ? clause : clause.slice(0, Math.min(...cuts));
    })
    .join("。");
}

export interface ContentInput {
  /** Website name (checked in full: names carry no negations). */
  name?: string;
  /** Service-content type(s): "blog", "other", or an industry id / Chinese name such as "新闻". */
  serviceContent?: string | readonly string[];
  remark?: string;
  subjectType: RuleSubjectType;
  /** Province rules: Shaanxi makes personal 博客/个人空间 content need a news approval. */
  rules?: Pick<ResolvedRules, "personalBlogNeedsNewsApproval">;
}

function contentTypes(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === "string" ? [value] : [...value];
}

/** The industries (ids, in §7 order) whose pre-approval the website appears to need. */
export function requiredPreApprovals(input: ContentInput): PreApprovalIndustryId[] {
  const text = `${input.name ?? ""}。${withoutNegatedClauses(input.remark ?? "")}`;
  const types = contentTypes(input.serviceContent);
  const needed = new Set<PreApprovalIndustryId>();
  for (const industry of PRE_APPROVAL_INDUSTRIES) {
    const typed = types.some((type) => type === industry.id || type === industry.name.zh);
    if (typed || findWords(text, industry.keywords).length > 0) needed.add(industry.id);
  }
  if (
    subjectKind(input.subjectType) === "personal" &&
    input.rules?.personalBlogNeedsNewsApproval &&
    types.some((type) => type === "blog")
  ) {
    needed.add("news");
  }
  return PRE_APPROVAL_INDUSTRIES.map((industry) => industry.id).filter((id) => needed.has(id));
}

export interface ContentCheckInput {
  serviceContent?: string | readonly string[];
  remark?: string;
  subjectType: RuleSubjectType;
  /** The subject's name: a company named 某某理财 needs a financial regulator's document (§4.5). */
  subjectName?: string;
  /** Industry ids whose pre-approval the applicant holds. */
  preApprovals?: readonly string[];
  rules?: Pick<ResolvedRules, "personalBlogNeedsNewsApproval">;
}

/**
 * Content / nature rules of fact base §4.5 on the service content and the remark. The
 * website name is checked by `checkWebsiteName`.
 */
export function checkContentForSubject(input: ContentCheckInput): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const remark = withoutNegatedClauses(input.remark ?? "");
  const held = new Set(input.preApprovals ?? []);
  const types = contentTypes(input.serviceContent);
  const needed = requiredPreApprovals({
    serviceContent: input.serviceContent,
    remark: input.remark,
    subjectType: input.subjectType,
    rules: input.rules,
  }).filter((id) => !held.has(id));

  if (subjectKind(input.subjectType) === "personal") {
    // Fact base §3.3 [H-PREP] [T-SITE]: personal filings choose "blog" or "other" only.
    const allowed: readonly string[] = SERVICE_CONTENT_PERSONAL;
    const wrong = types.filter((type) => !allowed.includes(type));
    if (wrong.length > 0) {
      findings.push({
        ruleId: "content.personal_service_type",
        severity: "error",
        message: {
          zh: `个人备案的网站服务内容只能选择“博客/个人空间”或“其他”（当前：${wrong.join("、")}）`,
          en: `A personal filing may only choose the service content "blog" or "other" (got: ${wrong.join(", ")})`,
        },
        source: "H-PREP, T-SITE",
      });
    }
    const remarkList = (list: WordList, zh: string, en: string) => {
      const words = findWords(remark, list.words);
      if (words.length === 0) return false;
      findings.push({
        ruleId: `content.${list.id}`,
        severity: list.severity,
        message: { zh: `${zh}（${words.join("、")}）`, en: `${en} (${words.join(", ")})` },
        source: list.source,
      });
      return true;
    };
    const interactive = remarkList(
      PERSONAL_REMARK_FORUM_WORDS,
      "个人网站不得开设论坛、社区等交互式服务",
      "A personal website may not run a forum, community or other interactive service",
    );
    remarkList(
      PERSONAL_REMARK_COMMERCE_WORDS,
      "个人网站不得从事商业经营活动",
      "A personal website may not carry commercial or operating activities",
    );
    remarkList(
      PERSONAL_REMARK_ORGANISATION_WORDS,
      "个人网站不得含有企业、组织或团队的内容",
      "A personal website may not carry company, organisation or team content",
    );
    remarkList(
      PERSONAL_REMARK_ADVISORY_WORDS,
      "部分管局不接受个人网站含评论、注册登录、留言、下载、广告、二维码或友情链接，建议删除",
      "Some bureaus refuse personal sites with comments, log-in, message boards, downloads, ads, QR codes or friend links",
    );
    for (const id of needed) {
      if (id === "bbs" && interactive) continue;
      const industry = byId.get(id);
      if (!industry) continue;
      findings.push({
        ruleId: `content.personal_pre_approval.${id}`,
        severity: "error",
        message: {
          zh: `个人无法取得前置审批，个人网站不得含有“${industry.name.zh}”类内容`,
          en: `Individuals cannot obtain pre-approvals; a personal website may not carry ${industry.name.en.toLowerCase()} content`,
        },
        source: `T-SITE, ${industry.source}`,
      });
    }
    return findings;
  }

  // Organisations: financial wording in the subject name or remark needs a regulator's document.
  const financial = [
    ...new Set([
      ...findWords(input.subjectName ?? "", FINANCIAL_WORDS.words),
      ...findWords(remark, FINANCIAL_WORDS.words),
    ]),
  ];
  if (!held.has("finance") && (financial.length > 0 || needed.includes("finance"))) {
    const words = financial.length > 0 ? financial : ["金融"];
    findings.push({
      ruleId: "content.financial_regulator",
      severity: "error",
      message: {
        zh: `涉及金融类内容（${words.join("、")}）需提供金融监管部门的批准文件，否则不予备案（可变更名称或经营范围）`,
        en: `Financial content (${words.join(", ")}) needs a financial regulator's document; otherwise the filing is refused (change the name or business scope)`,
      },
      source: FINANCIAL_WORDS.source,
    });
  }
  for (const id of needed) {
    if (id === "finance") continue;
    const finding = missingPreApprovalFinding(id, "content");
    if (finding) findings.push(finding);
  }
  return findings;
}

/**
 * The finding for an organisation's website that touches `id` without the approval:
 * an error where the approval is active, a warning where it was cancelled or depends
 * on the bureau.
 */
export function missingPreApprovalFinding(id: string, scope: "name" | "content"): RuleFinding | undefined {
  const industry = byId.get(id as PreApprovalIndustryId);
  if (!industry) return undefined;
  const what =
    scope === "name" ? { zh: "网站名称", en: "The website name" } : { zh: "网站内容", en: "The content" };
  const document = industry.document ? `（${industry.document.zh}）` : "";
  const documentEn = industry.document ? ` (${industry.document.en})` : "";
  if (industry.status === "active") {
    return {
      ruleId: `${scope}.pre_approval.${id}`,
      severity: "error",
      message: {
        zh: `${what.zh}涉及“${industry.name.zh}”，需先取得${industry.authority.zh}的前置审批${document}`,
        en: `${what.en} suggests ${industry.name.en.toLowerCase()}; it needs the pre-approval of the ${industry.authority.en}${documentEn}`,
      },
      source: scope === "name" ? `R-FIELD, Q-NAME, ${industry.source}` : industry.source,
    };
  }
  return {
    ruleId: `${scope}.pre_approval.${id}`,
    severity: "warning",
    message: {
      zh: `${what.zh}涉及“${industry.name.zh}”：该前置审批${industry.status === "cancelled" ? "已在全国取消" : "视管局要求而定"}，但管局仍可能要求提供相关材料或说明`,
      en: `${what.en} suggests ${industry.name.en.toLowerCase()}: this pre-approval is ${industry.status === "cancelled" ? "cancelled nationally" : "bureau-dependent"}, but the bureau may still ask for documents`,
    },
    source: scope === "name" ? `R-FIELD, Q-NAME, ${industry.source}` : industry.source,
  };
}
