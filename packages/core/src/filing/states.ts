import type { LocalizedText } from "../text.ts";

/**
 * States of a filing order (architecture guide §6; Huawei's published console
 * states are the closest real model, fact base §2.1).
 */
export const ORDER_STATES = [
  "draft",
  "provider_review",
  "returned",
  "resubmitted",
  "provider_rejected",
  "queued_for_bureau",
  "sms_pending",
  "regulator_returned",
  "bureau_review",
  "approved",
  "bureau_rejected",
  "awaiting_acceptance",
  "declined",
  "withdrawn",
  "abandoned",
  "expired",
] as const;

export type OrderState = (typeof ORDER_STATES)[number];

export const STATE_LABELS: Record<OrderState, LocalizedText> = {
  draft: { zh: "待完善", en: "Draft" },
  provider_review: { zh: "初审中", en: "In initial review" },
  returned: { zh: "待修改", en: "Returned for changes" },
  resubmitted: { zh: "已修改待审核", en: "Resubmitted, awaiting review" },
  provider_rejected: { zh: "初审驳回", en: "Rejected in initial review" },
  queued_for_bureau: { zh: "待提交管局", en: "Queued for the bureau" },
  sms_pending: { zh: "待短信核验", en: "Awaiting SMS verification" },
  regulator_returned: { zh: "短信核验未通过", en: "SMS verification not completed" },
  bureau_review: { zh: "管局审核中", en: "In bureau review" },
  approved: { zh: "已备案", en: "Filed" },
  bureau_rejected: { zh: "管局驳回", en: "Rejected by the bureau" },
  awaiting_acceptance: { zh: "待对方接收", en: "Awaiting the receiving account" },
  declined: { zh: "对方已拒绝", en: "Declined by the receiving account" },
  withdrawn: { zh: "已撤销", en: "Withdrawn" },
  abandoned: { zh: "已放弃", en: "Abandoned" },
  expired: { zh: "已过期", en: "Expired" },
};

/** Final states: nothing leaves them, and they no longer count as "in progress". */
export const FINAL_STATES: ReadonlySet<OrderState> = new Set([
  "approved",
  "declined",
  "withdrawn",
  "abandoned",
  "expired",
]);

export function isFinal(state: OrderState): boolean {
  return FINAL_STATES.has(state);
}

/** States in which the applicant may change the order's data. */
export const EDITABLE_STATES: ReadonlySet<OrderState> = new Set([
  "draft",
  "returned",
  "provider_rejected",
  "bureau_rejected",
]);

/**
 * States the 45-day clean-up applies to: everything before the regulator holds
 * the order, plus a bureau rejection waiting for the applicant (fact base §2.4).
 */
export const EXPIRING_STATES: ReadonlySet<OrderState> = new Set([
  "draft",
  "provider_review",
  "returned",
  "resubmitted",
  "provider_rejected",
  "queued_for_bureau",
  "regulator_returned",
  "bureau_rejected",
  // A transfer nobody accepts is cleaned up like any other order left waiting.
  "awaiting_acceptance",
]);

/** States in which the provider's initial-review clock runs (issue 6 adds SLA pauses). */
export const IN_PROVIDER_REVIEW: ReadonlySet<OrderState> = new Set(["provider_review", "resubmitted"]);
