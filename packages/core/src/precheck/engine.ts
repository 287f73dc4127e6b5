import { builtinCalendar } from "../calendar/builtin.ts";
import { provinceByCode } from "../data/provinces.ts";
import type { OrderData } from "../filing/order-data.ts";
import type { Problem } from "../filing/problem.ts";
import { ALL_PROVINCE_RULE_ROWS, type ProvinceRuleKey } from "../rules/province-rules.ts";
import { resolveProvinceRules } from "../rules/resolve.ts";
import { checkAccess } from "./access-checks.ts";
import { ProblemCollector } from "./collector.ts";
import { checkContacts } from "./contact-checks.ts";
import type { PrecheckContext } from "./context.ts";
import { checkDomains } from "./domain-checks.ts";
import type { CheckEnv } from "./env.ts";
import { checkMaterials } from "./material-checks.ts";
import { checkHead, checkSubject } from "./subject-checks.ts";
import { checkWebsites } from "./website-checks.ts";

/**
 * The pre-check: every reason a reviewer or a bureau would refuse the order,
 * all at once. Pure and synchronous, so it runs on every save in the server and
 * on every keystroke in the browser. Errors block submission; warnings must be
 * acknowledged.
 */
export function precheck(order: OrderData, context: PrecheckContext): Problem[] {
  const env = checkEnv(order, context);
  checkSubject(env);
  for (const { at, person } of env.heads) checkHead(env, person, at);
  checkContacts(env);
  checkWebsites(env);
  checkDomains(env);
  checkAccess(env);
  checkMaterials(env);
  for (const conflict of env.resolved.conflicts) {
    if (!appliesTo(conflict.rule, env.personal)) continue;
    env.out.add(
      `province_rule.conflict.${conflict.rule}`,
      "subject.divisionCode",
      conflict.reason,
      conflict.values.map((value) => value.source).join(" / "),
      "warning",
    );
  }
  return env.out.result();
}

/** Rules that only concern one kind of subject: their conflicts do not matter to the other. */
const ORGANISATION_ONLY: ReadonlySet<ProvinceRuleKey> = new Set([
  "subjectHeadMustBeLegalRep",
  "websiteHeadEqualsSubjectHeadIfNotLegalRep",
  "websiteHeadAuthorisationRequired",
  "legalRepHeadsForNameWords",
  "foreignLegalRep",
  "landlineRequiredForOrganisations",
  "domainHolderOrganisationOnly",
  "businessLicenceOnly",
  "usccLicenceOnly",
  "electronicLicenceAccepted",
]);
const PERSONAL_ONLY: ReadonlySet<ProvinceRuleKey> = new Set([
  "crossProvincePersonal",
  "crossProvinceProofs",
  "residencePermitMinValidityDays",
  "landlineRequiredForPersonal",
  "personalBlogNeedsNewsApproval",
  "personalDeclarationRemarkRequired",
  "personalForbiddenSuffixes",
  "personalForeignersAccepted",
]);

function appliesTo(rule: ProvinceRuleKey, personal: boolean): boolean {
  return personal ? !ORGANISATION_ONLY.has(rule) : !PERSONAL_ONLY.has(rule);
}

export function checkEnv(order: OrderData, context: PrecheckContext): CheckEnv {
  const division = order.subject?.divisionCode;
  const province = division && /^\d{6}$/.test(division) ? provinceByCode(division)?.code : undefined;
  const rows = context.ruleRows ?? ALL_PROVINCE_RULE_ROWS;
  const resolved = province
    ? resolveProvinceRules(rows, province, context.today, context.ruleOverrides)
    : nationalDefaults(rows, context);
  const websites = order.websites ?? [];
  return {
    order,
    context,
    out: new ProblemCollector(province),
    province,
    resolved,
    calendar: context.calendar ?? builtinCalendar,
    personal: (order.subject?.type ?? "personal") === "personal",
    heads: [
      { at: "subject.head", person: order.subject?.head },
      ...websites.map((website, index) => ({ at: `websites.${index}.head`, person: website.head })),
    ],
  };
}

/**
 * Until a province is chosen: the national rows only (any valid code resolves
 * them; with the province rows filtered out none of its own apply).
 */
function nationalDefaults(rows: PrecheckContext["ruleRows"] & object, context: PrecheckContext) {
  const national = rows.filter((row) => row.province === "*");
  const overrides = (context.ruleOverrides ?? []).filter((row) => row.province === "*");
  return { ...resolveProvinceRules(national, "11", context.today, overrides), conflicts: [] };
}
