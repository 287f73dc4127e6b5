import { phoneDigits } from "@openbeian/core";
import { maskText } from "../audit/mask.ts";
import type { AppContext } from "../platform/context.ts";
import type { Tx } from "../platform/db.ts";
import { groupOf } from "./events.ts";
import { queueEmail } from "./mail.ts";
import type { Email } from "./mail-message.ts";
import type { NotifyPayload } from "./outbox.ts";
import { channelsFor, loadSettings } from "./preferences.ts";
import { loadRecipients } from "./recipients.ts";
import { queueSms } from "./sms-jobs.ts";
import { renderSms } from "./sms-templates.ts";
import type { Rendered } from "./templates.ts";

/**
 * From one notification to the people it concerns, inside the notify job's
 * transaction: one mail job per address and one SMS job per phone, so each is
 * sent, retried and given up on its own. Who: the account's users by e-mail and
 * the account's mobile by SMS as its preferences say for this event, and every
 * extra recipient given this event's group on that channel. An address or a
 * phone is told once even when it appears twice.
 */
export async function fanOut(
  ctx: AppContext,
  trx: Tx,
  payload: NotifyPayload,
  rendered: Rendered,
  now: number,
): Promise<{ emails: number; texts: number }> {
  const event = payload.template;
  const group = groupOf(event);
  const settings = await loadSettings(trx, ctx, payload.accountId);
  const channels = channelsFor(settings, event);
  const addresses = new Set<string>();
  const phones = new Set<string>();

  if (channels.email) {
    const users = await trx
      .selectFrom("app_user")
      .select("email")
      .where("account_id", "=", payload.accountId)
      .where("disabled_at", "is", null)
      .execute();
    for (const user of users) addresses.add(user.email.toLowerCase());
  }
  if (channels.sms && settings.phone) phones.add(phoneDigits(settings.phone));
  for (const recipient of await loadRecipients(trx, ctx, payload.accountId)) {
    if (recipient.email && recipient.emailGroups.includes(group)) addresses.add(recipient.email);
    if (recipient.phone && recipient.smsGroups.includes(group)) phones.add(phoneDigits(recipient.phone));
  }

  const email: Omit<Email, "to"> = {
    subject: rendered.title,
    // Reviewers' reasons are free text: an ID or phone number typed there is masked.
    body: { zh: maskText(rendered.body.zh), en: maskText(rendered.body.en) },
    ...(payload.orderId ? { orderNumber: payload.params.orderNumber } : {}),
    ...linkOf(ctx, payload),
  };
  for (const to of addresses) await queueEmail(trx, ctx.cipher, { ...email, to }, now);
  if (phones.size > 0) {
    const sms = renderSms(event, payload.params, rendered.title.zh);
    for (const phone of phones) await queueSms(trx, ctx.cipher, phone, sms, now);
  }
  return { emails: addresses.size, texts: phones.size };
}

/** The portal page concerned: 我的网站 for a website's duties, else the order's page. */
function linkOf(ctx: AppContext, payload: NotifyPayload): { link?: string } {
  const base = ctx.linkBaseUrl;
  if (!base) return {};
  if (/^(website|watch)\./.test(payload.template)) return { link: `${base}/websites` };
  if (payload.orderId) return { link: `${base}/orders/${encodeURIComponent(payload.orderId)}` };
  return { link: base };
}
