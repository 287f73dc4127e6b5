import { parseCommandArgs, parseOrExit, UsageError } from "./usage.ts";
import {
  ALL_PROVINCE_RULE_ROWS,
  analyzeDomain,
  analyzeRecordNumber,
  checkIdentity,
  checkPhone,
  checkPsbNumber,
  checkSuffix,
  checkUscc,
  checkWebsiteName,
  provinceByCode,
  provinceByIcpPrefix,
  resolveProvinceRules,
  systemClock,
  type LocalizedText,
  type Problem,
  type Province,
  type RuleSubjectKind,
} from "@openbeian/core";

/**
 * `beian check <kind> <value>`: one value through the validator the pre-check uses,
 * without a database. Prints one JSON line with --json, else a zh/en summary.
 * Exit codes: 0 valid, 1 invalid, 2 usage error (usage on stderr).
 */
export const CHECK_KINDS = [
  "id",
  "uscc",
  "phone",
  "domain",
  "icp-number",
  "psb-number",
  "website-name",
] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export const CHECK_USAGE = `beian check <kind> <value> [--province <p>] [--subject personal|organisation] [--json]

Kinds:
  id            18-digit resident identity number (居民身份证号码)
  uscc          unified social credit code (统一社会信用代码)
  phone         mainland mobile or landline number
  domain        domain name: normalised, registrable domain, filable suffix
  icp-number    ICP filing, ICP licence or B2 number (备案号 / 许可证号)
  psb-number    public-security filing number (公安联网备案号)
  website-name  website name rules (网站名称)

Options:
  --province <p>   filing province: 2-digit code (33), 6-digit division code (330106)
                   or ICP character (浙, 蜀); selects the suffix list for domain
  --subject <s>    personal (default) or organisation (alias organization)
  --json           print one line of JSON

Exit codes: 0 valid, 1 invalid, 2 usage error.`;

export interface CheckOutput {
  valid: boolean;
  normalized: string | null;
  problems: Problem[];
  [extra: string]: unknown;
}

export interface CheckOptions {
  province?: Province;
  subject: RuleSubjectKind;
  today: Date;
}

/** Runs the command; `args` are the arguments after "check". Returns the exit code. */
export function runCheckCommand(args: string[]): number {
  const parsed = parseOrExit("check", CHECK_USAGE, () => parseCheckArgs(args));
  if (!parsed.ok) return parsed.exitCode;
  const { request } = parsed;
  const output = checkValue(request.kind, request.value, request.options);
  if (request.json) console.log(JSON.stringify(output));
  else console.log(describeCheck(request.kind, request.value, output));
  return output.valid ? 0 : 1;
}

function parseCheckArgs(args: string[]) {
  const { positionals, values } = parseCommandArgs(args, {
    province: { type: "string" },
    subject: { type: "string" },
    json: { type: "boolean" },
  });
  const [kind, value, ...rest] = positionals;
  if (kind === undefined) throw new UsageError("missing <kind>");
  if (!(CHECK_KINDS as readonly string[]).includes(kind)) throw new UsageError(`unknown kind "${kind}"`);
  if (value === undefined) throw new UsageError(`missing <value> for ${kind}`);
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}" (quote values with spaces)`);
  const options: CheckOptions = { subject: parseSubject(values.subject), today: systemClock.now() };
  if (values.province !== undefined) options.province = parseProvince(values.province);
  return { kind: kind as CheckKind, value, options, json: values.json === true };
}

/** "33", "330106" or an ICP character ("浙", "蜀"). */
export function parseProvince(input: string): Province {
  const text = input.trim();
  const province = /^(\d{2}|\d{6})$/.test(text)
    ? provinceByCode(text)
    : [...text].length === 1
      ? provinceByIcpPrefix(text)
      : undefined;
  if (!province) {
    throw new UsageError(
      `unknown province "${input}" (use a 2-digit code such as 33, a 6-digit division code or an ICP character such as 浙)`,
    );
  }
  return province;
}

function parseSubject(input: string | undefined): RuleSubjectKind {
  if (input === undefined) return "personal";
  const text = input.trim().toLowerCase();
  if (text === "personal") return "personal";
  if (text === "organisation" || text === "organization") return "organisation";
  throw new UsageError(`unknown subject "${input}" (personal or organisation)`);
}

