/**
 * Website-name rules (fact base §4.4). Pure; returns every finding at once. Word lists
 * live in word-lists.ts, pre-approval keywords in pre-approval.ts.
 */
import { parse } from "tldts";
import { PRE_APPROVAL_INDUSTRIES, missingPreApprovalFinding } from "./pre-approval.ts";
import { subjectKind, type RuleFinding, type RuleSubjectType } from "./types.ts";
import {
  FOREIGN_NAMES,
  NATIONAL_PREFIXES,
  PERSONAL_BANNED_WORDS,
  PERSONAL_COMPANY_WORDS,
  PERSONAL_RESTRICTED_WORDS_3P,
  PERSONAL_RESTRICTED_WORDS_ALIBABA_3P,
  SENSITIVE_WORDS_ALL,
  SENSITIVE_WORDS_PERSONAL,
  findWords,
  type WordList,
} from "./word-lists.ts";

export interface WebsiteNameOptions {
  subjectType: RuleSubjectType;
  /** A national unit may use 中国/中华/… with proof (§4.4). */
  nationalUnit?: boolean;
  /** Industry ids (pre-approval.ts) whose pre-approval the applicant holds. */
  preApprovals?: readonly string[];
}

/** Minimum counted characters (§4.4 [T-REJ] [Q-NAME] [T-INTL]). */
export const MIN_WEBSITE_NAME_CHARACTERS = 3;

const HAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z]/;
const DIGIT = /[0-9]/;
/** Allowed but not counted (§4.4 [X-NAME2]: "() -"); full-width brackets accepted as the same. */
const UNCOUNTED = new Set(["(", ")", "（", "）", "-", " "]);
const ASCII_HOST = /[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;
const UNICODE_HOST = /[\p{L}\p{N}-]+(?:[.。][\p{L}\p{N}-]+)+/gu;

/**
 * The first domain name in `name` ("example.com", "我的example.cn" → "example.cn",
 * "网址.中国"), judged by the public-suffix list so "Node.js" or "v1.0" are not domains.
 */
export function findDomainInName(name: string): string | undefined {
  const candidates = [...(name.match(ASCII_HOST) ?? []), ...(name.match(UNICODE_HOST) ?? [])];
  return candidates.find((candidate) => {
    const parsed = parse(candidate.replace(/。/g, "."));
    return parsed.isIcann === true && parsed.domain !== null && !parsed.isIp;
  });
}

/** Counted characters: Chinese characters, Latin letters and digits, one each. */
export function countNameCharacters(name: string): number {
  return [...name].filter((char) => HAN.test(char) || LATIN.test(char) || DIGIT.test(char)).length;
}

export function checkWebsiteName(name: string, options: WebsiteNameOptions): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const add = (
    ruleId: string,
    zh: string,
    en: string,
    source: string,
    severity: RuleFinding["severity"] = "error",
  ) => findings.push({ ruleId, severity, message: { zh, en }, source });
  const trimmed = name.trim();
  const chars = [...trimmed];
  const counted = chars.filter((char) => HAN.test(char) || LATIN.test(char) || DIGIT.test(char));
  const kind = subjectKind(options.subjectType);
  const personal = kind === "personal";

  if (counted.length < MIN_WEBSITE_NAME_CHARACTERS) {
    add(
      "name.too_short",
      `网站名称至少${MIN_WEBSITE_NAME_CHARACTERS}个字（汉字、字母或数字各计一个字，“() -”不计）`,
      `The website name needs at least ${MIN_WEBSITE_NAME_CHARACTERS} characters (Chinese characters, letters and digits count one each; "() -" do not count)`,
      "T-REJ, Q-NAME, X-NAME2",
    );
  }
  const hasHan = counted.some((char) => HAN.test(char));
  if (counted.length > 0 && counted.every((char) => DIGIT.test(char))) {
    add(
      "name.digits_only",
      "网站名称不能为纯数字",
      "The website name may not be digits only",
      "T-REJ, Q-NAME",
    );
  } else if (counted.length > 0 && counted.every((char) => LATIN.test(char))) {
    add(
      "name.latin_only",
      "网站名称不能为纯英文字母",
      "The website name may not be Latin letters only",
      "T-REJ, Q-NAME",
    );
  } else if (counted.length > 0 && !hasHan) {
    add(
      "name.no_chinese",
      "网站名称建议使用中文，管局通常要求至少3个汉字",
      "Use a Chinese name: bureaus usually expect at least 3 Chinese characters",
      "T-REJ, Q-NAME",
      "warning",
    );
  }
  const domain = findDomainInName(trimmed);
  if (domain) {
    add(
      "name.domain",
      `网站名称不能使用域名（${domain}）`,
      `The website name may not be a domain name (${domain})`,
      "T-REJ, Q-NAME, R-FIELD",
    );
  }
  const special = [
    ...new Set(
      chars.filter(
        (char) =>
          !HAN.test(char) &&
          !LATIN.test(char) &&
          !DIGIT.test(char) &&
          !UNCOUNTED.has(char) &&
          !(domain && (char === "." || char === "。")),
      ),
    ),
  ];
  if (special.length > 0) {
    add(
      "name.special_symbols",
      `网站名称不能含有特殊符号（${special.join(" ")}），仅可使用“() -”`,
      `The website name may not contain special symbols (${special.join(" ")}); only "() -" are allowed`,
      "T-REJ, Q-NAME, X-NAME2",
    );
  }

  const prefix = NATIONAL_PREFIXES.words.find((word) => trimmed.startsWith(word));
  const inside = findWords(trimmed, NATIONAL_PREFIXES.words).filter((word) => word !== prefix);
  if (options.nationalUnit) {
    if (prefix || inside.length > 0) {
      add(
        "name.national_word_proof",
        `国家级单位使用“${[prefix, ...inside].filter(Boolean).join("、")}”需提供相关证明`,
        `A national unit using "${[prefix, ...inside].filter(Boolean).join(", ")}" must provide proof`,
        NATIONAL_PREFIXES.source,
        "warning",
      );
    }
  } else {
    if (prefix) {
      add(
        "name.national_prefix",
        `非国家级单位的网站名称不能以“${prefix}”开头`,
        `Only national units may start a website name with "${prefix}"`,
        NATIONAL_PREFIXES.source,
      );
    }
    if (inside.length > 0) {
      add(
        "name.national_word",
        `非国家级单位的网站名称不宜使用“${inside.join("、")}”`,
        `Non-national units should not use "${inside.join(", ")}" in a website name`,
        NATIONAL_PREFIXES.source,
        "warning",
      );
    }
  }

  const reported = new Set<string>();
  const list = (wordList: WordList, zh: string, en: string) => {
    if (wordList.appliesTo !== "all" && wordList.appliesTo !== kind) return;
    // A word already refused by an error list is not warned about again.
    const words = findWords(trimmed, wordList.words).filter((word) => !reported.has(word));
    if (words.length === 0) return;
    for (const word of words) reported.add(word);
    add(
      `name.${wordList.id}`,
      `${zh}：${words.join("、")}`,
      `${en}: ${words.join(", ")}`,
      wordList.source,
      wordList.severity,
    );
  };
  list(SENSITIVE_WORDS_ALL, "网站名称含有敏感词", "The website name contains sensitive words");
  list(
    SENSITIVE_WORDS_PERSONAL,
    "个人网站名称含有敏感词",
    "The personal website name contains sensitive words",
  );
  list(
    PERSONAL_COMPANY_WORDS,
    "个人网站名称不能含有企业或组织字样",
    "A personal website name may not contain company or organisation words",
  );
  list(
    PERSONAL_BANNED_WORDS,
    "个人网站名称不能使用以下词语",
    "A personal website name may not use these words",
  );

  // Pre-approval keywords (§4.4 "must match pre-approvals").
  const held = new Set(options.preApprovals ?? []);
  for (const industry of PRE_APPROVAL_INDUSTRIES) {
    if (held.has(industry.id)) continue;
    const words = findWords(trimmed, industry.keywords).filter((word) => !reported.has(word));
    if (words.length === 0) continue;
    for (const word of words) reported.add(word);
    const finding = missingPreApprovalFinding(industry.id, "name");
    if (!finding) continue;
    if (personal) {
      findings.push({
        ...finding,
        severity: "error",
        message: {
          zh: `个人网站名称不能涉及“${industry.name.zh}”等需前置审批的内容（${words.join("、")}）`,
          en: `A personal website name may not suggest ${industry.name.en.toLowerCase()}, which needs a pre-approval (${words.join(", ")})`,
        },
      });
    } else {
      findings.push(finding);
    }
  }

  list(
    PERSONAL_RESTRICTED_WORDS_3P,
    "部分管局不接受个人网站名称使用以下词语，建议修改",
    "Some bureaus refuse these words in personal website names; consider changing them",
  );
  list(
    PERSONAL_RESTRICTED_WORDS_ALIBABA_3P,
    "阿里云审核人员曾要求个人网站名称避免以下词语，建议修改",
    "Alibaba reviewers reportedly ask personal sites to avoid these words; consider changing them",
  );
  list(
    FOREIGN_NAMES,
    "网站名称不能含有外国国家、地区或国际组织名称",
    "The website name may not contain foreign country, region or international-organisation names",
  );
  return findings;
}
