import type { WorkdayCalendar } from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import type { Executor } from "../platform/db.ts";
import { loadCalendar } from "./repository.ts";

/**
 * The calendar changes a few times a year; reading 800 rows on every save is
 * waste. Each platform keeps it for a minute (an admin edit shows within that).
 */
const CALENDAR_TTL_MS = 60_000;
const calendars = new WeakMap<AppContext, { calendar: WorkdayCalendar; loadedAt: number }>();

export async function cachedCalendar(ctx: AppContext, executor: Executor = ctx.db): Promise<WorkdayCalendar> {
  const cached = calendars.get(ctx);
  const now = Date.now();
  if (cached && now - cached.loadedAt < CALENDAR_TTL_MS) return cached.calendar;
  const calendar = await loadCalendar(executor);
  calendars.set(ctx, { calendar, loadedAt: now });
  return calendar;
}
