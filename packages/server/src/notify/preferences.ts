import { AppError, checkPhone, maskPhone } from "@openbeian/core";
import { writeAudit } from "../audit/audit-log.ts";
import type { Viewer } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import type { Executor } from "../platform/db.ts";
import { ALL_EVENTS, defaultChannels, EVENT_GROUPS, isEvent } from "./events.ts";

/**
 * An account's channel choices per notification event. The in-app inbox always
 * gets everything; e-mail (to every user of the account) and SMS (to the
 * account's mobile) are chosen per event. No row, or an event left out of it,
 * means the defaults, so events added later start with theirs.
 */
export interface ChannelChoice {
  email: boolean;
  sms: boolean;
}

export interface AccountSettings {
  /** Events left out (or never chosen) keep their defaults. */
  choices: Partial<Record<string, ChannelChoice>>;
  /** The account's mobile for texts, decrypted; null when none is set. */
  phone: string | null;
}

export async function loadSettings(
  executor: Executor,
  ctx: Pick<AppContext, "cipher">,
  accountId: string,
): Promise<AccountSettings> {
  const row = await executor
    .selectFrom("notification_settings")
    .select(["channels", "phone_enc"])
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  return {
    choices: row ? (JSON.parse(row.channels) as AccountSettings["choices"]) : {},
    phone: row?.phone_enc ? ctx.cipher.decrypt(row.phone_enc) : null,
  };
}

export function channelsFor(settings: AccountSettings, event: string): ChannelChoice {
  return settings.choices[event] ?? defaultChannels(event);
}

export async function getPreferences(ctx: AppContext, accountId: string) {
  return presentPreferences(await loadSettings(ctx.db, ctx, accountId));
}

export interface PreferencesInput {
  events?: Partial<Record<string, ChannelChoice>>;
  /** The account's mobile for texts; null removes it, absent keeps it. */
  phone?: string | null;
}

export async function savePreferences(ctx: AppContext, viewer: Viewer, input: PreferencesInput) {
  const now = ctx.clock.now().getTime();
  const phone = input.phone === undefined || input.phone === null ? input.phone : mobileOrThrow(input.phone);
  for (const event of Object.keys(input.events ?? {})) {
    // The route's schema lists the events; this guards callers other than the route.
    if (!isEvent(event))
      throw new AppError("VALIDATION_FAILED", [{ field: `events.${event}`, problem: "unknown" }]);
  }
  const saved = await ctx.db.transaction().execute(async (trx) => {
    const current = await loadSettings(trx, ctx, viewer.accountId);
    const choices = { ...current.choices, ...input.events };
    // A phone left out keeps the stored one (the column is not written).
    const phoneColumn = phone === undefined ? {} : { phone_enc: phone && ctx.cipher.encrypt(phone) };
    const values = { channels: JSON.stringify(choices), ...phoneColumn, updated_at: now };
    await trx
      .insertInto("notification_settings")
      .values({ account_id: viewer.accountId, phone_enc: null, ...values })
      .onConflict((conflict) => conflict.column("account_id").doUpdateSet(values))
      .execute();
    await writeAudit(trx, {
      at: now,
      actorKind: "applicant",
      actorUserId: viewer.userId,
      accountId: viewer.accountId,
      entity: "account",
      entityId: viewer.accountId,
      action: "notification.preferences",
      detail: { events: Object.keys(input.events ?? {}).length, phoneChanged: phone !== undefined },
    });
    return { choices, phone: phone === undefined ? current.phone : phone };
  });
  // What was just written, presented without reading it back.
  return presentPreferences(saved);
}

/** A mainland mobile in its 11-digit form, or the stable error. */
export function mobileOrThrow(input: string): string {
  const checked = checkPhone(input.trim(), "mobile");
  if (!checked.ok || !checked.normalized) throw new AppError("NOTIFICATION_PHONE_INVALID");
  return checked.normalized;
}

function presentPreferences(settings: AccountSettings) {
  return {
    phoneMasked: settings.phone ? maskPhone(settings.phone) : null,
    groups: EVENT_GROUPS.map((group) => ({
      id: group.id,
      label: group.label,
      events: ALL_EVENTS.filter((entry) => entry.group === group.id).map((entry) => ({
        event: entry.event,
        label: entry.label,
        urgent: entry.urgent === true,
        inApp: true,
        ...channelsFor(settings, entry.event),
      })),
    })),
  };
}
