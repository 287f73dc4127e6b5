import type { LocalizedText } from "../text.ts";

/**
 * The order type follows from the records, never from the applicant's choice
 * (fact base §1.2: "system auto-detects type from certificate number + domain").
 *
 * - subject: where the subject's certificate already has a filed subject — under
 *   this account, under another account of this provider, at another provider
 *   (known from the regulator's records), or nowhere;
 * - domain: where the domain is already filed — through this provider, at
 *   another provider, at MIIT with this provider as its access provider but held
 *   by no account here (a filing made in the provider's older system: "unclaimed"),
 *   or nowhere.
 */
export type SubjectRecord = "this_account" | "other_account" | "other_provider" | null;
export type DomainRecord = "this_provider" | "other_provider" | "unclaimed" | null;

export type OrderType =
  | "first_filing"
  | "add_website"
  | "add_website_subject_elsewhere"
  | "add_access"
  | "claim_or_transfer"
  | "claim"
  | "already_filed_here";

export const ORDER_TYPE_LABELS: Record<OrderType, LocalizedText> = {
  first_filing: { zh: "首次备案", en: "First filing" },
  add_website: { zh: "新增网站", en: "Add website" },
  add_website_subject_elsewhere: {
    zh: "新增网站（主体备案不在本平台）",
    en: "Add website (subject filed elsewhere)",
  },
  add_access: { zh: "新增接入", en: "Add access" },
  claim_or_transfer: { zh: "认领或转移备案", en: "Claim or transfer the filing" },
  claim: { zh: "认领备案", en: "Claim filing" },
  already_filed_here: { zh: "无需备案（已在本平台备案）", en: "Nothing to file (already filed here)" },
};

export interface OrderTypeDecision {
  type: OrderType;
  why: LocalizedText;
}

export function determineOrderType(subject: SubjectRecord, domain: DomainRecord): OrderTypeDecision {
  if (domain === "this_provider") {
    return {
      type: "already_filed_here",
      why: {
        zh: "该域名已通过本平台备案，无需再次备案",
        en: "The domain is already filed through this provider",
      },
    };
  }
  if (subject === "other_account") {
    return {
      type: "claim_or_transfer",
      why: {
        zh: "该证件的主体已在本平台的其他账号下备案，请先将备案转移或认领到本账号",
        en: "The subject is filed under another account here; transfer or claim it into this account first",
      },
    };
  }
  if (domain === "unclaimed") {
    return {
      type: "claim",
      why: {
        zh: "该网站已通过本接入商备案（旧系统中的备案），尚未归属任何账号：办理认领备案",
        en: "The website is filed through this provider (in its older system) and held by no account: claim it",
      },
    };
  }
  if (domain === "other_provider") {
    return {
      type: "add_access",
      why: {
        zh: "该网站已在其他接入商备案，备案号不变，只需新增接入",
        en: "The website is filed with another provider; add this provider as access (the number stays)",
      },
    };
  }
  if (subject === "this_account") {
    return {
      type: "add_website",
      why: {
        zh: "主体已在本账号备案，为新网站办理新增网站",
        en: "The subject is filed in this account; add the new website to it",
      },
    };
  }
  if (subject === "other_provider") {
    return {
      type: "add_website_subject_elsewhere",
      why: {
        zh: "主体已在其他接入商备案，为新网站办理新增网站（主体不在本平台）",
        en: "The subject is filed with another provider; add the website to it",
      },
    };
  }
  return {
    type: "first_filing",
    why: {
      zh: "主体与域名均未备案，办理首次备案",
      en: "Neither the subject nor the domain is filed: first filing",
    },
  };
}
