import { AppError, isEmail, maskPhone } from "@openbeian/core";
import { writeAudit } from "../audit/audit-log.ts";
import type { Viewer } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import type { Executor } from "../platform/db.ts";
import { newId } from "../platform/ids.ts";
import type { NotificationRecipientTable } from "../platform/schema.ts";
import { MAX_RECIPIENTS, type EventGroupId, type RecipientRole } from "./events.ts";
import { mobileOrThrow } from "./preferences.ts";

/**
 * Extra people an account has told about its filing (up to 15): the heads the
 * filing names, a technical contact, finance. Each gets the event groups it was
 * given, by e-mail and by SMS. Contacts are encrypted at rest; lists show the
 * mobile masked. Another account's recipient is "not found".
 */
export interface Recipient {
  id: string;
  name: string;
  role: RecipientRole;
  email: string | null;
  phone: string | null;
  emailGroups: EventGroupId[];
  smsGroups: EventGroupId[];
  createdAt: number;
}

export interface RecipientInput {
  name: string;
  role: RecipientRole;
  email?: string | null;
  phone?: string | null;
  emailGroups: EventGroupId[];
  smsGroups: EventGroupId[];
}

export async function loadRecipients(
  executor: Executor,
  ctx: Pick<AppContext, "cipher">,
  accountId: string,
): Promise<Recipient[]> {
  const rows = await executor
    .selectFrom("notification_recipient")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("id")
    .execute();
  return rows.map((row) => fromRow(ctx, row));
}

export async function listRecipients(ctx: AppContext, accountId: string) {
  return (await loadRecipients(ctx.db, ctx, accountId)).map(presentRecipient);
}

export async function addRecipient(ctx: AppContext, viewer: Viewer, input: RecipientInput) {
  const now = ctx.clock.now().getTime();
  const recipient = checked(input);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    // The account row's lock makes concurrent additions count one after another (PostgreSQL);
    // SQLite has one writer at a time anyway.
    let lock = trx.selectFrom("account").select("id").where("id", "=", viewer.accountId);
    if (ctx.engine === "postgres") lock = lock.forUpdate();
    await lock.executeTakeFirst();
    const { count } = await trx
      .selectFrom("notification_recipient")
      .select((eb) => eb.fn.countAll<number | string>().as("count"))
      .where("account_id", "=", viewer.accountId)
      .executeTakeFirstOrThrow();
    if (Number(count) >= MAX_RECIPIENTS)
      throw new AppError("RECIPIENT_LIMIT_REACHED", { limit: MAX_RECIPIENTS });
    await trx
      .insertInto("notification_recipient")
      .values({
        id,
        account_id: viewer.accountId,
        ...toColumns(ctx, recipient),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await audit(trx, viewer, id, "recipient.add", now);
  });
  return presentRecipient({ id, ...recipient, createdAt: now });
}

export async function updateRecipient(
  ctx: AppContext,
  viewer: Viewer,
  id: string,
  patch: Partial<RecipientInput>,
) {
  const now = ctx.clock.now().getTime();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("notification_recipient")
      .selectAll()
      .where("id", "=", id)
      .where("account_id", "=", viewer.accountId)
      .executeTakeFirst();
    if (!row) throw new AppError("NOT_FOUND");
    const current = fromRow(ctx, row);
    const next = checked({
      name: patch.name ?? current.name,
      role: patch.role ?? current.role,
      email: patch.email === undefined ? current.email : patch.email,
      // A phone left out keeps the stored one: lists only ever show it masked.
      phone: patch.phone === undefined ? current.phone : patch.phone,
      emailGroups: patch.emailGroups ?? current.emailGroups,
      smsGroups: patch.smsGroups ?? current.smsGroups,
    });
    await trx
      .updateTable("notification_recipient")
      .set({ ...toColumns(ctx, next), updated_at: now })
      .where("id", "=", id)
      .execute();
    await audit(trx, viewer, id, "recipient.update", now);
    return presentRecipient({ id, ...next, createdAt: current.createdAt });
  });
}

export async function deleteRecipient(ctx: AppContext, viewer: Viewer, id: string): Promise<void> {
  const now = ctx.clock.now().getTime();
  await ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .deleteFrom("notification_recipient")
      .where("id", "=", id)
      .where("account_id", "=", viewer.accountId)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new AppError("NOT_FOUND");
    await audit(trx, viewer, id, "recipient.delete", now);
  });
}

type Checked = Omit<Recipient, "id" | "createdAt">;

function checked(input: RecipientInput): Checked {
  const name = input.name.trim();
  if (!name) throw new AppError("VALIDATION_FAILED", [{ field: "name", problem: "required" }]);
  const email = input.email?.trim().toLowerCase() || null;
  if (email && !isEmail(email))
    throw new AppError("VALIDATION_FAILED", [{ field: "email", problem: "format" }]);
  const phone = input.phone?.trim() ? mobileOrThrow(input.phone) : null;
  const emailGroups = [...new Set(input.emailGroups)];
  const smsGroups = [...new Set(input.smsGroups)];
  if (!email && !phone) throw new AppError("RECIPIENT_CONTACT_MISSING");
  if ((emailGroups.length > 0 && !email) || (smsGroups.length > 0 && !phone)) {
    throw new AppError("RECIPIENT_CONTACT_MISSING");
  }
  return { name, role: input.role, email, phone, emailGroups, smsGroups };
}

function toColumns(ctx: AppContext, recipient: Checked) {
  return {
    name: recipient.name,
    role: recipient.role,
    email_enc: recipient.email && ctx.cipher.encrypt(recipient.email),
    phone_enc: recipient.phone && ctx.cipher.encrypt(recipient.phone),
    email_groups: JSON.stringify(recipient.emailGroups),
    sms_groups: JSON.stringify(recipient.smsGroups),
  };
}

function fromRow(ctx: Pick<AppContext, "cipher">, row: NotificationRecipientTable): Recipient {
  return {
    id: row.id,
    name: row.name,
    role: row.role as RecipientRole,
    email: row.email_enc ? ctx.cipher.decrypt(row.email_enc) : null,
    phone: row.phone_enc ? ctx.cipher.decrypt(row.phone_enc) : null,
    emailGroups: JSON.parse(row.email_groups) as EventGroupId[],
    smsGroups: JSON.parse(row.sms_groups) as EventGroupId[],
    createdAt: row.created_at,
  };
}

/** The owner sees the address (to correct it) but the mobile only masked. */
function presentRecipient(recipient: Recipient) {
  return {
    id: recipient.id,
    name: recipient.name,
    role: recipient.role,
    email: recipient.email,
    phoneMasked: recipient.phone ? maskPhone(recipient.phone) : null,
    emailGroups: recipient.emailGroups,
    smsGroups: recipient.smsGroups,
    createdAt: new Date(recipient.createdAt).toISOString(),
  };
}

function audit(trx: Executor, viewer: Viewer, id: string, action: string, now: number) {
  return writeAudit(trx, {
    at: now,
    actorKind: "applicant",
    actorUserId: viewer.userId,
    accountId: viewer.accountId,
    entity: "notification_recipient",
    entityId: id,
    action,
  });
}
