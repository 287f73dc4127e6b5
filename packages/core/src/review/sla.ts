import { chinaDate, chinaStartOfDay, type WorkdayCalendar } from "../calendar/workdays.ts";
import { DAY_MS } from "../clock.ts";
import { AppError } from "../errors.ts";
import { IN_PROVIDER_REVIEW, type OrderState } from "../filing/states.ts";

/**
 * The initial-review SLA clock (issue 6; peer survey, "per-stage SLA clocks that pause while
 * waiting on the applicant").
 *
 * The model, in one paragraph:
 * - The clock runs only while the order waits on the provider: in `provider_review` or
 *   `resubmitted`. Everywhere else (draft, returned, rejected, with the bureau, final) it is
 *   paused or stopped, and the time spent there never counts.
 * - Working time is counted in whole calendar days of China time (00:00–24:00, UTC+8): a day
 *   the WorkdayCalendar calls a working day counts in full, weekends and holidays not at all,
 *   and make-up working days (调休上班) do count. There are no office hours.
 * - The day an order arrives in review (its submission or a resubmission) is free: counting
 *   starts at 00:00 of the next calendar day. So without pauses the order is due at
 *   **the end (24:00 China time) of the N-th working day after the day it arrived**, the same
 *   date the applicant's ETA shows for the initial review.
 * - Pauses shift the due time: the budget of N working days is shared by every stretch in
 *   review. An order returned after using 0.25 of a day and resubmitted has 0.75 of a working
 *   day left, counted from the day after the resubmission.
 *
 * `usedWorkingDays` is the working time spent in review up to `now`, in days (fractions).
 * `dueAt` is the instant the budget runs out if the order stays in review: in the past once
 * breached, null while paused (it depends on when the applicant comes back), null when the
 * calendar has no data for the year it would fall in. `breached` means more than N working
 * days were used.
 */
export interface SlaTransition {
  /** When the order entered `to`. */
  at: Date;
  to: OrderState;
}

export interface SlaInput {
  /** The order's state changes (from the audit log), in any order. */
  transitions: readonly SlaTransition[];
  now: Date;
  calendar: WorkdayCalendar;
  /** The SLA in working days (default 1, fact base §2.4: initial review takes one working day). */
  limitDays: number;
}

export interface SlaClock {
  /** ISO instant; see above for when it is null. */
  dueAt: string | null;
  usedWorkingDays: number;
  limitDays: number;
  /** True whenever the clock is not running: waiting on the applicant, past review, or never submitted. */
  paused: boolean;
  breached: boolean;
}

/** How far ahead a due time is looked for (the calendar normally ends long before). */
const MAX_LOOKAHEAD_DAYS = 800;

export function reviewSla(input: SlaInput): SlaClock {
  const { calendar, limitDays } = input;
  if (!Number.isFinite(limitDays) || limitDays <= 0) {
    throw new AppError("VALIDATION_FAILED", { field: "limitDays", value: limitDays });
  }
  const now = input.now.getTime();
  const budget = limitDays * DAY_MS;
  const stretches = stretchesInReview(input.transitions, now);
  const running = stretches.at(-1)?.end === null;

  let used = 0;
  let dueAt: number | null = null;
  for (const stretch of stretches) {
    for (const [start, end] of workingSpans(calendar, countingStart(stretch.start), stretch.end ?? now)) {
      const length = end - start;
      if (dueAt === null && used + length > budget) dueAt = start + (budget - used);
      used += length;
    }
  }
  const last = stretches.at(-1);
  if (running && last && dueAt === null) {
    dueAt = projectDue(calendar, Math.max(now, countingStart(last.start)), budget - used);
  }
  return {
    dueAt: dueAt === null ? null : new Date(dueAt).toISOString(),
    usedWorkingDays: Math.round((used / DAY_MS) * 1000) / 1000,
    limitDays,
    paused: !running,
    breached: used > budget,
  };
}

interface Stretch {
  start: number;
  /** null: still in review. */
  end: number | null;
}

function stretchesInReview(transitions: readonly SlaTransition[], now: number): Stretch[] {
  const sorted = [...transitions]
    .map((transition) => ({ at: transition.at.getTime(), to: transition.to }))
    .filter((transition) => transition.at <= now)
    .sort((a, b) => a.at - b.at);
  const stretches: Stretch[] = [];
  let open: number | null = null;
  for (const transition of sorted) {
    const inReview = IN_PROVIDER_REVIEW.has(transition.to);
    if (inReview && open === null) open = transition.at;
    if (!inReview && open !== null) {
      stretches.push({ start: open, end: transition.at });
      open = null;
    }
  }
  if (open !== null) stretches.push({ start: open, end: null });
  return stretches;
}

/** The day of arrival is free: counting starts at the next 00:00 China time. */
function countingStart(arrival: number): number {
  return chinaStartOfDay(chinaDate(new Date(arrival))).getTime() + DAY_MS;
}

/** The parts of [from, to) that fall on working days. Throws CALENDAR_NO_DATA for a year without data. */
function* workingSpans(calendar: WorkdayCalendar, from: number, to: number): Generator<[number, number]> {
  if (to <= from) return;
  for (let day = chinaStartOfDay(chinaDate(new Date(from))).getTime(); day < to; day += DAY_MS) {
    if (!calendar.isWorkday(chinaDate(new Date(day)))) continue;
    yield [Math.max(from, day), Math.min(to, day + DAY_MS)];
  }
}

/** When `remaining` more working time is used up, counting from `from`; null if the calendar runs out. */
function projectDue(calendar: WorkdayCalendar, from: number, remaining: number): number | null {
  let left = remaining;
  let day = chinaStartOfDay(chinaDate(new Date(from))).getTime();
  try {
    for (let step = 0; step < MAX_LOOKAHEAD_DAYS; step += 1, day += DAY_MS) {
      if (!calendar.isWorkday(chinaDate(new Date(day)))) continue;
      const start = Math.max(from, day);
      const length = day + DAY_MS - start;
      if (length >= left) return start + left;
      left -= length;
    }
  } catch (error) {
    if (error instanceof AppError && error.code === "CALENDAR_NO_DATA") return null;
    throw error;
  }
  return null;
}
