import { builtinCalendar } from "../calendar/builtin.ts";
import { provinceByCode } from "../data/provinces.ts";
import type { OrderData } from "../filing/order-data.ts";
import { ORDER_KIND_RULES } from "../filing/order-kinds.ts";
import type { Problem } from "../filing/problem.ts";
import { chinaDate } from "../calendar/workdays.ts";
import {
  ALL_PROVINCE_RULE_ROWS,
  type ProvinceRuleKey,
  type ProvinceRuleRow,
} from "../rules/province-rules.ts";
import { resolveProvinceRules, type ResolvedProvinceRules } from "../rules/resolve.ts";
import { checkAccess } from "./access-checks.ts";
import { checkApp } from "./app-checks.ts";
import { ProblemCollector } from "./collector.ts";
import { checkContacts } from "./contact-checks.ts";
import type { PrecheckContext } from "./context.ts";
import { checkDomains } from "./domain-checks.ts";
import { checkAgainstFiling } from "./filing-checks.ts";
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
  // An app order files an app under the subject as filed: no websites in it.
  if (context.orderType === "app") checkApp(env);
  else checkWebsites(env);
  checkDomains(env);
  // A claimed filing keeps the access it was filed with: no service code is bound to it.
  if (ORDER_KIND_RULES[context.orderType].usesServiceCodes) checkAccess(env);
  // A change keeps the documents on file; the bureau asks for new ones only case by case.
  if (context.orderType !== "change") checkMaterials(env);
  checkAgainstFiling(env);
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
  const resolved = memoizedRules(rows, province, context);
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
      ...(context.orderType === "app" ? [{ at: "app.head", person: order.app?.head }] : []),
    ],
  };
}

/**
 * Resolving the rules walks all 31 provinces' rows; the answer only changes with
 * the rows, the province, the day and the overrides, so it is kept per row set.
 */
const RESOLVED = new WeakMap<readonly ProvinceRuleRow[], Map<string, ResolvedProvinceRules>>();

function memoizedRules(
  rows: readonly ProvinceRuleRow[],
  province: string | undefined,
  context: PrecheckContext,
) {
  let byKey = RESOLVED.get(rows);
  if (!byKey) {
    byKey = new Map();
    RESOLVED.set(rows, byKey);
  }
  const key = `${province ?? "*"}|${chinaDate(context.today)}|${JSON.stringify(context.ruleOverrides ?? [])}`;
  let resolved = byKey.get(key);
  if (!resolved) {
    resolved = province
      ? resolveProvinceRules(rows, province, context.today, context.ruleOverrides)
      : nationalDefaults(rows, context);
    if (byKey.size >= 500) byKey.clear();
    byKey.set(key, resolved);
  }
  return resolved;
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