/** The check itself: pure but for `options.today`. */
export function checkValue(kind: CheckKind, value: string, options: CheckOptions): CheckOutput {
  const problems: Problem[] = [];
  const add = (
    ruleId: string,
    message: LocalizedText,
    source: string,
    severity: Problem["severity"] = "error",
  ) => {
    const problem: Problem = { ruleId, severity, field: kind, message, source };
    if (options.province) problem.province = options.province.code;
    problems.push(problem);
  };
  const done = (normalized: string | null, extra: Record<string, unknown> = {}): CheckOutput => ({
    valid: !problems.some((problem) => problem.severity === "error"),
    normalized,
    ...extra,
    problems,
  });

  switch (kind) {
    case "id": {
      const result = checkIdentity("resident_id", value, options.today);
      if (!result.ok) {
        add(
          result.ruleId ?? "resident_id.format",
          result.message ?? { zh: "身份证号码无效", en: "Not a valid resident ID number" },
          "fact-base §4.3 [STD-RIC]",
        );
      }
      return done(result.ruleId === "resident_id.format" ? null : result.normalized);
    }
    case "uscc": {
      const result = checkUscc(value);
      if (result.problem)
        add(`uscc.${result.problem}`, USCC_MESSAGES[result.problem], "fact-base §4.3 [STD-USCC]");
      return done(result.problem === "format" || result.problem === "charset" ? null : result.normalized);
    }
    case "phone": {
      const result = checkPhone(value, "any");
      if (result.problem)
        add(`phone.${result.problem}`, PHONE_MESSAGES[result.problem], "fact-base §4.3, §5.2");
      return done(result.ok ? result.normalized : null);
    }
    case "domain":
      return checkDomainValue(value, options, add, done);
    case "icp-number": {
      const result = analyzeRecordNumber(value);
      if (result.problem)
        add(`icp_number.${result.problem}`, ICP_MESSAGES[result.problem], "fact-base §1.6, §5.1");
      return done(
        result.ok && result.subjectNumber ? result.subjectNumber + (result.serviceSuffix ?? "") : null,
        {
          kind: result.kind,
          provinceCode: result.provinceCode,
          subjectNumber: result.subjectNumber ?? null,
          serviceSuffix: result.ok ? (result.serviceSuffix ?? null) : null,
        },
      );
    }
    case "psb-number": {
      const result = checkPsbNumber(value);
      if (result.problem)
        add(`psb_number.${result.problem}`, PSB_MESSAGES[result.problem], "fact-base §5.5, §5.1");
      return done(result.normalized);
    }
    case "website-name": {
      for (const finding of checkWebsiteName(value, { subjectType: options.subject })) {
        add(finding.ruleId, finding.message, finding.source, finding.severity);
      }
      const trimmed = value.trim();
      return done(trimmed === "" ? null : trimmed);
    }
  }
}

function checkDomainValue(
  value: string,
  options: CheckOptions,
  add: (ruleId: string, message: LocalizedText, source: string, severity?: Problem["severity"]) => void,
  done: (normalized: string | null, extra?: Record<string, unknown>) => CheckOutput,
): CheckOutput {
  const analysis = analyzeDomain(value);
  const extra = (filable: boolean) => ({
    registrableDomain: analysis.registrableDomain,
    filable,
  });
  if (!analysis.ok || !analysis.normalized) {
    add(
      `domain.${analysis.problem ?? "format"}`,
      DOMAIN_MESSAGES[analysis.problem ?? "format"],
      "fact-base §4.1",
    );
    return done(analysis.normalized, extra(false));
  }
  if (analysis.isSubdomain) {
    add(
      "domain.subdomain",
      {
        zh: `这是子域名：网站备案填写主域名（${analysis.registrableDomain ?? ""}），子域名随主域名备案`,
        en: `This is a sub-domain: a filing names the registrable domain (${analysis.registrableDomain ?? ""}), which covers it`,
      },
      "fact-base §1.1, §4.1 [H-DOM]",
      "warning",
    );
  }
  const province = options.province?.code;
  const suffix = checkSuffix(analysis, { provinceCode: province, on: options.today });
  if (!suffix.ok) {
    const beijing = suffix.list === "beijing";
    add(
      "domain.suffix_not_approved",
      {
        zh: `域名后缀“.${suffix.suffix}”不在${beijing ? "北京管局" : "工信部"}批准的可备案后缀名单中`,
        en: `".${suffix.suffix}" is not on the ${beijing ? "Beijing bureau's" : "MIIT"} list of filable suffixes`,
      },
      `fact-base §4.2 [${suffix.source}] (${suffix.effectiveFrom})`,
    );
    return done(analysis.normalized, extra(false));
  }
  if (province) {
    // The province's own refusals, as the pre-check applies them (domain-checks.ts).
    const { rules, sources } = resolveProvinceRules(ALL_PROVINCE_RULE_ROWS, province, options.today);
    const personal = options.subject === "personal";
    const forbidden = [...rules.forbiddenSuffixes, ...(personal ? rules.personalForbiddenSuffixes : [])];
    const hit = forbidden.find((item) => {
      const bare = item.replace(/^\./, "");
      return suffix.suffix === bare || suffix.suffixAscii === bare;
    });
    if (hit) {
      const cited = sources[personal ? "personalForbiddenSuffixes" : "forbiddenSuffixes"];
      add(
        "domain.suffix_refused_by_province",
        {
          zh: `该省不接受后缀为${hit}的域名${personal ? "用于个人备案" : ""}`,
          en: `This province refuses ${hit} domains${personal ? " for personal filings" : ""}`,
        },
        cited.length > 0 ? cited.join(", ") : "T-2017",
      );
      return done(analysis.normalized, extra(false));
    }
  }
  return done(analysis.normalized, extra(true));
}

