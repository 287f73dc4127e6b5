import { AppError } from "@openbeian/core";
import chineseDays from "chinese-days/dist/chinese-days.json" with { type: "json" };
import chineseDaysPackage from "chinese-days/package.json" with { type: "json" };
import type { Db, Executor, Tx } from "../platform/db.ts";
import { isCalendarDate, type CalendarDayKind } from "@openbeian/core";

/** Rows written by an import carry this source; "admin" rows are never touched by one. */
export const CHINESE_DAYS_SOURCE = `chinese-days@${chineseDaysPackage.version}`;
export const ADMIN_SOURCE = "admin";

export interface ImportedDay {
  date: string;
  kind: CalendarDayKind;
  /** The Chinese name (e.g. 春节). */
  name: string;
}

export interface ChineseDaysData {
  source: string;
  /** The years the package has data for, ascending. */
  years: number[];
  /** Its holidays and make-up working days, by date. */
  days: ImportedDay[];
}

/**
 * The chinese-days package's table, checked: entries look like
 * "Spring Festival,春节,4" (English name, Chinese name, holiday id) keyed by "YYYY-MM-DD".
 */
export function chineseDaysData(): ChineseDaysData {
  const raw = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };
  const byDate = new Map<string, ImportedDay>();
  const add = (kind: CalendarDayKind, table: Record<string, string>) => {
    for (const [date, label] of Object.entries(table)) {
      const match = /^(.*),([^,]+),\d+$/.exec(label);
      if (!isCalendarDate(date) || !match || byDate.has(date)) {
        throw new AppError("INTERNAL", { reason: "unexpected chinese-days entry", date, label });
      }
      byDate.set(date, { date, kind, name: match[2]! });
    }
  };
  add("holiday", raw.holidays);
  add("workday", raw.workdays);
  const days = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  const years = [...new Set(days.map((day) => Number(day.date.slice(0, 4))))].sort((a, b) => a - b);
  return { source: CHINESE_DAYS_SOURCE, years, days };
}

export interface ImportResult {
  source: string;
  years: number[];
  inserted: number;
  updated: number;
  unchanged: number;
  /** Imported rows of a covered year that the package no longer lists. */
  removed: number;
  /** Dates the package lists that an administrator has set: left as the admin set them. */
  keptAdmin: string[];
  /** calendar_year rows created or taken over by this import. */
  yearsWritten: number;
}

const CHUNK = 100;

/**
 * Writes every holiday and make-up working day of the years chinese-days covers, and a
 * calendar_year row per year. Idempotent (a second run changes nothing) and never
 * overwrites a row whose source is "admin". One transaction.
 */
export async function importChineseDays(db: Executor, now: number): Promise<ImportResult> {
  const data = chineseDaysData();
  return inTransaction(db, (trx) => writeImport(trx, data, now));
}

async function writeImport(trx: Tx, data: ChineseDaysData, now: number): Promise<ImportResult> {
  const covered = new Set(data.years);
  const existing = new Map(
    (await trx.selectFrom("calendar_day").select(["date", "kind", "name", "source"]).execute()).map((row) => [
      row.date,
      row,
    ]),
  );
  const incoming = new Set(data.days.map((day) => day.date));
  const result: ImportResult = {
    source: data.source,
    years: data.years,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    removed: 0,
    keptAdmin: [],
    yearsWritten: 0,
  };

  const writes: ImportedDay[] = [];
  for (const day of data.days) {
    const row = existing.get(day.date);
    if (row?.source === ADMIN_SOURCE) {
      result.keptAdmin.push(day.date);
    } else if (!row) {
      result.inserted += 1;
      writes.push(day);
    } else if (row.kind !== day.kind || row.name !== day.name || row.source !== data.source) {
      result.updated += 1;
      writes.push(day);
    } else {
      result.unchanged += 1;
    }
  }
  for (let i = 0; i < writes.length; i += CHUNK) {
    await trx
      .insertInto("calendar_day")
      .values(
        writes.slice(i, i + CHUNK).map((day) => ({
          date: day.date,
          kind: day.kind,
          name: day.name,
          source: data.source,
          updated_at: now,
          updated_by: null,
        })),
      )
      // A concurrent import may have written the row since it was read; an admin row stays.
      .onConflict((oc) =>
        oc
          .column("date")
          .doUpdateSet((eb) => ({
            kind: eb.ref("excluded.kind"),
            name: eb.ref("excluded.name"),
            source: eb.ref("excluded.source"),
            updated_at: eb.ref("excluded.updated_at"),
            updated_by: null,
          }))
          .where("calendar_day.source", "<>", ADMIN_SOURCE),
      )
      .execute();
  }

  // A later package version may drop a wrong entry: imported rows of the covered years
  // that the package no longer lists go too. Admin rows stay.
  const stale = [...existing.values()]
    .filter(
      (row) =>
        row.source !== ADMIN_SOURCE && covered.has(Number(row.date.slice(0, 4))) && !incoming.has(row.date),
    )
    .map((row) => row.date);
  for (let i = 0; i < stale.length; i += CHUNK) {
    const { numDeletedRows } = await trx
      .deleteFrom("calendar_day")
      .where("date", "in", stale.slice(i, i + CHUNK))
      .where("source", "<>", ADMIN_SOURCE)
      .executeTakeFirst();
    result.removed += Number(numDeletedRows);
  }

  const years = new Map(
    (await trx.selectFrom("calendar_year").select(["year", "source"]).execute()).map((row) => [
      Number(row.year),
      row.source,
    ]),
  );
  const newYears = data.years.filter((year) => {
    const source = years.get(year);
    return source !== ADMIN_SOURCE && source !== data.source;
  });
  if (newYears.length > 0) {
    await trx
      .insertInto("calendar_year")
      .values(newYears.map((year) => ({ year, source: data.source, imported_at: now })))
      .onConflict((oc) =>
        oc
          .column("year")
          .doUpdateSet((eb) => ({
            source: eb.ref("excluded.source"),
            imported_at: eb.ref("excluded.imported_at"),
          }))
          .where("calendar_year.source", "<>", ADMIN_SOURCE),
      )
      .execute();
  }
  result.yearsWritten = newYears.length;
  return result;
}

/** Runs `fn` in the caller's transaction, or in a new one. */
export async function inTransaction<T>(db: Executor, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Tx) : (db as Db).transaction().execute(fn);
}

/**
 * A fresh database gets the shipped holiday table before its first deadline;
 * a database that has one keeps it (`beian migrate` and `workdays import` refresh it).
 */
export async function ensureCalendar(db: Executor, now: number): Promise<void> {
  const covered = await db.selectFrom("calendar_year").select("year").limit(1).execute();
  if (covered.length === 0) await importChineseDays(db, now);
}
