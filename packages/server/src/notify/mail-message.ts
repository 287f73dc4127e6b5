import type { LocalizedText } from "@openbeian/core";
import type { OutgoingMail } from "./mail-transport.ts";

/** An e-mail as the platform writes it: both languages, the order concerned, a link. */
export interface Email {
  to: string;
  subject: LocalizedText;
  body: LocalizedText;
  /** The order concerned, named in both languages. */
  orderNumber?: string;
  /** The portal page concerned (the order's page). */
  link?: string;
}

/**
 * The message itself: a text part and a simple HTML part, Chinese first, then
 * English. The subject carries both as the development mailbox always showed
 * them. Bodies come from the notification templates and hold no ID or phone
 * numbers (free-text reasons are masked before they get here).
 */
export function composeEmail(email: Email, from: string, messageId: string): OutgoingMail {
  const zh = section(email.body.zh, email.orderNumber, email.link, ZH);
  const en = section(email.body.en, email.orderNumber, email.link, EN);
  return {
    messageId,
    from,
    to: email.to,
    subject: `${email.subject.zh} / ${email.subject.en}`,
    text: [...zh, "", ...en, "", "—", `${ZH.footer}`, `${EN.footer}`].join("\n"),
    html: html(email),
  };
}

/** `<id@domain>` with the sender's domain, as RFC 5322 wants it globally unique. */
export function messageIdFor(id: string, from: string): string {
  const domain = /@([^\s<>@]+)>?\s*$/.exec(from)?.[1] ?? "localhost";
  return `<${id}@${domain}>`;
}

interface Labels {
  order: string;
  open: string;
  footer: string;
}

const ZH: Labels = {
  order: "订单号：",
  open: "查看详情：",
  footer: "OpenBeian ICP代备案管理系统 · 本邮件由系统自动发送，请勿直接回复。",
};
const EN: Labels = {
  order: "Order: ",
  open: "Details: ",
  footer: "OpenBeian ICP filing platform · sent automatically, please do not reply.",
};

function section(body: string, orderNumber: string | undefined, link: string | undefined, labels: Labels) {
  return [
    body,
    ...(orderNumber ? [`${labels.order}${orderNumber}`] : []),
    ...(link ? [`${labels.open}${link}`] : []),
  ];
}

function html(email: Email): string {
  const part = (lang: "zh" | "en", labels: Labels) => {
    const paragraphs = email.body[lang]
      .split("\n")
      .filter(Boolean)
      .map((line) => `<p style="margin:0 0 8px">${linkify(escapeHtml(line))}</p>`)
      .join("");
    const order = email.orderNumber
      ? `<p style="margin:0 0 8px">${escapeHtml(labels.order)}<strong>${escapeHtml(email.orderNumber)}</strong></p>`
      : "";
    const link = email.link
      ? `<p style="margin:12px 0"><a href="${escapeHtml(email.link)}" style="color:#1677ff">${escapeHtml(labels.open)}${escapeHtml(email.link)}</a></p>`
      : "";
    return `<div lang="${lang === "zh" ? "zh-CN" : "en"}"><h2 style="font-size:16px;margin:0 0 12px">${escapeHtml(email.subject[lang])}</h2>${paragraphs}${order}${link}</div>`;
  };
  return (
    '<!doctype html><html><head><meta charset="utf-8"></head>' +
    "<body style=\"font-family:-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;color:#1f1f1f;line-height:1.6\">" +
    part("zh", ZH) +
    '<hr style="border:none;border-top:1px solid #eee;margin:20px 0">' +
    part("en", EN) +
    `<p style="color:#8c8c8c;font-size:12px;margin-top:24px">${escapeHtml(ZH.footer)}<br>${escapeHtml(EN.footer)}</p>` +
    "</body></html>"
  );
}

/** Links written in a template's text (https://beian.miit.gov.cn/, a reset link) become clickable. */
function linkify(escaped: string): string {
  return escaped.replace(/https?:\/\/[^\s<>"'，。；）]+/g, (url) => `<a href="${url}">${url}</a>`);
}

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
