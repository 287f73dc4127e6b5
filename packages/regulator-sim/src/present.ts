import { maskPhone } from "@openbeian/core";
import { SmsSession } from "./sms.ts";
import type { SubmittedData } from "./bureau-checks.ts";
import type { TrackedOrder } from "./store.ts";

/** An order as the operator page shows it: no codes, mobile numbers masked. */
export function presentOrder(order: TrackedOrder) {
  const data = (order.submission.payload ?? {}) as SubmittedData;
  return {
    orderNumber: order.orderNumber,
    provider: order.provider,
    orderType: order.submission.orderType,
    province: order.submission.province,
    phase: order.phase,
    subjectName: data.subject?.name ?? null,
    websites: (data.websites ?? []).map((website) => ({
      name: website.name ?? null,
      domain: website.domain ?? null,
    })),
    receivedAt: order.submission.receivedAt,
    updatedAt: order.updatedAt,
    smsAt: new Date(order.smsAt).toISOString(),
    decisionAt: order.decisionAt === null ? null : new Date(order.decisionAt).toISOString(),
    findings: order.findings,
    sms: order.sms
      ? SmsSession.restore(order.sms)
          .progress()
          .map((person) => ({ ...person, mobile: undefined, mobileMasked: maskPhone(person.mobile) }))
      : null,
    decision: order.decision,
  };
}
