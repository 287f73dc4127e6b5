import { checkWebsiteName, type RuleSubjectType } from "@openbeian/core";
import type { FiledSubject, FiledWebsite, TrackedOrder } from "./store.ts";

/**
 * What a provincial bureau checks before it issues a number (fact base §2.3,
 * §4.4, §10): problems found at receipt (the domain already resolving before a
 * first filing is approved), website names, data that contradicts the subject's
 * record, and the same subject in review at another provider (主办者冲突).
 * Pure; the reasons are the bureau's, in Chinese.
 */
export interface SubmittedData {
  subject?: { type?: string; name?: string; certificateNumber?: string; divisionCode?: string };
  websites?: { name?: string; domain?: string; preApprovals?: { industry: string }[] }[];
}

export interface BureauCheckInput {
  order: TrackedOrder;
  /** The bureau's record of this subject, if it holds one. */
  filedSubject: FiledSubject | undefined;
  /** Other orders for the same subject now at the regulator. */
  othersInReview: TrackedOrder[];
  /** MIIT's record of a website, by domain. */
  websiteRecord: (domain: string) => FiledWebsite | undefined;
}

/** Order types that create a website and so must not be serving it yet. */
export const NEW_WEBSITE_TYPES: ReadonlySet<string> = new Set(["first_filing", "add_website"]);
/** Order types for which the bureau issues numbers (an app gets a -NA number). */
export const ISSUING_TYPES: ReadonlySet<string> = new Set(["first_filing", "add_website", "app"]);
/** Order types that act on a filing the bureau must already hold. */
const ON_FILING_TYPES = (type: string) => type.startsWith("change_") || type.startsWith("cancel_");

export function subjectCertificate(data: SubmittedData): string {
  return data.subject?.certificateNumber?.trim().toUpperCase() ?? "";
}

export function bureauFindings({
  order,
  filedSubject,
  othersInReview,
  websiteRecord,
}: BureauCheckInput): string[] {
  const data = (order.submission.payload ?? {}) as SubmittedData;
  const reasons = [...order.findings];
  const subjectType: RuleSubjectType = data.subject?.type === "personal" ? "personal" : "organisation";
  for (const website of data.websites ?? []) {
    if (!NEW_WEBSITE_TYPES.has(order.submission.orderType)) break;
    const held = (website.preApprovals ?? []).map((approval) => approval.industry);
    for (const finding of checkWebsiteName(website.name ?? "", { subjectType, preApprovals: held })) {
      if (finding.severity === "error")
        reasons.push(`网站名称“${website.name ?? ""}”不符合要求：${finding.message.zh}`);
    }
  }
  const name = data.subject?.name?.trim() ?? "";
  if (order.submission.orderType === "first_filing" && filedSubject) {
    reasons.push(
      `该主体已有备案号${filedSubject.subjectNumber}，与已备案信息冲突：请办理新增网站，而非首次备案`,
    );
  } else if (!filedSubject && ON_FILING_TYPES(order.submission.orderType)) {
    reasons.push("未查询到该主体的备案信息，无法办理变更或注销");
  } else if (
    filedSubject &&
    name &&
    filedSubject.name !== name &&
    !order.submission.orderType.startsWith("change_")
  ) {
    // A change may rename the subject; every other order must match the record.
    reasons.push(`主体名称“${name}”与已备案的主体名称“${filedSubject.name}”不一致`);
  } else if (!filedSubject && order.submission.orderType === "add_website") {
    reasons.push("未查询到该主体的备案信息，无法新增网站");
  }
  if (order.submission.orderType === "add_access") {
    const certificate = subjectCertificate(data);
    for (const website of data.websites ?? []) {
      const record = websiteRecord(website.domain?.trim().toLowerCase() ?? "");
      if (!record || record.status !== "filed") {
        reasons.push(`域名${website.domain ?? ""}未备案，无法新增接入：请办理首次备案或新增网站`);
      } else if (record.certificateNumber !== certificate) {
        reasons.push(`域名${website.domain ?? ""}的备案主体与所填主体不一致，新增接入须与原备案信息一致`);
      } else if (record.providers.includes(order.provider)) {
        reasons.push(`域名${website.domain ?? ""}已由本接入商接入，无需新增接入`);
      }
    }
  }
  const elsewhere = othersInReview.filter((other) => other.provider !== order.provider);
  if (elsewhere.length > 0)
    reasons.push("主办者冲突：该主体在其他接入商处有正在审核的备案订单，请待其办结或撤销后再提交");
  return reasons;
}
