import { ORDER_KIND_RULES, SMS_MATRIX, isRegulatorOrderType, type RegulatorOrderType } from "@openbeian/core";
import i18n from "../../i18n";
import type { LocalizedText, OrderData, OrderKind, OrderSummary, OrderView, Person } from "../../types";

/**
 * What the portal and the console need to know about an order's kind (core ORDER_KIND_RULES):
 * the cancellations (nothing to edit, no wizard), what MIIT receives it as, and who MIIT texts.
 */
const CANCEL_KINDS: ReadonlySet<OrderKind> = new Set<OrderKind>([
  "cancel_subject",
  "cancel_website",
  "cancel_access",
]);

export const isCancelKind = (kind: OrderKind) => CANCEL_KINDS.has(kind);

/** Kinds with nothing to fill in: the cancellations and a transfer are confirmed on their order page. */
export const hasWizard = (kind: OrderKind) => !isCancelKind(kind) && kind !== "transfer";

/** Kinds MIIT never sees (认领, 转移): the provider's approval or the receiver's acceptance ends them. */
export const goesToRegulator = (kind: OrderKind) => ORDER_KIND_RULES[kind].regulator;

/** Tag colours by kind: changes blue, additions green, cancellations red. */
export const KIND_COLORS: Record<OrderKind, string> = {
  first_filing: "default",
  add_website: "green",
  add_access: "green",
  change: "blue",
  cancel_subject: "red",
  cancel_website: "red",
  cancel_access: "volcano",
  app: "purple",
  transfer: "default",
  claim: "default",
};

/**
 * The type MIIT receives the order as: the server's once the initial review passed; before,
 * the kind itself, or for a change the type its edits call for (`changeType`, computed in the
 * browser from the filing), null while nothing is changed.
 */
export function regulatorTypeOf(
  order: Pick<OrderView, "type" | "regulatorType">,
  changeType?: RegulatorOrderType | null,
): RegulatorOrderType | null {
  if (order.regulatorType && isRegulatorOrderType(order.regulatorType)) return order.regulatorType;
  if (order.type === "change") return changeType ?? null;
  return isRegulatorOrderType(order.type) ? order.type : null;
}

/** The type is the browser's reading of a change's edits, not yet what the server recorded. */
export const isExpectedType = (order: Pick<OrderView, "type" | "regulatorType">) =>
  order.type === "change" && !order.regulatorType;

/** What an approved order of a kind on a filing is (已变更, 已注销 …); null: the state's own label fits. */
const APPROVED_KEYS: ReadonlySet<OrderKind> = new Set<OrderKind>([
  "change",
  "add_website",
  "add_access",
  "transfer",
  "claim",
  ...CANCEL_KINDS,
]);
function approvedKey(kind: OrderKind): string | null {
  return APPROVED_KEYS.has(kind) ? `kind.approved.${kind}` : null;
}

/** The state's label, in the kind's words once approved (an approved cancellation is 已注销, not 已备案). */
export function stateLabelOf(order: Pick<OrderSummary, "type" | "state" | "stateLabel">): LocalizedText {
  const key = order.state === "approved" ? approvedKey(order.type) : null;
  return key ? { zh: i18n.t(key, { lng: "zh" }), en: i18n.t(key, { lng: "en" }) } : order.stateLabel;
}

/** The last step of the progress bar for the kind (已备案, 已变更, 已注销 …). */
export const doneStepKey = (kind: OrderKind) => approvedKey(kind) ?? "order.steps.done";

/** 撤销 and 放弃 on an order acting on a filing: the order goes, the filing stays (not 撤销备案). */
export const actionKey = (kind: OrderKind, action: "withdraw" | "abandon") =>
  kind === "first_filing" ? `order.actions.${action}` : `kind.actions.${action}`;

export type SmsRole = "subject_head" | "website_head" | "app_head";

export interface SmsPerson {
  roles: SmsRole[];
  /** Null while the order does not name the person yet (a new website's head). */
  name: string | null;
  mobile: string;
}

/** 138****8000 */
function maskMobile(mobile: string | undefined): string {
  const digits = (mobile ?? "").replace(/\D/g, "");
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : (mobile ?? "");
}

/**
 * Who MIIT texts for this type (core SMS_MATRIX), as the regulator picks them: the subject
 * head, the heads of the order's websites; the same person (same certificate) once.
 */
export function smsPeople(type: RegulatorOrderType, data: OrderData): SmsPerson[] {
  const rule = SMS_MATRIX[type];
  const people: { role: SmsRole; person: Person | undefined }[] = [];
  if (rule.subjectHead) people.push({ role: "subject_head", person: data.subject?.head });
  if (rule.websiteHeads) {
    // An app's head verifies in the website heads' place.
    if (type === "app") people.push({ role: "app_head", person: data.app?.head });
    else
      for (const website of data.websites ?? []) people.push({ role: "website_head", person: website.head });
  }
  const byCertificate = new Map<string, SmsPerson>();
  for (const { role, person } of people) {
    const key = person?.certificateNumber?.trim().toUpperCase() || `${role}:${person?.name ?? ""}`;
    const known = byCertificate.get(key);
    if (known) {
      if (!known.roles.includes(role)) known.roles.push(role);
      continue;
    }
    byCertificate.set(key, { roles: [role], name: person?.name ?? null, mobile: maskMobile(person?.mobile) });
  }
  return [...byCertificate.values()];
}

/** Core's rule: does MIIT ask anyone to verify this type by SMS. */
export { sendsSms } from "@openbeian/core";
