import { AppError } from "../errors.ts";

/**
 * China's working-day calendar (fact base §11). A working day is a Monday–Friday that the
 * State Council notice does not list as a holiday, plus any weekend day it lists as a
 * make-up working day (调休上班). Only those exceptions are stored; everything else follows
 * the weekday rule.
 *
 * Dates are calendar dates in China, written "YYYY-MM-DD". A year without published data is
 * never guessed: touching any date of it throws `CALENDAR_NO_DATA`.
 */
export type CalendarDayKind = "holiday" | "workday";

export interface CalendarDayEntry {
  kind: CalendarDayKind;
  /** The holiday's name (e.g. 春节); a make-up working day carries the holiday it makes up for. */
  name?: string;
}

/** Plain, serialisable calendar data (what the server loads and what a browser can receive). */
export interface WorkdayCalendarData {
  /** The years that have official data. */
  years: number[];
  /** Only the exceptions to the weekday rule, keyed by "YYYY-MM-DD". */
  days: Record<string, CalendarDayEntry>;
}

export interface CalendarDayInfo {
  date: string;
  workday: boolean;
  /** Present when the notice lists the date (holiday or make-up working day). */
  kind?: CalendarDayKind;
  name?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** China Standard Time, UTC+8, no daylight saving time since 1991. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a "YYYY-MM-DD" date; VALIDATION_FAILED when it is not a real date. */
function parseDate(date: unknown): number {
  const match = typeof date === "string" ? DATE_PATTERN.exec(date) : null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const time = Date.UTC(year, month - 1, day);
    const check = new Date(time);
    // Date.UTC maps years 0–99 to 1900–1999; compare every part to catch that and 02-30.
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day) {
      return time / DAY_MS;
    }
  }
  throw new AppError("VALIDATION_FAILED", { field: "date", value: date, expected: "YYYY-MM-DD" });
}

function formatDay(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekday(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** True when `date` is a real calendar date written "YYYY-MM-DD". */
export function isCalendarDate(date: unknown): date is string {
  try {
    parseDate(date);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date in China (Asia/Shanghai, UTC+8) at the given instant. */
export function chinaDate(instant: Date): string {
  const time = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(time)) {
    throw new AppError("VALIDATION_FAILED", { field: "instant", expected: "a valid Date" });
  }
  return new Date(time + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The date and minute in China at the given instant: "2026-11-29 20:44". */
export function chinaDateTime(instant: Date): string {
  const date = chinaDate(instant);
  return `${date} ${new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(11, 16)}`;
}

/** The instant a China calendar date begins (00:00 Asia/Shanghai = 16:00 UTC the day before). */
export function chinaStartOfDay(date: string): Date {
  return new Date(parseDate(date) * DAY_MS - CHINA_OFFSET_MS);
}

export class WorkdayCalendar {
  private readonly covered: ReadonlySet<number>;
  private readonly exceptions: ReadonlyMap<string, CalendarDayEntry>;

  constructor(data: WorkdayCalendarData) {
    const years = new Set<number>();
    for (const year of data.years) {
      if (!Number.isInteger(year) || year < 1000 || year > 9999) {
        throw new AppError("VALIDATION_FAILED", { field: "years", value: year });
      }
      years.add(year);
    }
    const exceptions = new Map<string, CalendarDayEntry>();
    for (const [date, entry] of Object.entries(data.days)) {
      parseDate(date);
      if (entry.kind !== "holiday" && entry.kind !== "workday") {
        throw new AppError("VALIDATION_FAILED", { field: "kind", date, value: entry.kind });
      }
      // An exception for a year without data would silently be ignored by the year check:
      // the data is inconsistent, so say so.
      if (!years.has(Number(date.slice(0, 4)))) {
        throw new AppError("VALIDATION_FAILED", { field: "years", date, reason: "year not covered" });
      }
      exceptions.set(
        date,
        entry.name === undefined ? { kind: entry.kind } : { kind: entry.kind, name: entry.name },
      );
    }
    this.covered = years;
    this.exceptions = exceptions;
  }

  /** The years with official data, ascending. */
  get years(): number[] {
    return [...this.covered].sort((a, b) => a - b);
  }

  covers(year: number): boolean {
    return this.covered.has(year);
  }

  /** The plain data this calendar was built from (for sending to a browser or comparing). */
  toData(): WorkdayCalendarData {
    const days: Record<string, CalendarDayEntry> = {};
    for (const date of [...this.exceptions.keys()].sort()) days[date] = { ...this.exceptions.get(date)! };
    return { years: this.years, days };
  }

  isWorkday(date: string): boolean {
    return this.workdayAt(this.checkedDay(date));
  }

  /** Whether the date is a working day, and the notice's entry for it if there is one. */
  dayInfo(date: string): CalendarDayInfo {
    const dayNumber = this.checkedDay(date);
    const normalized = formatDay(dayNumber);
    const entry = this.exceptions.get(normalized);
    const info: CalendarDayInfo = { date: normalized, workday: this.workdayAt(dayNumber) };
    if (entry) {
      info.kind = entry.kind;
      if (entry.name !== undefined) info.name = entry.name;
    }
    return info;
  }

  /**
   * The n-th working day after `start`: day 1 is the first working day AFTER the start date
   * (the start date itself never counts, whatever it is); n = 0 returns the start date.
   */
  addWorkdays(start: string, n: number): string {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new AppError("VALIDATION_FAILED", { field: "n", value: n, expected: "integer ≥ 0" });
    }
    let day = this.checkedDay(start);
    let remaining = n;
    while (remaining > 0) {
      day += 1;
      if (this.workdayAt(this.coveredDay(day))) remaining -= 1;
    }
    return formatDay(day);
  }

  /**
   * The number of working days d with from < d ≤ to (0 when to ≤ from). For n ≥ 1,
   * workdaysBetween(s, addWorkdays(s, n)) === n.
   */
  workdaysBetween(from: string, to: string): number {
    const first = this.checkedDay(from);
    const last = this.checkedDay(to);
    let count = 0;
    for (let day = first + 1; day <= last; day += 1) {
      if (this.workdayAt(this.coveredDay(day))) count += 1;
    }
    return count;
  }

  /** The first working day strictly after `date` (the same as addWorkdays(date, 1)). */
  nextWorkday(date: string): string {
    return this.addWorkdays(date, 1);
  }

  /** Parses the date and checks that its year has data. */
  private checkedDay(date: string): number {
    return this.coveredDay(parseDate(date));
  }

  private coveredDay(dayNumber: number): number {
    const year = new Date(dayNumber * DAY_MS).getUTCFullYear();
    if (!this.covered.has(year)) throw new AppError("CALENDAR_NO_DATA", { year });
    return dayNumber;
  }

  private workdayAt(dayNumber: number): boolean {
    const entry = this.exceptions.get(formatDay(dayNumber));
    if (entry) return entry.kind === "workday";
    const dow = weekday(dayNumber);
    return dow !== 0 && dow !== 6;
  }
}
