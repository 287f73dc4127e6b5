import type { LocalizedText } from "@openbeian/core";
import type { TemplateKey } from "./templates.ts";

/**
 * The notification events people choose channels for: every template key of
 * templates.ts (the compiler holds the two lists together), in groups that read
 * the way an applicant thinks of them. `urgent` events text by default
 * (something lapses unless someone acts).
 */
export type EventGroupId = "order" | "sms" | "deadline" | "psb";

export interface EventGroup {
  id: EventGroupId;
  label: LocalizedText;
}

export const EVENT_GROUPS: readonly EventGroup[] = [
  { id: "order", label: { zh: "订单进度", en: "Order progress" } },
  { id: "sms", label: { zh: "工信部短信核验", en: "MIIT SMS verification" } },
  { id: "deadline", label: { zh: "期限提醒与备案巡检", en: "Deadlines and filing watch" } },
  { id: "psb", label: { zh: "公安联网备案", en: "Public-security filing" } },
];

export const GROUP_IDS = EVENT_GROUPS.map((group) => group.id);

interface EventInfo {
  group: EventGroupId;
  label: LocalizedText;
  urgent?: boolean;
}

const EVENTS: Record<TemplateKey, EventInfo> = {
  "order.submit": { group: "order", label: { zh: "订单已提交初审", en: "Submitted for review" } },
  "order.approve": { group: "order", label: { zh: "初审通过", en: "Passed initial review" } },
  "order.return": { group: "order", label: { zh: "订单被退回修改", en: "Returned for changes" } },
  "order.reject": { group: "order", label: { zh: "初审驳回", en: "Rejected in initial review" } },
  "order.withdraw": { group: "order", label: { zh: "订单已撤销", en: "Withdrawn" } },
  "order.abandon": { group: "order", label: { zh: "订单已放弃", en: "Abandoned" } },
  "order.bureau_received": { group: "order", label: { zh: "已提交管局", en: "With the bureau" } },
  "order.bureau_approved": { group: "order", label: { zh: "管局审核通过", en: "Approved by the bureau" } },
  "order.bureau_rejected": { group: "order", label: { zh: "管局驳回", en: "Rejected by the bureau" } },
  "order.sms_sent": {
    group: "sms",
    label: { zh: "待短信核验", en: "SMS verification pending" },
    urgent: true,
  },
  "order.sms_verified": { group: "sms", label: { zh: "短信核验通过", en: "SMS verified" } },
  "order.sms_timed_out": { group: "sms", label: { zh: "短信核验超时", en: "SMS verification timed out" } },
  "order.sms_failed": { group: "sms", label: { zh: "短信核验失败", en: "SMS verification failed" } },
  "order.reminder": {
    group: "deadline",
    label: { zh: "订单即将过期", en: "Order about to expire" },
    urgent: true,
  },
  "order.expire": { group: "deadline", label: { zh: "订单已过期", en: "Order expired" } },
  "watch.expiring": {
    group: "deadline",
    label: { zh: "证件、域名或服务器即将到期", en: "ID, domain or server expiring" },
    urgent: true,
  },
  "watch.expired": {
    group: "deadline",
    label: { zh: "证件、域名或服务器已过期", en: "ID, domain or server expired" },
    urgent: true,
  },
  "watch.footer_failed": {
    group: "deadline",
    label: { zh: "页脚备案号不合规", en: "Footer not compliant" },
    urgent: true,
  },
  "watch.access_inaccurate": {
    group: "deadline",
    label: { zh: "域名未解析到本接入商", en: "Domain not pointing here" },
    urgent: true,
  },
  "website.psb_reminder": {
    group: "psb",
    label: { zh: "公安备案办理提醒", en: "Public-security filing due" },
    urgent: true,
  },
  "website.psb_overdue": {
    group: "psb",
    label: { zh: "公安备案已逾期", en: "Public-security filing overdue" },
    urgent: true,
  },
  "order.approve.claim": { group: "order", label: { zh: "认领备案已通过", en: "Claim approved" } },
  "order.submit.transfer": { group: "order", label: { zh: "转移备案已发出", en: "Transfer sent" } },
  "order.accept_transfer": { group: "order", label: { zh: "转移备案已完成", en: "Transfer completed" } },
  "order.decline_transfer": { group: "order", label: { zh: "转移备案被拒绝", en: "Transfer declined" } },
  "transfer.incoming": {
    group: "order",
    label: { zh: "有一个备案转移待您接收", en: "A filing transfer awaits you" },
  },
  "transfer.received": {
    group: "order",
    label: { zh: "备案已转入本账号", en: "Filing transferred into this account" },
  },
};

export function isEvent(event: string): event is TemplateKey {
  return Object.hasOwn(EVENTS, event);
}

function infoOf(event: string): EventInfo {
  if (!isEvent(event)) throw new Error(`no notification template "${event}"`);
  return EVENTS[event];
}

export function groupOf(event: string): EventGroupId {
  return infoOf(event).group;
}

export interface EventEntry extends EventInfo {
  event: TemplateKey;
}

/** Every event, in the catalogue's order. */
export const ALL_EVENTS: readonly EventEntry[] = (Object.keys(EVENTS) as TemplateKey[]).map((event) => ({
  event,
  ...EVENTS[event],
}));

/** Defaults: e-mail for everything, texts for what lapses unless someone acts. */
export function defaultChannels(event: string): { email: boolean; sms: boolean } {
  return { email: true, sms: infoOf(event).urgent === true };
}

/** Roles of extra recipients (the people a filing names, and the usual others). */
export const RECIPIENT_ROLES = {
  subject_head: { zh: "主体负责人", en: "Subject head" },
  website_head: { zh: "网站负责人", en: "Website head" },
  technical: { zh: "技术联系人", en: "Technical contact" },
  finance: { zh: "财务", en: "Finance" },
  other: { zh: "其他", en: "Other" },
} as const satisfies Record<string, LocalizedText>;

export type RecipientRole = keyof typeof RECIPIENT_ROLES;

export const ROLE_IDS = Object.keys(RECIPIENT_ROLES) as RecipientRole[];

/** At most this many extra recipients per account (issue 10). */
export const MAX_RECIPIENTS = 15;
