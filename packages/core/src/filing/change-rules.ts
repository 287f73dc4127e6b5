import { normalizeDomain } from "../validators/domain.ts";
import { changedPaths, type OrderData, type Website } from "./order-data.ts";
import type { Problem } from "./problem.ts";
import type { RegulatorOrderType } from "./sms-matrix.ts";

/**
 * 变更备案 (fact base §1.4): what a change order may touch and what MIIT calls it.
 * The order's data is the whole filing as it will stand after the change; the
 * filing as it stands now is `before`. Websites are matched by domain.
 */
export interface ChangeScope {
  /** The subject's data or its head changed. */
  subject: boolean;
  /** A website's data or head changed, or a website was removed. */
  websites: boolean;
  /** Only where a website is hosted changed (its service code: the server and IP). */
  access: boolean;
}

const SOURCE = "fact-base §1.4 [H-CHG] [T-CHG]";

const domainOf = (website: Website) => normalizeDomain(website.domain ?? "") ?? (website.domain ?? "").trim();

export function changeScope(before: OrderData, after: OrderData): ChangeScope {
  const subject = changedPaths(before.subject, after.subject).length > 0;
  const previous = new Map((before.websites ?? []).map((website) => [domainOf(website), website]));
  let websites = false;
  let access = false;
  for (const website of after.websites ?? []) {
    const old = previous.get(domainOf(website));
    previous.delete(domainOf(website));
    if (!old) continue;
    // The same domain spelled otherwise (case, Unicode) is no change.
    for (const path of changedPaths(
      { ...old, domain: domainOf(old) },
      { ...website, domain: domainOf(website) },
    )) {
      if (path === "serviceCode") access = true;
      else websites = true;
    }
  }
  if (previous.size > 0) websites = true;
  return { subject, websites, access };
}

/** The type MIIT receives a change as, which decides who verifies by SMS; null when nothing changed. */
export function regulatorChangeType(scope: ChangeScope): RegulatorOrderType | null {
  if (scope.subject && scope.websites) return "change_filing";
  if (scope.subject) return "change_subject";
  if (scope.websites) return "change_website";
  if (scope.access) return "change_access";
  return null;
}

/** The domains the change removes from the filing (their websites are cancelled on approval). */
export function removedDomains(before: OrderData, after: OrderData): string[] {
  const kept = new Set((after.websites ?? []).map(domainOf));
  return (before.websites ?? []).map(domainOf).filter((domain) => !kept.has(domain));
}

/** What a change may not do, as pre-check problems (errors). */
export function changeProblems(before: OrderData, after: OrderData): Problem[] {
  const problems: Problem[] = [];
  const add = (ruleId: string, field: string, zh: string, en: string) =>
    problems.push({ ruleId, severity: "error", field, message: { zh, en }, source: SOURCE });
  const was = before.subject ?? {};
  const now = after.subject ?? {};
  if ((was.divisionCode ?? "").slice(0, 2) !== (now.divisionCode ?? "").slice(0, 2)) {
    add(
      "change.province",
      "subject.divisionCode",
      "变更备案不能更改备案省份：跨省请注销后在新省份重新备案",
      "A change cannot move the filing to another province: cancel it and file again there",
    );
  }
  if (
    (was.certificateNumber ?? "").trim().toUpperCase() !== (now.certificateNumber ?? "").trim().toUpperCase()
  ) {
    add(
      "change.certificate",
      "subject.certificateNumber",
      "主体证件号码不能变更：证件号码不同即为不同主体，请注销后重新备案",
      "The subject's certificate number cannot change: another number is another subject (cancel and file again)",
    );
  }
  if (was.type !== now.type) {
    add(
      "change.subject_type",
      "subject.type",
      "主体性质（个人/单位）不能通过变更修改，请注销后重新备案",
      "A change cannot turn a personal filing into an organisation's or back: cancel and file again",
    );
  }
  const previous = new Set((before.websites ?? []).map(domainOf));
  (after.websites ?? []).forEach((website, index) => {
    if (!previous.has(domainOf(website))) {
      add(
        "change.domain_added",
        `websites.${index}.domain`,
        "变更备案只能删除域名，不能新增或修改：新域名请办理新增网站",
        "A change can only remove domains, not add or alter them: add a new domain with an add-website order",
      );
    }
  });
  if ((after.websites ?? []).length === 0) {
    add(
      "change.no_website",
      "websites",
      "变更后至少保留一个网站；不再需要任何网站时请注销主体",
      "Keep at least one website; to give up every website, cancel the subject",
    );
  }
  const scope = changeScope(before, after);
  if (problems.length === 0 && regulatorChangeType(scope) === null) {
    add("change.nothing", "subject", "没有任何变更内容", "Nothing has been changed");
  }
  return problems;
}
