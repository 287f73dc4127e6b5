import { chinaDate } from "../calendar/workdays.ts";
import { DAY_MS } from "../clock.ts";
import { AppError } from "../errors.ts";
import { ORDER_KIND_RULES } from "../filing/order-kinds.ts";
import { determineOrderType, ORDER_TYPE_LABELS } from "../filing/order-type.ts";
import { analyzeDomain } from "../validators/domain.ts";
import { checkSuffix } from "../validators/suffix.ts";
import { filedWebsite, sourceOf, type CheckEnv } from "./env.ts";

/** Real-name data reaches the bureau about 3 working days after verification (seed; fact base §4.1). */
const REAL_NAME_SETTLE_WORKING_DAYS = 3;
/** Domains must stay valid more than 3 months (fact base §2.4, §4.1). */
const MIN_DOMAIN_VALIDITY_DAYS = 90;

/** The five MIIT domain checks plus the order type that follows from the records (fact base §1.2, §4.1, §4.2). */
export function checkDomains(env: CheckEnv): void {
  (env.order.websites ?? []).forEach((website, index) => {
    const field = `websites.${index}.domain`;
    if (!env.out.required(field, website.domain)) return;
    // A domain already in the filing was checked when it was filed (a change cannot add one).
    if (filedWebsite(env, website.domain)) return;
    checkDomain(env, website.domain ?? "", field);
  });
}

