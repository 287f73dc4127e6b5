import type { TemplateParams } from "./templates.ts";

/**
 * SMS templates per notification event, written as SMS providers in China
 * register them: a code, and a text with `${name}` placeholders that the
 * provider fills from the parameters sent with each message. Texts are short,
 * Chinese with the 【OpenBeian】 signature as China's carriers require; the
 * English variant is for the template registry and foreign-language accounts.
 */
export interface SmsTemplate {
  code: string;
  zh: string;
  en: string;
}

const SIGN = "【OpenBeian】";

export const SMS_TEMPLATES: Record<string, SmsTemplate> = {
  "order.submit": {
    code: "OB_ORDER_SUBMIT",
    zh: SIGN + "您的备案订单${orderNumber}已提交初审，审核员可能致电核实，请保持电话畅通。",
    en: "[OpenBeian] Order ${orderNumber} is in initial review; a reviewer may call you.",
  },
  "order.withdraw": {
    code: "OB_ORDER_WITHDRAW",
    zh: SIGN + "备案订单${orderNumber}已撤销，备案服务码已释放。",
    en: "[OpenBeian] Order ${orderNumber} was withdrawn; its service code is free again.",
  },
  "order.abandon": {
    code: "OB_ORDER_ABANDON",
    zh: SIGN + "备案订单${orderNumber}已放弃，备案服务码已释放。",
    en: "[OpenBeian] Order ${orderNumber} was abandoned; its service code is free again.",
  },
  "order.approve": {
    code: "OB_ORDER_APPROVE",
    zh: SIGN + "备案订单${orderNumber}初审通过，已提交管局。请留意工信部核验短信，并在24小时内完成核验。",
    en: "[OpenBeian] Order ${orderNumber} passed initial review. Verify MIIT's SMS within 24 hours.",
  },
  "order.return": {
    code: "OB_ORDER_RETURN",
    zh: SIGN + "备案订单${orderNumber}需要修改，请登录控制台查看退回原因并重新提交。",
    en: "[OpenBeian] Order ${orderNumber} needs changes; log in to see what and submit again.",
  },
  "order.reject": {
    code: "OB_ORDER_REJECT",
    zh: SIGN + "备案订单${orderNumber}初审未通过，请登录控制台查看原因。",
    en: "[OpenBeian] Order ${orderNumber} was rejected in initial review; log in for the reason.",
  },
  "order.sms_sent": {
    code: "OB_ORDER_SMS_PENDING",
    zh:
      SIGN +
      "备案订单${orderNumber}待短信核验：工信部已发送核验短信，请在24小时内完成核验，超时订单将被退回。",
    en: "[OpenBeian] Order ${orderNumber}: MIIT has texted a code; verify it within 24 hours.",
  },
  "order.sms_verified": {
    code: "OB_ORDER_SMS_VERIFIED",
    zh: SIGN + "备案订单${orderNumber}短信核验通过，管局审核中，一般不超过20个工作日。",
    en: "[OpenBeian] Order ${orderNumber}: SMS verified; the bureau reviews within 20 working days.",
  },
  "order.sms_timed_out": {
    code: "OB_ORDER_SMS_TIMEOUT",
    zh: SIGN + "备案订单${orderNumber}短信核验超时，订单已退回接入商，将重新提交。",
    en: "[OpenBeian] Order ${orderNumber}: SMS not verified in time; the provider will resubmit.",
  },
  "order.sms_failed": {
    code: "OB_ORDER_SMS_FAILED",
    zh: SIGN + "备案订单${orderNumber}短信核验失败，请核对手机号码与证件号码。",
    en: "[OpenBeian] Order ${orderNumber}: SMS verification failed; check the mobile and ID numbers.",
  },
  "order.bureau_received": {
    code: "OB_ORDER_BUREAU_RECEIVED",
    zh: SIGN + "备案订单${orderNumber}已提交管局审核。",
    en: "[OpenBeian] Order ${orderNumber} is with the bureau.",
  },
  "order.bureau_approved": {
    code: "OB_ORDER_BUREAU_APPROVED",
    zh: SIGN + "备案订单${orderNumber}已通过管局审核，备案号${number}，请按要求在网站或App中展示。",
    en: "[OpenBeian] Order ${orderNumber} is approved, number ${number}; show it as required.",
  },
  "order.bureau_rejected": {
    code: "OB_ORDER_BUREAU_REJECTED",
    zh: SIGN + "备案订单${orderNumber}被管局驳回，请登录控制台查看原因并修改。",
    en: "[OpenBeian] Order ${orderNumber} was rejected by the bureau; log in for the reasons.",
  },
  "order.expire": {
    code: "OB_ORDER_EXPIRE",
    zh: SIGN + "备案订单${orderNumber}超过45天未更新，已被清理。",
    en: "[OpenBeian] Order ${orderNumber} was not updated for 45 days and was cleaned up.",
  },
  "order.reminder": {
    code: "OB_ORDER_REMINDER",
    zh: SIGN + "备案订单${orderNumber}将于${date}过期（剩${days}天），请及时完善并提交。",
    en: "[OpenBeian] Order ${orderNumber} expires on ${date} (${days} days left); submit it before then.",
  },
  "website.psb_reminder": {
    code: "OB_PSB_REMINDER",
    zh: SIGN + "网站${domain}须在${date}前办理公安联网备案（剩${days}天），详见控制台“我的网站”。",
    en: "[OpenBeian] File ${domain} with the public security bureau by ${date} (${days} days left).",
  },
  "website.psb_overdue": {
    code: "OB_PSB_OVERDUE",
    zh: SIGN + "网站${domain}的公安联网备案已于${date}逾期，请尽快办理并登记备案号。",
    en: "[OpenBeian] The public-security filing of ${domain} was due on ${date}; file it now.",
  },
  "watch.expiring": {
    code: "OB_WATCH_EXPIRING",
    zh: SIGN + "已备案网站${domain}的${item}将于${date}到期，请及时续期并办理变更。",
    en: "[OpenBeian] The ${item} of ${domain} expires on ${date}; renew it and file a change.",
  },
  "watch.expired": {
    code: "OB_WATCH_EXPIRED",
    zh: SIGN + "已备案网站${domain}的${item}已于${date}过期，请尽快续期并办理变更。",
    en: "[OpenBeian] The ${item} of ${domain} expired on ${date}; renew it and file a change.",
  },
  "watch.footer_failed": {
    code: "OB_WATCH_FOOTER",
    zh: SIGN + "网站${domain}首页页脚备案号检查未通过，请在${date}前修改。",
    en: "[OpenBeian] The footer of ${domain} failed the check; fix it by ${date}.",
  },
  "watch.access_inaccurate": {
    code: "OB_WATCH_ACCESS",
    zh: SIGN + "已备案域名${domain}未解析到本接入商，请在${date}前恢复解析，否则将取消接入。",
    en: "[OpenBeian] ${domain} no longer points at this provider; point it back by ${date}.",
  },
};

