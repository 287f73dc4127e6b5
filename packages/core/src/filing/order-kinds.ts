import type { LocalizedText } from "../text.ts";

/**
 * The kinds of filing order (fact base §1.2–1.5): what each needs from the
 * applicant, who looks at it, and what its approval does to the records. One
 * table, read by the transition function, the server's use cases and the UI.
 */
export const ORDER_KINDS = [
  "first_filing",
  "add_website",
  "add_access",
  "change",
  "cancel_subject",
  "cancel_website",
  "cancel_access",
  "app",
  "transfer",
  "claim",
] as const;

export type OrderKind = (typeof ORDER_KINDS)[number];

export interface OrderKindRule {
  label: LocalizedText;
  /** Where the order's data starts: empty, or the filing as it stands (prefilled). */
  startsFrom: "empty" | "filing";
  /** The provider's reviewers look at it first (initial review). */
  providerReview: boolean;
  /** It goes to MIIT (SMS rule, bureau decision); otherwise the provider's approval finishes it. */
  regulator: boolean;
  /** Service codes are bound to it (a new website or access needs an eligible server here). */
  usesServiceCodes: boolean;
  /** The bureau issues numbers for it. */
  issuesNumbers: boolean;
}

export const ORDER_KIND_RULES: Record<OrderKind, OrderKindRule> = {
  first_filing: {
    label: { zh: "首次备案", en: "First filing" },
    startsFrom: "empty",
    providerReview: true,
    regulator: true,
    usesServiceCodes: true,
    issuesNumbers: true,
  },
  add_website: {
    label: { zh: "新增网站", en: "Add website" },
    startsFrom: "filing",
    providerReview: true,
    regulator: true,
    usesServiceCodes: true,
    issuesNumbers: true,
  },
  add_access: {
    label: { zh: "新增接入", en: "Add access" },
    startsFrom: "empty",
    providerReview: true,
    regulator: true,
    usesServiceCodes: true,
    issuesNumbers: false,
  },
  change: {
    label: { zh: "变更备案", en: "Change filing" },
    startsFrom: "filing",
    providerReview: true,
    regulator: true,
    usesServiceCodes: true,
    issuesNumbers: false,
  },
  cancel_subject: {
    label: { zh: "注销主体", en: "Cancel subject" },
    startsFrom: "filing",
    providerReview: true,
    regulator: true,
    usesServiceCodes: false,
    issuesNumbers: false,
  },
  cancel_website: {
    label: { zh: "注销网站", en: "Cancel website" },
    startsFrom: "filing",
    providerReview: true,
    regulator: true,
    usesServiceCodes: false,
    issuesNumbers: false,
  },
  cancel_access: {
    label: { zh: "取消接入", en: "Cancel access" },
    startsFrom: "filing",
    providerReview: true,
    regulator: true,
    usesServiceCodes: false,
    issuesNumbers: false,
  },
  app: {
    label: { zh: "APP备案", en: "App filing" },
    startsFrom: "filing",
    providerReview: true,
    regulator: true,
    usesServiceCodes: false,
    issuesNumbers: true,
  },
  transfer: {
    label: { zh: "转移备案", en: "Transfer filing" },
    startsFrom: "filing",
    providerReview: false,
    regulator: false,
    usesServiceCodes: false,
    issuesNumbers: false,
  },
  claim: {
    label: { zh: "认领备案", en: "Claim filing" },
    startsFrom: "empty",
    providerReview: true,
    regulator: false,
    usesServiceCodes: false,
    issuesNumbers: false,
  },
};

export function isOrderKind(value: string): value is OrderKind {
  return (ORDER_KINDS as readonly string[]).includes(value);
}
