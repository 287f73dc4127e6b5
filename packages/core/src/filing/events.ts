import type { LocalizedText } from "../text.ts";

/** Who acts on an order. Staff roles act for the provider; the regulator arrives through the bridge. */
/** `recipient`: the account a filing is being transferred to (转移备案), which accepts or declines it. */
export type ActorKind = "applicant" | "reviewer" | "regulator" | "system" | "recipient";

export const ORDER_EVENTS = [
  "submit",
  "withdraw",
  "abandon",
  "approve",
  "return",
  "reject",
  "sms_sent",
  "sms_verified",
  "sms_timed_out",
  "sms_failed",
  "bureau_received",
  "bureau_approved",
  "bureau_rejected",
  "accept_transfer",
  "decline_transfer",
  "expire",
] as const;

export type OrderEventType = (typeof ORDER_EVENTS)[number];

/** A field the reviewer sends back, with the reason shown beside it. */
export interface ReturnedField {
  /** Path in the order data, e.g. "subject.head.mobile" or "websites.0.name". */
  field: string;
  reason: string;
}

export interface IssuedNumbers {
  subjectNumber: string;
  /** Website numbers by domain. */
  websiteNumbers: Record<string, string>;
  /** APP备案: the app's number (`…号-2A`). */
  appNumber?: string;
}

export type OrderEvent =
  | { type: "submit" }
  | { type: "withdraw" }
  | { type: "abandon" }
  | { type: "approve"; note?: string }
  | { type: "return"; fields: ReturnedField[]; note?: string }
  | { type: "reject"; reason: string }
  | { type: "sms_sent" }
  | { type: "sms_verified" }
  | { type: "sms_timed_out" }
  | { type: "sms_failed"; attempts: number }
  | { type: "bureau_received" }
  /** `numbers` when the bureau issues some (first filing, added website, app); a change or cancellation has none. */
  | { type: "bureau_approved"; numbers?: IssuedNumbers }
  | { type: "bureau_rejected"; reasons: string[] }
  | { type: "accept_transfer" }
  | { type: "decline_transfer"; reason?: string }
  | { type: "expire" };

export const EVENT_LABELS: Record<OrderEventType, LocalizedText> = {
  submit: { zh: "提交审核", en: "Submit for review" },
  withdraw: { zh: "撤销备案", en: "Withdraw" },
  abandon: { zh: "放弃备案", en: "Abandon" },
  approve: { zh: "初审通过", en: "Approve" },
  return: { zh: "退回修改", en: "Return for changes" },
  reject: { zh: "初审驳回", en: "Reject" },
  sms_sent: { zh: "已提交管局，工信部已发送核验短信", en: "Sent to MIIT; verification SMS sent" },
  sms_verified: { zh: "短信核验通过", en: "SMS verified" },
  sms_timed_out: { zh: "短信核验超时", en: "SMS verification timed out" },
  sms_failed: { zh: "短信核验失败", en: "SMS verification failed" },
  bureau_received: {
    zh: "已提交管局（此类订单无需短信核验）",
    en: "Sent to the bureau (no SMS verification for this order)",
  },
  bureau_approved: { zh: "管局审核通过", en: "Approved by the bureau" },
  bureau_rejected: { zh: "管局驳回", en: "Rejected by the bureau" },
  accept_transfer: { zh: "接收方已接收转移", en: "Transfer accepted" },
  decline_transfer: { zh: "接收方拒绝转移", en: "Transfer declined" },
  expire: { zh: "订单过期清理", en: "Expired" },
};
