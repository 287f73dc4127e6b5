import { DAY_MS } from "../clock.ts";
import { provinceByCode } from "../data/provinces.ts";
import type { LocalizedText } from "../text.ts";
import { isEmail, normalizeMobile } from "../validators/contact.ts";
import { normalizeDomain } from "../validators/domain.ts";
import { checkResidentId } from "../validators/resident-id.ts";
import type { OrderData, Person } from "./order-data.ts";
import type { Problem } from "./problem.ts";

/**
 * The checks a first filing of a personal website must pass before it goes to
 * the provider's review. Pure: every fact it needs comes in `context`. Returns
 * every problem at once. The full rule catalogue (province rules, naming rules,
 * suffix list) is the pre-check engine of issue 3, which extends this list.
 */
export interface SubmitContext {
  today: Date;
  domains: {
    name: string;
    holderName: string;
    realNameVerifiedAt: Date | null;
    expiresAt: Date;
  }[];
  serviceCodes: { code: string; state: string; serverEligible: boolean }[];
  /** Domains that already carry a filing (a first filing cannot file them again). */
  filedDomains?: string[];
  /**
   * Whether the subject's certificate already has a filed subject: under this
   * account (the order should add a website instead) or under another one.
   */
  subjectFiled?: "this_account" | "other_account" | null;
}

/** A domain's real-name data reaches the bureau about 3 days after verification (seed; fact base §2.4). */
const REAL_NAME_SETTLE_DAYS = 3;
/** Domains must stay valid more than 3 months (fact base §2.4). */
const MIN_DOMAIN_VALIDITY_DAYS = 90;

