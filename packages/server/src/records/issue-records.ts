import {
  ALL_PROVINCE_RULE_ROWS,
  AppError,
  parseIcpNumber,
  resolveProvinceRules,
  footerNumber,
  footerSnippet,
  psbClock,
  type IssuedNumbers,
  type OrderData,
  type Subject,
  type Website,
} from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import type { Tx } from "../platform/db.ts";
import { newId } from "../platform/ids.ts";
import { activeOverrides } from "../rules/overrides.ts";
import { nameInitials } from "../lookup/initials.ts";
import { indexSubjectMobiles } from "./contacts.ts";
import { schedulePsbReminders } from "./psb-reminders.ts";
import type { FilingOrderTable } from "../platform/schema.ts";

/**
 * Writes the filed records when the bureau approves: the subject with its
 * subject number and each website with its website number. Personal data is
 * encrypted; the certificate gets a blind index so one certificate maps to one subject.
 */
export async function issueRecords(
  ctx: AppContext,
  trx: Tx,
  order: FilingOrderTable,
  data: OrderData,
  numbers: IssuedNumbers,
  now: number,
) {
  const subject = data.subject ?? {};
  const certificate = (subject.certificateNumber ?? "").toUpperCase();
  const certificateHash = ctx.cipher.blindIndex(certificate);
  const existing = await trx
    .selectFrom("subject")
    .select(["id", "account_id"])
    // Every key of the ring: during a key rotation some subjects still carry a previous key's index.
    .where("certificate_hash", "in", ctx.cipher.blindIndexes(certificate))
    .executeTakeFirst();
  if (existing && existing.account_id !== order.account_id)
    throw new AppError("VALIDATION_FAILED", { field: "subject", problem: "filed under another account" });
  const subjectId = existing?.id ?? newId();
  if (!existing) {
    await trx
      .insertInto("subject")
      .values({
        id: subjectId,
        account_id: order.account_id,
        type: subject.type ?? "personal",
        ...subjectColumns(ctx, subject),
        certificate_type: subject.certificateType ?? "resident_id",
        certificate_enc: ctx.cipher.encrypt(certificate),
        certificate_hash: certificateHash,
        subject_number: numbers.subjectNumber,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  await indexSubjectMobiles(ctx, trx, subjectId, data);
  for (const website of data.websites ?? []) {
    const domain = (website.domain ?? "").toLowerCase();
    const websiteNumber = numbers.websiteNumbers[domain];
    if (!websiteNumber)
      throw new AppError("VALIDATION_FAILED", {
        field: `numbers.websiteNumbers.${domain}`,
        problem: "missing",
      });
    const websiteId = newId();
    await trx
      .insertInto("website")
      .values({
        id: websiteId,
        subject_id: subjectId,
        account_id: order.account_id,
        order_id: order.id,
        domain,
        ...websiteColumns(ctx, website),
        pre_approvals: JSON.stringify([]),
        ...(await accessColumns(trx, website.serviceCode ?? "")),
        website_number: websiteNumber,
        status: "filed",
        opened_on: null,
        psb_number: null,
        psb_recorded_at: null,
        created_at: now,
      })
      .execute();
    await schedulePsbReminders(trx, { id: websiteId, filedAt: now, openedOn: null }, now);
  }
}

/** A subject record's columns from its filing data (also what a change rewrites); personal data encrypted. */
export function subjectColumns(ctx: AppContext, subject: Subject) {
  const head = subject.head ?? {};
  return {
    name: subject.name ?? "",
    name_initials: nameInitials(subject.name ?? ""),
    division_code: subject.divisionCode ?? "",
    address: subject.address ?? "",
    head_name: head.name ?? "",
    head_mobile_enc: ctx.cipher.encrypt(head.mobile ?? ""),
    head_emergency_enc: ctx.cipher.encrypt(head.emergencyPhone ?? ""),
    head_email: head.email ?? "",
  };
}

/** A website record's access columns: the service code and the server it belongs to (empty when unknown). */
export async function accessColumns(trx: Tx, code: string) {
  const access = await trx
    .selectFrom("service_code")
    .innerJoin("server", "server.id", "service_code.server_id")
    .select(["server.id as server_id", "server.public_ip"])
    .where("service_code.code", "=", code)
    .executeTakeFirst();
  return { service_code: code, server_id: access?.server_id ?? "", ip: access?.public_ip ?? "" };
}

/** A website record's columns from its filing data (also what a change rewrites); personal data encrypted. */
export function websiteColumns(ctx: AppContext, website: Website) {
  const head = website.head ?? {};
  return {
    name: website.name ?? "",
    home_url: website.homeUrl ?? `http://${(website.domain ?? "").toLowerCase()}`,
    service_content: website.serviceContent ?? "other",
    languages: JSON.stringify(website.languages ?? ["zh-CN"]),
    remark: website.remark ?? "",
    head_name: head.name ?? "",
    head_certificate_enc: ctx.cipher.encrypt((head.certificateNumber ?? "").toUpperCase()),
    head_mobile_enc: ctx.cipher.encrypt(head.mobile ?? ""),
    head_emergency_enc: ctx.cipher.encrypt(head.emergencyPhone ?? ""),
    head_email: head.email ?? "",
  };
}

export async function recordsOfOrder(ctx: AppContext, orderId: string) {
  const websites = await ctx.db
    .selectFrom("website")
    .innerJoin("subject", "subject.id", "website.subject_id")
    .select([
      "website.domain",
      "website.website_number",
      "website.name",
      "website.created_at",
      "website.opened_on",
      "website.psb_number",
      "subject.subject_number",
    ])
    .where("website.order_id", "=", orderId)
    .orderBy("website.website_number")
    .execute();
  if (websites.length === 0) return null;
  // Which number the footer shows is province data (and an administrator may override it).
  const province = parseIcpNumber(websites[0]?.subject_number ?? "")?.province.code ?? "*";
  const display = resolveProvinceRules(
    ALL_PROVINCE_RULE_ROWS,
    province,
    ctx.clock.now(),
    await activeOverrides(ctx.db),
  ).rules.siteNumberDisplay;
  const filedAt = Math.min(...websites.map((website) => website.created_at));
  // The order's public-security clock is its most pressing website's (see records/websites.ts).
  const now = ctx.clock.now().getTime();
  const clocks = websites.map((website) =>
    psbClock(
      { filedAt: website.created_at, openedOn: website.opened_on, psbNumber: website.psb_number },
      now,
    ),
  );
  const pending = clocks.filter((clock) => clock.state !== "recorded").sort((a, b) => a.dueAt - b.dueAt);
  const clock = pending[0] ?? clocks[0]!;
  return {
    subjectNumber: websites[0]?.subject_number ?? "",
    filedAt: new Date(filedAt).toISOString(),
    psbDueAt: new Date(clock.dueAt).toISOString(),
    psbDueOn: clock.dueOn,
    psbDaysLeft: pending.length > 0 ? clock.daysLeft : null,
    psbState: pending.length > 0 ? clock.state : "recorded",
    websites: websites.map((website) => ({
      domain: website.domain,
      name: website.name,
      websiteNumber: website.website_number,
      footerNumber: footerNumber(website.website_number, display),
      footerSnippet: footerSnippet(website.website_number, display),
    })),
  };
}
