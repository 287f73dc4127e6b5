import { chinaDate, chinaStartOfDay, isCalendarDate } from "../calendar/workdays.ts";
import { DAY_MS } from "../clock.ts";
import { PSB_FILING_DAYS } from "./footer.ts";

/**
 * The public-security filing (公安联网备案) clock of one filed website (fact base
 * §5.5, §8): due 30 days after the site opens. Until the owner records the opening
 * date, the ICP approval day counts, the earliest day the site may open, so the
 * deadline is never later than the real one. Reminders go out 7, 3 and 1 days
 * before, and once when overdue. Dates are China calendar days (UTC+8).
 */
export const PSB_REMINDER_DAYS = [7, 3, 1] as const;

export type PsbState = "recorded" | "due" | "overdue";

export interface PsbClock {
  /** The opening day that counts (recorded or the approval day), YYYY-MM-DD. */
  openedOn: string;
  /** The last day to file, YYYY-MM-DD: opening day + 30. */
  dueOn: string;
  /** The instant the deadline passes: the end of `dueOn` in China. */
  dueAt: number;
  /** Whole days left (0 on the last day), negative when overdue; null once recorded. */
  daysLeft: number | null;
  state: PsbState;
}

/** The China calendar day of an epoch-millisecond instant (core's chinaDate takes a Date). */
const chinaDay = (at: number) => chinaDate(new Date(at));
const chinaMidnight = (day: string) => chinaStartOfDay(day).getTime();

export function psbClock(
  website: { filedAt: number; openedOn: string | null; psbNumber: string | null },
  now: number,
): PsbClock {
  const openedOn = website.openedOn ?? chinaDay(website.filedAt);
  const dueStart = chinaMidnight(openedOn) + PSB_FILING_DAYS * DAY_MS;
  const dueOn = chinaDay(dueStart);
  const dueAt = dueStart + DAY_MS;
  if (website.psbNumber) return { openedOn, dueOn, dueAt, daysLeft: null, state: "recorded" };
  const daysLeft = Math.round((chinaMidnight(dueOn) - chinaMidnight(chinaDay(now))) / DAY_MS);
  return { openedOn, dueOn, dueAt, daysLeft, state: now >= dueAt ? "overdue" : "due" };
}

/** When each reminder is due: the morning (09:00 China) of the day N days before the last day, and the overdue notice at the deadline. */
export function psbReminderTimes(clock: PsbClock): { daysLeft: number | "overdue"; at: number }[] {
  const nine = 9 * 60 * 60 * 1000;
  return [
    ...PSB_REMINDER_DAYS.map((days) => ({
      daysLeft: days,
      at: chinaMidnight(clock.dueOn) - days * DAY_MS + nine,
    })),
    { daysLeft: "overdue" as const, at: clock.dueAt },
  ];
}

/** The opening day a user may record: a real date, not before the approval day, not in the future. */
export function checkOpeningDay(
  day: string,
  filedAt: number,
  now: number,
): "ok" | "format" | "before_filing" | "future" {
  if (!isCalendarDate(day)) return "format";
  if (day < chinaDay(filedAt)) return "before_filing";
  if (day > chinaDay(now)) return "future";
  return "ok";
}