export function checkForSubmit(data: OrderData, context: SubmitContext): Problem[] {
  const problems: Problem[] = [];
  const add = (
    ruleId: string,
    field: string,
    message: LocalizedText,
    source: string,
    severity: Problem["severity"] = "error",
  ) => problems.push({ ruleId, severity, field, message, source });
  const required = (field: string, value: unknown) => {
    const empty = value === undefined || value === null || (typeof value === "string" && value.trim() === "");
    if (empty) add("required", field, { zh: "必填项", en: "Required" }, "fact-base §3");
    return !empty;
  };

  const subject = data.subject ?? {};
  required("subject.type", subject.type);
  required("subject.name", subject.name);
  if (required("subject.divisionCode", subject.divisionCode) && !provinceByCode(subject.divisionCode ?? "")) {
    add(
      "division.unknown",
      "subject.divisionCode",
      { zh: "未知的行政区划代码", en: "Unknown division code" },
      "fact-base §5.1",
    );
  }
  required("subject.address", subject.address);
  required("subject.certificateType", subject.certificateType);
  if (context.subjectFiled) {
    add(
      `subject.already_filed_${context.subjectFiled}`,
      "subject.certificateNumber",
      context.subjectFiled === "this_account"
        ? {
            zh: "该主体已在本账号备案，新增网站请使用“新增网站”",
            en: "This subject is already filed under this account; use an add-website order",
          }
        : {
            zh: "该证件的主体已在其他账号备案，请先认领或转移备案",
            en: "This subject is filed under another account; claim or transfer the filing first",
          },
      "fact-base §1.2, §1.3",
    );
  }
  if (required("subject.certificateNumber", subject.certificateNumber)) {
    checkIdNumber(subject.certificateNumber ?? "", "subject.certificateNumber", context.today, add);
  }
  checkPerson(subject.head, "subject.head", context.today, required, add);
  // A personal subject's head is the person themself (fact base §3.2).
  if (subject.head?.name && subject.name && subject.head.name !== subject.name) {
    add(
      "personal.head_is_subject",
      "subject.head.name",
      {
        zh: "个人备案的主体负责人必须是主办者本人",
        en: "For a personal filing the subject head must be the subject themself",
      },
      "fact-base §3.2",
    );
  }
  if (
    subject.head?.certificateNumber &&
    subject.certificateNumber &&
    subject.head.certificateNumber.toUpperCase() !== subject.certificateNumber.toUpperCase()
  ) {
    add(
      "personal.head_is_subject",
      "subject.head.certificateNumber",
      {
        zh: "主体负责人证件号码须与主办者证件号码一致",
        en: "The subject head's certificate number must equal the subject's",
      },
      "fact-base §3.2",
    );
  }

  const websites = data.websites ?? [];
  if (websites.length === 0) {
    add("website.required", "websites", { zh: "请填写网站信息", en: "Add the website" }, "fact-base §3.3");
  }
  if (websites.length > 1) {
    add(
      "personal.one_website",
      "websites",
      {
        zh: "个人备案每个订单只能填写一个网站",
        en: "A personal order may hold one website",
      },
      "fact-base §3.3 [T-SITE]",
    );
  }
  websites.forEach((website, index) => {
    const at = `websites.${index}`;
    required(`${at}.name`, website.name);
    required(`${at}.serviceContent`, website.serviceContent);
    if (website.remark !== undefined && website.remark.trim().length < 20) {
      add(
        "website.remark_too_short",
        `${at}.remark`,
        {
          zh: "个人网站备注需如实描述网站内容，不少于20字",
          en: "Describe the website's real content in at least 20 characters",
        },
        "fact-base §3.3 [WX-APPLY]",
      );
    } else {
      required(`${at}.remark`, website.remark);
    }
    checkPerson(website.head, `${at}.head`, context.today, required, add);
    if (required(`${at}.domain`, website.domain)) {
      checkDomain(website.domain ?? "", `${at}.domain`, subject.name, context, add);
    }
    if (required(`${at}.serviceCode`, website.serviceCode)) {
      const code = context.serviceCodes.find((candidate) => candidate.code === website.serviceCode);
      if (!code || !["unused", "bound"].includes(code.state) || !code.serverEligible) {
        add(
          "service_code.unavailable",
          `${at}.serviceCode`,
          {
            zh: "备案服务码不可用：需为本账号名下、未使用且服务器符合备案条件",
            en: "The service code must be yours, unused, and on an eligible server",
          },
          "fact-base §6",
        );
      }
    }
  });
  // Emergency numbers must differ from every head's mobile (fact base §3.2; Guangdong explicitly).
  const heads = [
    { at: "subject.head", person: subject.head },
    ...websites.map((website, index) => ({ at: `websites.${index}.head`, person: website.head })),
  ];
  const mobiles = new Set(heads.map(({ person }) => phoneDigits(person?.mobile)).filter(Boolean));
  for (const { at, person } of heads) {
    if (mobiles.has(phoneDigits(person?.emergencyPhone))) {
      add(
        "contact.emergency_distinct",
        `${at}.emergencyPhone`,
        {
          zh: "应急联系电话不能与负责人手机号码相同",
          en: "The emergency number must differ from the heads' mobile numbers",
        },
        "fact-base §3.2 [H-MAT]",
      );
    }
  }
  return problems;
}

/** Digits of a phone number without the +86 country code, for comparisons; "" when absent. */
function phoneDigits(value: string | undefined): string {
  return (value ?? "").replace(/\D/g, "").replace(/^86(?=1\d{10}$)/, "");
}

type Add = (
  ruleId: string,
  field: string,
  message: LocalizedText,
  source: string,
  severity?: Problem["severity"],
) => void;

function checkPerson(
  person: Person | undefined,
  at: string,
  today: Date,
  required: (field: string, value: unknown) => boolean,
  add: Add,
): void {
  const value = person ?? {};
  required(`${at}.name`, value.name);
  required(`${at}.certificateType`, value.certificateType);
  if (required(`${at}.certificateNumber`, value.certificateNumber)) {
    checkIdNumber(value.certificateNumber ?? "", `${at}.certificateNumber`, today, add);
  }
  if (required(`${at}.mobile`, value.mobile) && !normalizeMobile(value.mobile ?? "")) {
    add(
      "mobile.format",
      `${at}.mobile`,
      { zh: "手机号码格式不正确", en: "Not a valid mainland mobile number" },
      "fact-base §4.3",
    );
  }
  if (
    required(`${at}.emergencyPhone`, value.emergencyPhone) &&
    !/^[\d+\-\s]{7,20}$/.test(value.emergencyPhone ?? "")
  ) {
    add(
      "phone.format",
      `${at}.emergencyPhone`,
      { zh: "电话号码格式不正确", en: "Not a valid phone number" },
      "fact-base §4.3",
    );
  }
  if (required(`${at}.email`, value.email) && !isEmail(value.email ?? "")) {
    add(
      "email.format",
      `${at}.email`,
      { zh: "电子邮箱格式不正确", en: "Not a valid e-mail address" },
      "fact-base §4.3",
    );
  }
  const validTo = value.certificateValidTo;
  if (!value.certificateLongTerm && required(`${at}.certificateValidTo`, validTo) && validTo) {
    if (new Date(`${validTo}T00:00:00Z`).getTime() - today.getTime() < 90 * DAY_MS) {
      add(
        "certificate.expiring",
        `${at}.certificateValidTo`,
        {
          zh: "证件有效期需在3个月以上",
          en: "The certificate must stay valid for more than 3 months",
        },
        "fact-base §2.4 [H-REJ]",
      );
    }
  }
}