const USCC_MESSAGES: Record<NonNullable<ReturnType<typeof checkUscc>["problem"]>, LocalizedText> = {
  format: { zh: "统一社会信用代码应为18位", en: "A unified social credit code has 18 characters" },
  charset: {
    zh: "统一社会信用代码含有不允许的字符（不使用I、O、S、V、Z）",
    en: "The code has characters it cannot contain (no I, O, S, V, Z)",
  },
  region: {
    zh: "统一社会信用代码中的行政区划码不存在",
    en: "Unknown division code inside the credit code",
  },
  checksum: { zh: "统一社会信用代码校验位错误", en: "Wrong check character in the credit code" },
};

const PHONE_MESSAGES: Record<NonNullable<ReturnType<typeof checkPhone>["problem"]>, LocalizedText> = {
  format: { zh: "电话号码格式不正确", en: "Not a valid phone number" },
  not_mainland: { zh: "不是中国内地的电话号码", en: "Not a mainland-China phone number" },
  not_mobile: { zh: "不是手机号码", en: "Not a mobile number" },
  not_landline: {
    zh: "不是手机或带区号的固定电话（400/800等号码不能作为联系电话）",
    en: "Neither a mobile nor a landline with area code (400/800 numbers are not accepted)",
  },
};

const DOMAIN_MESSAGES: Record<NonNullable<ReturnType<typeof analyzeDomain>["problem"]>, LocalizedText> = {
  format: {
    zh: "域名格式不正确（只填写域名，不含http://、端口或路径）",
    en: "Not a valid domain name (the bare name: no scheme, port or path)",
  },
  ip_address: { zh: "请填写域名而不是IP地址", en: "Enter a domain name, not an IP address" },
  too_long: {
    zh: "域名过长（每段不超过63个字符，全长不超过253个字符）",
    en: "The name is too long (63 characters per label, 253 in all)",
  },
  no_public_suffix: {
    zh: "没有可注册的域名后缀（或该名称本身就是后缀）",
    en: "No known public suffix (or the name is itself a suffix)",
  },
};

const ICP_MESSAGES: Record<NonNullable<ReturnType<typeof analyzeRecordNumber>["problem"]>, LocalizedText> = {
  format: {
    zh: "不是有效的ICP备案号、ICP许可证号或B2许可证号",
    en: "Not a valid ICP filing, ICP licence or B2 licence number",
  },
  prefix: {
    zh: "号码开头的省份简称不正确（备案号使用蜀、黔、滇、陇，而非川、贵、云、甘）",
    en: "Wrong province character (filing numbers use 蜀 黔 滇 陇, not 川 贵 云 甘)",
  },
  service_suffix: {
    zh: "服务后缀不正确（-N 网站，-NA App，-NX 小程序，-NK 快应用）",
    en: "Bad service suffix (-N website, -NA app, -NX mini program, -NK quick app)",
  },
};

const PSB_MESSAGES: Record<NonNullable<ReturnType<typeof checkPsbNumber>["problem"]>, LocalizedText> = {
  format: {
    zh: "公安联网备案号格式应为“省份简称公网安备14位数字号”",
    en: "A public-security filing number reads <province>公网安备<14 digits>号",
  },
  prefix: { zh: "公安联网备案号的省份简称不正确", en: "Unknown province character" },
  region: {
    zh: "备案号中的行政区划代码与省份简称不一致",
    en: "The division code does not belong to the province the character names",
  },
};

/** The human-readable form: a verdict line, the details, one line per problem. */
export function describeCheck(kind: CheckKind, value: string, output: CheckOutput): string {
  const lines = [
    `${output.valid ? "✓ 有效 / valid" : "✗ 无效 / invalid"} ${kind}: ${output.normalized ?? value.trim()}`,
  ];
  const detail = (zh: string, en: string, shown: unknown) => {
    if (shown !== undefined && shown !== null) lines.push(`  ${zh} / ${en}: ${String(shown)}`);
  };
  if (kind === "domain") {
    detail("主域名", "registrable domain", output.registrableDomain);
    detail("可备案", "filable", output.filable ? "是 / yes" : "否 / no");
  }
  if (kind === "icp-number") {
    detail("类型", "kind", output.kind);
    detail("省份", "province", output.provinceCode);
    detail("主体号", "subject number", output.subjectNumber);
    detail("服务后缀", "service suffix", output.serviceSuffix);
  }
  for (const problem of output.problems) lines.push(describeProblem(problem));
  return lines.join("\n");
}

/** One line per problem: severity, (field,) rule id, both messages, source. */
export function describeProblem(problem: Problem, showField = false): string {
  const mark = problem.severity === "error" ? "✗ 错误 error  " : "! 警告 warning";
  const field = showField ? ` @ ${problem.field}` : "";
  return `  ${mark} ${problem.ruleId}${field}: ${problem.message.zh} / ${problem.message.en} (${problem.source})`;
}
