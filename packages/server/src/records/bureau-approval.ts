import {
  AppError,
  ORDER_KIND_RULES,
  type IssuedNumbers,
  type OrderData,
  type Website,
} from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import type { Tx } from "../platform/db.ts";
import { newId } from "../platform/ids.ts";
import type { FilingOrderTable } from "../platform/schema.ts";
import { indexSubjectMobiles } from "./contacts.ts";
import { domainKey, filingOfSubject } from "./current-filing.ts";
import { accessColumns, issueRecords, subjectColumns, websiteColumns } from "./issue-records.ts";
import { cancelPsbReminders } from "./psb-reminders.ts";

/**
 * What the bureau's approval does to the records, per kind of order (fact base
 * §1.2–1.6): a first filing or an added website gets its numbers; a change
 * rewrites the subject and its websites and cancels the domains it removed; a
 * cancellation retires numbers for good (cancelled websites stay on record as
 * cancelled, so a number is never issued twice and the gate blocks the domain);
 * an access cancellation leaves the filing at MIIT but takes the site off this
 * provider. The subject's `filing_enc` follows, so the next order starts from it.
 */
export async function applyBureauApproval(
  ctx: AppContext,
  trx: Tx,
  order: FilingOrderTable,
  data: OrderData,
  numbers: IssuedNumbers | undefined,
  now: number,
): Promise<void> {
  if (order.type === "app") {
    if (!numbers?.appNumber)
      throw new AppError("VALIDATION_FAILED", { field: "numbers.appNumber", problem: "required" });
    await recordApp(ctx, trx, order, data, numbers.appNumber, now);
    return;
  }
  // 新增接入 issues nothing, but the bureau answers with the numbers the website keeps.
  if (ORDER_KIND_RULES[order.type].issuesNumbers || order.type === "add_access") {
    if (!numbers) throw new AppError("VALIDATION_FAILED", { field: "numbers", problem: "required" });
    await issueRecords(ctx, trx, order, data, numbers, now);
    await saveFiling(ctx, trx, order.account_id, (filed) =>
      order.type === "first_filing" || !filed
        ? data
        : { ...filed, websites: [...(filed.websites ?? []), ...(data.websites ?? [])] },
    );
    return;
  }
  const subjectId = order.subject_id;
  if (!subjectId) throw new AppError("VALIDATION_FAILED", { field: "subject_id", problem: "required" });
  switch (order.type) {
    case "change":
      await applyChange(ctx, trx, subjectId, data, now);
      return;
    case "cancel_subject":
      await retireWebsites(trx, subjectId, null, "cancelled", now);
      await cancelSubject(trx, subjectId, now);
      return;
    case "cancel_website":
    case "cancel_access": {
      const websiteId = order.target_website_id;
      if (!websiteId)
        throw new AppError("VALIDATION_FAILED", { field: "target_website_id", problem: "required" });
      const status = order.type === "cancel_website" ? "cancelled" : "access_cancelled";
      await retireWebsites(trx, subjectId, websiteId, status, now);
      const left = await trx
        .selectFrom("website")
        .select("id")
        .where("subject_id", "=", subjectId)
        .where("status", "=", "filed")
        .execute();
      // A subject with no service left is cancelled with its last website (注销最后一个网站即注销主体).
      if (order.type === "cancel_website" && left.length === 0) await cancelSubject(trx, subjectId, now);
      await saveFiling(ctx, trx, order.account_id, (filed) => filed);
      return;
    }
    default:
      throw new AppError("ORDER_KIND_NOT_AVAILABLE", { type: order.type });
  }
}

