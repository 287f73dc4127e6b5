import { AppError } from "@openbeian/core";
import type { Executor } from "../platform/db.ts";
import {
  WorkdayCalendar,
  isCalendarDate,
  type CalendarDayEntry,
  type CalendarDayKind,
} from "@openbeian/core";
import { ADMIN_SOURCE, inTransaction } from "./import.ts";

/** The calendar as the database holds it: imported data plus administrators' edits. */
export async function loadCalendar(db: Executor): Promise<WorkdayCalendar> {
  const years = await db.selectFrom("calendar_year").select("year").execute();
  const rows = await db.selectFrom("calendar_day").select(["date", "kind", "name"]).orderBy("date").execute();
  const days: Record<string, CalendarDayEntry> = {};
  for (const row of rows)
    days[row.date] = row.name === null ? { kind: row.kind } : { kind: row.kind, name: row.name };
  return new WorkdayCalendar({ years: years.map((row) => Number(row.year)), days });
}

export interface CalendarDayInput {
  /** "YYYY-MM-DD", a calendar date in China. */
  date: string;
  kind: CalendarDayKind;
  name?: string | null;
  /** The administrator's user id. */
  by: string | null;
}

export interface CalendarDayRow {
  date: string;
  kind: CalendarDayKind;
  name: string | null;
  source: string;
  updatedAt: number;
  updatedBy: string | null;
}

const NAME_MAX = 50;

/**
 * An administrator's entry for one date (source "admin"): it wins over any import, now and
 * on every later import. Also marks the date's year as covered — so enter a new year's
 * whole notice, not a single day, before relying on it. To cancel an imported entry for
 * good, set the opposite kind rather than deleting it (a deleted imported row comes back
 * with the next import).
 */
export async function setCalendarDay(
  db: Executor,
  input: CalendarDayInput,
  now: number,
): Promise<CalendarDayRow> {
  if (!isCalendarDate(input.date)) {
    throw new AppError("VALIDATION_FAILED", { field: "date", value: input.date, expected: "YYYY-MM-DD" });
  }
  if (input.kind !== "holiday" && input.kind !== "workday") {
    throw new AppError("VALIDATION_FAILED", {
      field: "kind",
      value: input.kind,
      expected: "holiday | workday",
    });
  }
  const name = input.name?.trim() || null;
  if (name !== null && name.length > NAME_MAX) {
    throw new AppError("VALIDATION_FAILED", { field: "name", maxLength: NAME_MAX });
  }
  const row = {
    date: input.date,
    kind: input.kind,
    name,
    source: ADMIN_SOURCE,
    updated_at: now,
    updated_by: input.by,
  };
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto("calendar_day")
      .values(row)
      .onConflict((oc) =>
        oc.column("date").doUpdateSet({
          kind: row.kind,
          name: row.name,
          source: row.source,
          updated_at: row.updated_at,
          updated_by: row.updated_by,
        }),
      )
      .execute();
    await trx
      .insertInto("calendar_year")
      .values({ year: Number(input.date.slice(0, 4)), source: ADMIN_SOURCE, imported_at: now })
      .onConflict((oc) => oc.column("year").doNothing())
      .execute();
  });
  return { date: row.date, kind: row.kind, name, source: ADMIN_SOURCE, updatedAt: now, updatedBy: input.by };
}

/**
 * Removes the entry for a date (any source), so the weekday rule applies again. Returns
 * false when there was none. The year stays covered.
 */
export async function deleteCalendarDay(db: Executor, date: string): Promise<boolean> {
  if (!isCalendarDate(date)) {
    throw new AppError("VALIDATION_FAILED", { field: "date", value: date, expected: "YYYY-MM-DD" });
  }
  const { numDeletedRows } = await db.deleteFrom("calendar_day").where("date", "=", date).executeTakeFirst();
  return Number(numDeletedRows) > 0;
}

/** The stored entries of one year, with their source (for an admin screen or the CLI). */
export async function listCalendarDays(db: Executor, year: number): Promise<CalendarDayRow[]> {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new AppError("VALIDATION_FAILED", { field: "year", value: year });
  }
  const rows = await db
    .selectFrom("calendar_day")
    .selectAll()
    .where("date", ">=", `${year}-01-01`)
    .where("date", "<=", `${year}-12-31`)
    .orderBy("date")
    .execute();
  return rows.map((row) => ({
    date: row.date,
    kind: row.kind,
    name: row.name,
    source: row.source,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  }));
}
