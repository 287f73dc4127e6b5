import type { OrderEvent, OrderEventType } from "../../src/filing/events.ts";

export const SUBJECT_NUMBER = "浙ICP备2026001234号";

/** A payload that passes every payload check, per event type. */
export function validEvent(type: OrderEventType): OrderEvent {
  switch (type) {
    case "approve":
      return { type, note: "资料齐全" };
    case "return":
      return { type, fields: [{ field: "subject.head.mobile", reason: "号码无法接通" }] };
    case "reject":
      return { type, reason: "网站内容不符合个人备案要求" };
    case "sms_failed":
      return { type, attempts: 5 };
    case "bureau_approved":
      return {
        type,
        numbers: { subjectNumber: SUBJECT_NUMBER, websiteNumbers: { "example.com": `${SUBJECT_NUMBER}-1` } },
      };
    case "bureau_rejected":
      return { type, reasons: ["域名实名信息与主办者不一致"] };
    default:
      return { type };
  }
}
