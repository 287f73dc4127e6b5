import {
  AppError,
  checkOpeningDay,
  checkPsbNumber,
  psbClock,
  psbFooterSnippet,
  REGIONS,
  type LocalizedText,
} from "@openbeian/core";
import { writeAudit } from "../audit/audit-log.ts";
import type { Viewer } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import type { Executor } from "../platform/db.ts";
import { presentFooterCheck } from "../footer/footer-view.ts";
import { cancelPsbReminders, schedulePsbReminders } from "./psb-reminders.ts";

/**
 * An account's filed websites after approval, with the public-security filing
 * clock of each (fact base §5.5, §8): the card of access-provider data the
 * public-security form asks for, recording the opening day (which moves the
 * deadline and its reminders) and recording the number once issued. Other
 * accounts' websites are "not found".
 */

function websitesQuery(executor: Executor) {
  return executor
    .selectFrom("website")
    .innerJoin("subject", "subject.id", "website.subject_id")
    .leftJoin("server", "server.id", "website.server_id")
    .leftJoin("footer_check", "footer_check.website_id", "website.id")
    .select([
      "website.id",
      "website.account_id",
      "website.domain",
      "website.name",
      "website.website_number",
      "website.status",
      "website.ip",
      "website.created_at",
      "website.opened_on",
      "website.psb_number",
      "website.psb_recorded_at",
      "subject.subject_number",
      "subject.name as subject_name",
      "server.region",
      "footer_check.checked_at",
      "footer_check.outcome",
      "footer_check.url",
      "footer_check.http_status",
      "footer_check.report_json",
      "footer_check.campaign_id",
    ]);
}

type WebsiteRow = Awaited<ReturnType<ReturnType<typeof websitesQuery>["execute"]>>[number];

export async function listWebsites(ctx: AppContext, accountId: string) {
  const rows = await websitesQuery(ctx.db)
    .where("website.account_id", "=", accountId)
    .orderBy("website.website_number")
    .execute();
  return rows.map((row) => presentWebsite(ctx, row));
}

async function ownWebsite(ctx: AppContext, executor: Executor, viewer: Viewer, id: string) {
  const row = await websitesQuery(executor)
    .where("website.id", "=", id)
    .where("website.account_id", "=", viewer.accountId)
    .executeTakeFirst();
  if (!row || row.status !== "filed") throw new AppError("NOT_FOUND");
  return row;
}

export async function recordOpeningDay(ctx: AppContext, viewer: Viewer, id: string, openedOn: string) {
  const now = ctx.clock.now().getTime();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await ownWebsite(ctx, trx, viewer, id);
    const check = checkOpeningDay(openedOn, row.created_at, now);
    if (check !== "ok") throw new AppError("OPENING_DAY_INVALID", { field: "openedOn", problem: check });
    await trx.updateTable("website").set({ opened_on: openedOn }).where("id", "=", id).execute();
    if (!row.psb_number) await schedulePsbReminders(trx, { id, filedAt: row.created_at, openedOn }, now);
    await audit(trx, viewer, id, "record_opening_day", now, { openedOn });
    return presentWebsite(ctx, { ...row, opened_on: openedOn });
  });
}

export async function recordPsbNumber(ctx: AppContext, viewer: Viewer, id: string, input: string) {
  const now = ctx.clock.now().getTime();
  const checked = checkPsbNumber(input);
  if (!checked.ok || !checked.normalized)
    throw new AppError("PSB_NUMBER_INVALID", { field: "psbNumber", problem: checked.problem });
  const psbNumber = checked.normalized;
  return ctx.db.transaction().execute(async (trx) => {
    const row = await ownWebsite(ctx, trx, viewer, id);
    await trx
      .updateTable("website")
      .set({ psb_number: psbNumber, psb_recorded_at: now })
      .where("id", "=", id)
      .execute();
    await cancelPsbReminders(trx, id, now);
    await audit(trx, viewer, id, "record_psb_number", now, { psbNumber });
    return presentWebsite(ctx, { ...row, psb_number: psbNumber, psb_recorded_at: now });
  });
}

function audit(
  executor: Executor,
  viewer: Viewer,
  websiteId: string,
  action: string,
  now: number,
  detail: Record<string, unknown>,
) {
  return writeAudit(executor, {
    at: now,
    actorKind: "applicant",
    actorUserId: viewer.userId,
    accountId: viewer.accountId,
    entity: "website",
    entityId: websiteId,
    action,
    detail,
  });
}

function presentWebsite(ctx: AppContext, row: WebsiteRow) {
  const now = ctx.clock.now().getTime();
  const clock = psbClock(
    { filedAt: row.created_at, openedOn: row.opened_on, psbNumber: row.psb_number },
    now,
  );
  const region = REGIONS.find((candidate) => candidate.id === row.region);
  const location: LocalizedText = region
    ? { zh: region.zh, en: region.en }
    : { zh: row.region ?? "", en: row.region ?? "" };
  return {
    id: row.id,
    domain: row.domain,
    name: row.name,
    websiteNumber: row.website_number,
    subjectNumber: row.subject_number,
    subjectName: row.subject_name,
    status: row.status,
    filedAt: new Date(row.created_at).toISOString(),
    openedOn: row.opened_on,
    psb: {
      state: clock.state,
      number: row.psb_number,
      recordedAt: row.psb_recorded_at === null ? null : new Date(row.psb_recorded_at).toISOString(),
      countsFrom: clock.openedOn,
      openingDayRecorded: row.opened_on !== null,
      dueOn: clock.dueOn,
      daysLeft: clock.daysLeft,
      // What the 全国互联网安全管理服务平台 form asks about the access provider (fact base §8).
      card: {
        accessProvider: ctx.provider.name,
        accessProviderPhone: ctx.provider.phone,
        accessMethod: { zh: "租赁虚拟空间", en: "Leased virtual hosting (cloud)" },
        serverLocation: location,
        ip: row.ip,
        domain: row.domain,
        icpNumber: row.website_number,
        openedOn: clock.openedOn,
      },
      footerSnippet: row.psb_number ? psbFooterSnippet(row.psb_number) : null,
    },
    // The latest footer check (campaign or "check now"); null before the first.
    footer:
      row.checked_at === null || row.outcome === null || row.report_json === null || row.url === null
        ? null
        : presentFooterCheck({
            ...row,
            checked_at: row.checked_at,
            outcome: row.outcome,
            url: row.url,
            report_json: row.report_json,
          }),
  };
}
