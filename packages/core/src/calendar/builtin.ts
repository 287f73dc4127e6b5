import { WorkdayCalendar, type CalendarDayEntry, type WorkdayCalendarData } from "./workdays.ts";

/**
 * The State Council holiday notices for 2025 and 2026, transcribed from the fact base §11
 * ([GOV-2025], [GOV-2026]). Core works with these alone (browser ETA, tests); the server
 * loads its own table (chinese-days import plus admin edits), which must agree with these
 * for the years both cover. 2027 was not yet published: it is deliberately absent.
 */
interface Notice {
  year: number;
  /** [name, first day off, last day off] — inclusive ranges. */
  holidays: ReadonlyArray<readonly [name: string, from: string, to: string]>;
  /** [name of the holiday it makes up for, weekend date worked]. */
  workdays: ReadonlyArray<readonly [name: string, date: string]>;
}

const NOTICES: readonly Notice[] = [
  {
    year: 2025,
    holidays: [
      ["元旦", "2025-01-01", "2025-01-01"],
      ["春节", "2025-01-28", "2025-02-04"],
      ["清明节", "2025-04-04", "2025-04-06"],
      ["劳动节", "2025-05-01", "2025-05-05"],
      ["端午节", "2025-05-31", "2025-06-02"],
      ["国庆节、中秋节", "2025-10-01", "2025-10-08"],
    ],
    workdays: [
      ["春节", "2025-01-26"], // Sunday
      ["春节", "2025-02-08"], // Saturday
      ["劳动节", "2025-04-27"], // Sunday
      ["国庆节、中秋节", "2025-09-28"], // Sunday
      ["国庆节、中秋节", "2025-10-11"], // Saturday
    ],
  },
  {
    year: 2026,
    holidays: [
      ["元旦", "2026-01-01", "2026-01-03"],
      ["春节", "2026-02-15", "2026-02-23"],
      ["清明节", "2026-04-04", "2026-04-06"],
      ["劳动节", "2026-05-01", "2026-05-05"],
      ["端午节", "2026-06-19", "2026-06-21"],
      ["中秋节", "2026-09-25", "2026-09-27"],
      ["国庆节", "2026-10-01", "2026-10-07"],
    ],
    workdays: [
      ["元旦", "2026-01-04"], // Sunday
      ["春节", "2026-02-14"], // Saturday
      ["春节", "2026-02-28"], // Saturday
      ["劳动节", "2026-05-09"], // Saturday
      // The fact base files this one under 中秋; the notice lists it under 国庆节. Same date.
      ["国庆节", "2026-09-20"], // Sunday
      ["国庆节", "2026-10-10"], // Saturday
    ],
  },
];

function expand(notices: readonly Notice[]): WorkdayCalendarData {
  const days: Record<string, CalendarDayEntry> = {};
  for (const notice of notices) {
    for (const [name, from, to] of notice.holidays) {
      // Noon UTC keeps the arithmetic away from any day boundary.
      for (let t = Date.parse(`${from}T12:00:00Z`); t <= Date.parse(`${to}T12:00:00Z`); t += 86_400_000) {
        days[new Date(t).toISOString().slice(0, 10)] = { kind: "holiday", name };
      }
    }
    for (const [name, date] of notice.workdays) days[date] = { kind: "workday", name };
  }
  return { years: notices.map((notice) => notice.year), days };
}

/**
 * The built-in calendar (2025–2026): for the browser and anything without a database.
 * `builtinCalendar.toData()` gives a fresh copy of its plain data.
 */
export const builtinCalendar: WorkdayCalendar = new WorkdayCalendar(expand(NOTICES));