function checkDomain(env: CheckEnv, value: string, field: string) {
  const { out, context } = env;
  const analysis = analyzeDomain(value);
  if (!analysis.ok || !analysis.normalized) {
    out.add(
      analysis.problem === "ip_address" ? "domain.ip_address" : "domain.format",
      field,
      analysis.problem === "ip_address"
        ? { zh: "请填写域名而不是IP地址", en: "Enter a domain name, not an IP address" }
        : { zh: "域名格式不正确", en: "Not a valid domain name" },
      "fact-base §4.1",
    );
    return;
  }
  const name = analysis.normalized;
  if (analysis.isSubdomain) {
    out.add(
      "domain.not_registrable",
      field,
      {
        zh: `网站备案填写主域名（${analysis.registrableDomain ?? ""}），子域名随主域名备案`,
        en: `File the registrable domain (${analysis.registrableDomain ?? ""}); sub-domains are covered by it`,
      },
      "fact-base §1.1, §4.1 [H-DOM]",
    );
  }
  checkSuffixRules(env, analysis, field);
  const record = context.records.domains[name] ?? null;
  const type = determineOrderType(context.records.subject, record);
  if (type.type !== context.orderType) {
    const kind = ORDER_KIND_RULES[context.orderType].label;
    out.add(
      `order_type.${type.type}`,
      field,
      {
        zh: `此订单不能按${kind.zh}办理，应为“${ORDER_TYPE_LABELS[type.type].zh}”：${type.why.zh}`,
        en: `This is not a ${kind.en.toLowerCase()} but "${ORDER_TYPE_LABELS[type.type].en}": ${type.why.en}`,
      },
      "fact-base §1.2, §1.3",
    );
  }
  const domain = context.domains.find((candidate) => candidate.name === name);
  if (!domain) {
    out.add(
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
  checkRealName(env, domain.realNameVerifiedAt, field);
  checkHolder(env, domain.holderName, domain.holderCertificateNumber, field);
  if (domain.expiresAt.getTime() - context.today.getTime() < MIN_DOMAIN_VALIDITY_DAYS * DAY_MS) {
    out.add(
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

function checkSuffixRules(env: CheckEnv, analysis: ReturnType<typeof analyzeDomain>, field: string) {
  const suffix = checkSuffix(analysis, { provinceCode: env.province, on: env.context.today });
  if (!suffix.ok) {
    env.out.add(
      "domain.suffix_not_approved",
      field,
      {
        zh: `域名后缀“.${suffix.suffix}”不在${suffix.list === "beijing" ? "北京管局" : "工信部"}批准的可备案后缀名单中`,
        en: `".${suffix.suffix}" is not on the ${suffix.list === "beijing" ? "Beijing bureau's" : "MIIT"} list of filable suffixes`,
      },
      `fact-base §4.2 [${suffix.source}] (${suffix.effectiveFrom})`,
    );
    return;
  }
  const rules = env.resolved.rules;
  const forbidden = [...rules.forbiddenSuffixes, ...(env.personal ? rules.personalForbiddenSuffixes : [])];
  const hit = forbidden.find((item) => {
    const bare = item.replace(/^\./, "");
    return suffix.suffix === bare || suffix.suffixAscii === bare;
  });
  if (hit) {
    env.out.add(
      "domain.suffix_refused_by_province",
      field,
      {
        zh: `该省不接受后缀为${hit}的域名${env.personal ? "用于个人备案" : ""}`,
        en: `This province refuses ${hit} domains${env.personal ? " for personal filings" : ""}`,
      },
      sourceOf(env, env.personal ? "personalForbiddenSuffixes" : "forbiddenSuffixes", "T-2017"),
    );
  }
}

function checkRealName(env: CheckEnv, verifiedAt: Date | null, field: string) {
  const { out, context, calendar } = env;
  if (!verifiedAt) {
    out.add(
      "domain.not_real_name",
      field,
      { zh: "域名未完成实名认证", en: "The domain is not real-name verified" },
      "fact-base §4.1 [A-2018 36922]",
    );
    return;
  }
  try {
    const settled =
      calendar.workdaysBetween(chinaDate(verifiedAt), chinaDate(context.today)) >=
      REAL_NAME_SETTLE_WORKING_DAYS;
    if (settled) return;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "CALENDAR_NO_DATA") throw error;
    out.add(
      "calendar.no_data",
      field,
      {
        zh: "当前年份没有工作日历数据，无法判断实名认证是否满3个工作日",
        en: "No working-day calendar for this year: cannot tell whether 3 working days have passed",
      },
      "fact-base §11",
      "warning",
    );
    return;
  }
  out.add(
    "domain.real_name_recent",
    field,
    {
      zh: "域名实名认证不足3个工作日，信息可能尚未同步至管局，初审时间可能延长",
      en: "Real-name verification is less than 3 working days old; the bureau may not have it yet",
    },
    "seed; fact-base §4.1 [T-SITE] [H-DOM]",
    "warning",
  );
}

/** Personal: the holder is the person; organisation: the organisation or its legal representative (Ningxia: the organisation only). */
function checkHolder(
  env: CheckEnv,
  holderName: string,
  holderCertificate: string | undefined,
  field: string,
) {
  const subject = env.order.subject ?? {};
  if (!subject.name) return;
  const holder = holderName.trim();
  const accepted = env.personal
    ? [subject.name.trim()]
    : env.resolved.rules.domainHolderOrganisationOnly
      ? [subject.name.trim()]
      : [subject.name.trim(), subject.legalRepresentative?.name?.trim() ?? ""];
  const sameCertificate =
    !env.personal ||
    !holderCertificate ||
    !subject.certificateNumber ||
    holderCertificate.trim().toUpperCase() === subject.certificateNumber.trim().toUpperCase();
  if (accepted.includes(holder) && sameCertificate) return;
  env.out.add(
    "domain.holder_mismatch",
    field,
    env.personal
      ? {
          zh: "域名持有者须为备案人本人（姓名与证件一致）",
          en: "The domain holder must be the person filing (same name and certificate)",
        }
      : env.resolved.rules.domainHolderOrganisationOnly
        ? {
            zh: "该省要求域名持有者为单位本身",
            en: "This province requires the organisation itself to hold the domain",
          }
        : {
            zh: "域名持有者须为备案单位或其法定代表人",
            en: "The domain holder must be the organisation or its legal representative",
          },
    env.personal ? "fact-base §4.1 [T-REJ]" : sourceOf(env, "domainHolderOrganisationOnly", "T-SUFFIX"),
  );
}