/** A filed app under the order's subject, with its -NA number. */
async function recordApp(
  ctx: AppContext,
  trx: Tx,
  order: FilingOrderTable,
  data: OrderData,
  appNumber: string,
  now: number,
) {
  if (!order.subject_id)
    throw new AppError("VALIDATION_FAILED", { field: "subject_id", problem: "required" });
  const app = data.app ?? {};
  await trx
    .insertInto("app_record")
    .values({
      id: newId(),
      subject_id: order.subject_id,
      account_id: order.account_id,
      order_id: order.id,
      name: app.name ?? "",
      platforms: JSON.stringify(app.platforms ?? []),
      data_enc: ctx.cipher.encryptJson(app),
      app_number: appNumber,
      status: "filed",
      created_at: now,
      cancelled_at: null,
    })
    .execute();
}

/** Rewrites the subject and its websites from the changed filing; removed domains are cancelled. */
async function applyChange(ctx: AppContext, trx: Tx, subjectId: string, data: OrderData, now: number) {
  await trx
    .updateTable("subject")
    .set({
      ...subjectColumns(ctx, data.subject ?? {}),
      filing_enc: ctx.cipher.encryptJson(data),
      updated_at: now,
    })
    .where("id", "=", subjectId)
    .execute();
  await indexSubjectMobiles(ctx, trx, subjectId, data);
  const websites = await trx
    .selectFrom("website")
    .select(["id", "domain", "service_code"])
    .where("subject_id", "=", subjectId)
    .where("status", "=", "filed")
    .execute();
  const kept = new Map((data.websites ?? []).map((website) => [domainKey(website.domain), website]));
  for (const row of websites) {
    const website = kept.get(row.domain);
    if (!website) {
      await retireWebsites(trx, subjectId, row.id, "cancelled", now);
      continue;
    }
    await trx
      .updateTable("website")
      .set({ ...websiteColumns(ctx, website), ...(await changedAccess(trx, website, row.service_code)) })
      .where("id", "=", row.id)
      .execute();
  }
}

/** A change of access (变更接入): the website moves to the server of its new service code. */
async function changedAccess(trx: Tx, website: Website, previousCode: string) {
  const code = website.serviceCode ?? "";
  if (!code || code === previousCode) return {};
  return accessColumns(trx, code);
}

/** Takes websites off the filing: one (`websiteId`) or all of the subject's; their reminders and findings end. */
async function retireWebsites(
  trx: Tx,
  subjectId: string,
  websiteId: string | null,
  status: "cancelled" | "access_cancelled",
  now: number,
) {
  let query = trx
    .selectFrom("website")
    .select("id")
    .where("subject_id", "=", subjectId)
    .where("status", "=", "filed");
  if (websiteId !== null) query = query.where("id", "=", websiteId);
  const retired = await query.execute();
  for (const { id } of retired) {
    await trx.updateTable("website").set({ status, cancelled_at: now }).where("id", "=", id).execute();
    await cancelPsbReminders(trx, id, now);
    await trx
      .updateTable("watch_finding")
      .set({ resolved_at: now })
      .where("website_id", "=", id)
      .where("resolved_at", "is", null)
      .execute();
  }
}

async function cancelSubject(trx: Tx, subjectId: string, now: number) {
  await trx
    .updateTable("subject")
    .set({ status: "cancelled", cancelled_at: now, updated_at: now })
    .where("id", "=", subjectId)
    .execute();
}

/**
 * Keeps `filing_enc` equal to the filing as it now stands: `next` gets the filing
 * as recorded, limited to the websites still filed here (new ones not yet in it).
 */
export async function saveFiling(
  ctx: AppContext,
  trx: Tx,
  accountId: string,
  next: (filed: OrderData | null) => OrderData | null,
) {
  const subject = await trx
    .selectFrom("subject")
    .select(["id", "subject_number", "filing_enc"])
    .where("account_id", "=", accountId)
    .where("status", "=", "filed")
    .executeTakeFirst();
  if (!subject) return;
  const data = next((await filingOfSubject(ctx, trx, subject))?.data ?? null);
  if (!data) return;
  await trx
    .updateTable("subject")
    .set({ filing_enc: ctx.cipher.encryptJson(data) })
    .where("id", "=", subject.id)
    .execute();
}