/** A notification without a template of its own (one added later): a pointer to the portal. */
export const GENERIC_SMS: SmsTemplate = {
  code: "OB_GENERIC",
  zh: SIGN + "您有一条新的备案通知：${title}，请登录控制台查看。",
  en: "[OpenBeian] New filing notice: ${title}. Log in for details.",
};

/** A text the regulator sends to a person through the platform (MIIT's verification code), as it came. */
export const RELAY_SMS: SmsTemplate = { code: "OB_MIIT_RELAY", zh: "${content}", en: "${content}" };

export interface RenderedSms {
  templateCode: string;
  params: Record<string, string>;
  text: string;
}

/** The template's parameters from a notification's, then the Chinese text filled in. */
export function renderSms(event: string, params: TemplateParams, title: string): RenderedSms {
  const template = SMS_TEMPLATES[event] ?? GENERIC_SMS;
  const values: Record<string, string> = {
    orderNumber: params.orderNumber ?? "",
    domain: params.domain ?? "",
    date: params.expiresOn ?? "",
    days: params.daysLeft === undefined ? "" : String(params.daysLeft),
    item: params.item?.zh ?? "",
    number: params.appNumber ?? params.websiteNumbers?.[0] ?? params.subjectNumber ?? "",
    title,
  };
  return fill(template, values);
}

export function relaySms(content: string): RenderedSms {
  return fill(RELAY_SMS, { content });
}

function fill(template: SmsTemplate, values: Record<string, string>): RenderedSms {
  const names = placeholders(template.zh);
  const params = Object.fromEntries(names.map((name) => [name, values[name] ?? ""]));
  return {
    templateCode: template.code,
    params,
    text: template.zh.replace(/\$\{(\w+)\}/g, (_match, name: string) => params[name] ?? ""),
  };
}

export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]!))];
}
