import { AppError, DAY_MS, chinaStartOfDay, isCalendarDate } from "@openbeian/core";

/**
 * The time axis of the dashboards: China calendar days, or Monday-to-Sunday weeks
 * clipped to the requested range (the first and last week may be short). Each
 * bucket is a half-open interval of instants [start, end).
 */
export type BucketKind = "day" | "week";

export interface Bucket {
  /** Its first day inside the range, "YYYY-MM-DD". */
  at: string;
  start: number;
  end: number;
}

/** At most a year (and a day) of buckets: the replay keeps every order of the range in memory. */
export const MAX_RANGE_DAYS = 366;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
const weekday = (day: number) => (((day + 4) % 7) + 7) % 7;

export function makeBuckets(from: string, to: string, kind: BucketKind): Bucket[] {
  for (const [field, value] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (!isCalendarDate(value))
      throw new AppError("VALIDATION_FAILED", { field, value, expected: "YYYY-MM-DD" });
  }
  const first = dayNumber(from);
  const last = dayNumber(to);
  if (last < first) throw new AppError("VALIDATION_FAILED", { field: "to", problem: "before from" });
  if (last - first + 1 > MAX_RANGE_DAYS) {
    throw new AppError("VALIDATION_FAILED", { field: "to", problem: `at most ${MAX_RANGE_DAYS} days` });
  }
  const buckets: Bucket[] = [];
  for (let day = first; day <= last;) {
    const untilMonday = (8 - weekday(day)) % 7 || 7;
    const next = Math.min(kind === "day" ? day + 1 : day + untilMonday, last + 1);
    buckets.push({
      at: dateOf(day),
      start: chinaStartOfDay(dateOf(day)).getTime(),
      end: chinaStartOfDay(dateOf(next)).getTime(),
    });
    day = next;
  }
  return buckets;
}

/** The bucket an instant falls in, or undefined outside the range. */
export function bucketOf(buckets: readonly Bucket[], at: number): Bucket | undefined {
  return buckets.find((bucket) => bucket.start <= at && at < bucket.end);
}

/** Linear interpolation between the closest ranks (numpy's default), on sorted values. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const position = (sorted.length - 1) * p;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const lowValue = sorted[low] ?? 0;
  return lowValue + ((sorted[high] ?? lowValue) - lowValue) * (position - low);
}

export const round2 = (value: number) => Math.round(value * 100) / 100;