function checkIdNumber(value: string, field: string, today: Date, add: Add): void {
  const result = checkResidentId(value, today);
  if (result.ok) return;
  const messages: Record<string, LocalizedText> = {
    format: { zh: "身份证号码应为18位", en: "A resident ID number has 18 characters" },
    area: { zh: "身份证号码的地区码不存在", en: "Unknown area code in the ID number" },
    birth_date: { zh: "身份证号码中的出生日期无效", en: "Invalid birth date in the ID number" },
    future_birth_date: { zh: "身份证号码中的出生日期晚于今天", en: "The birth date lies in the future" },
    checksum: { zh: "身份证号码校验位错误", en: "Wrong check character in the ID number" },
  };
  const message = messages[result.problem ?? "format"] ?? { zh: "身份证号码无效", en: "Invalid ID number" };
  add(`resident_id.${result.problem ?? "format"}`, field, message, "fact-base §4.3 GB 11643");
}

function checkDomain(
  value: string,
  field: string,
  subjectName: string | undefined,
  context: SubmitContext,
  add: Add,
): void {
  const name = normalizeDomain(value);
  if (!name) {
    add("domain.format", field, { zh: "域名格式不正确", en: "Not a valid domain name" }, "fact-base §4.1");
    return;
  }
  if (context.filedDomains?.includes(name)) {
    add(
      "domain.already_filed",
      field,
      {
        zh: "该域名已有备案，无需再次首次备案",
        en: "This domain is already filed; it cannot be filed again as a first filing",
      },
      "fact-base §1.2, §1.3",
    );
  }
  const domain = context.domains.find((candidate) => candidate.name === name);
  if (!domain) {
    add(
      "domain.not_in_account",
      field,
      {
        zh: "请先在“域名”中登记该域名及其实名信息",
        en: "Register this domain and its real-name data under Domains first",
      },
      "fact-base §4.1",
    );
    return;
  }
  if (!domain.realNameVerifiedAt) {
    add(
      "domain.not_real_name",
      field,
      { zh: "域名未完成实名认证", en: "The domain is not real-name verified" },
      "fact-base §4.1 [A-2018 36922]",
    );
  } else if (context.today.getTime() - domain.realNameVerifiedAt.getTime() < REAL_NAME_SETTLE_DAYS * DAY_MS) {
    add(
      "domain.real_name_recent",
      field,
      {
        zh: "域名实名认证不足3天，信息可能尚未同步至管局，初审时间可能延长",
        en: "Real-name verification is less than 3 days old; the bureau may not have it yet",
      },
      "seed; fact-base §2.4",
      "warning",
    );
  }
  if (subjectName && domain.holderName !== subjectName) {
    add(
      "domain.holder_mismatch",
      field,
      {
        zh: "域名持有者须与备案主体一致",
        en: "The domain holder must be the filing subject",
      },
      "fact-base §4.1 [T-REJ]",
    );
  }
  if (domain.expiresAt.getTime() - context.today.getTime() < MIN_DOMAIN_VALIDITY_DAYS * DAY_MS) {
    add(
      "domain.expiring",
      field,
      {
        zh: "域名有效期需在3个月以上，请先续费",
        en: "The domain must stay valid for more than 3 months; renew it first",
      },
      "fact-base §2.4 [Q-GEN]",
    );
  }
}
