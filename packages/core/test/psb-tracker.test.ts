import assert from "node:assert/strict";
import { test } from "node:test";
import { chinaDate } from "../src/calendar/workdays.ts";
import { checkOpeningDay, psbClock, psbReminderTimes } from "../src/filing/psb-tracker.ts";

/** The public-security filing clock on China calendar days (UTC+8), whatever the machine's zone. */
const at = (iso: string) => Date.parse(iso);

test("an approval late in the China day counts as that day; the last day is 30 days on", () => {
  // 23:30 on 03-02 in China is 15:30 UTC.
  const clock = psbClock(
    { filedAt: at("2026-03-02T15:30:00Z"), openedOn: null, psbNumber: null },
    at("2026-03-02T16:10:00Z"),
  );
  assert.equal(clock.openedOn, "2026-03-02", "23:30 China is still 03-02");
  assert.equal(clock.dueOn, "2026-04-01");
  assert.equal(clock.daysLeft, 29, "16:10 UTC is already 03-03 in China");
});

test("days left count China days, 0 on the last day, negative after", () => {
  const website = { filedAt: at("2026-03-02T01:00:00Z"), openedOn: "2026-03-10", psbNumber: null };
  assert.equal(psbClock(website, at("2026-03-10T01:00:00Z")).dueOn, "2026-04-09");
  assert.equal(psbClock(website, at("2026-04-09T15:59:00Z")).daysLeft, 0, "23:59 on the last day");
  assert.equal(psbClock(website, at("2026-04-09T15:59:00Z")).state, "due");
  assert.equal(psbClock(website, at("2026-04-09T16:00:00Z")).state, "overdue", "00:00 the day after");
  assert.equal(psbClock(website, at("2026-04-09T16:00:00Z")).daysLeft, -1);
  assert.equal(psbClock({ ...website, psbNumber: "x" }, at("2026-05-01T00:00:00Z")).state, "recorded");
});

test("reminders at 09:00 China 7, 3 and 1 days before the last day, overdue at its end", () => {
  const clock = psbClock({ filedAt: at("2026-03-02T01:00:00Z"), openedOn: null, psbNumber: null }, 0);
  const times = psbReminderTimes(clock).map(
    (reminder) => `${reminder.daysLeft}@${new Date(reminder.at).toISOString()}`,
  );
  assert.deepEqual(times, [
    "7@2026-03-25T01:00:00.000Z",
    "3@2026-03-29T01:00:00.000Z",
    "1@2026-03-31T01:00:00.000Z",
    "overdue@2026-04-01T16:00:00.000Z",
  ]);
});

test("opening days: real dates between the approval and today", () => {
  const filed = at("2026-03-02T01:00:00Z");
  const now = at("2026-03-20T01:00:00Z");
  assert.equal(checkOpeningDay("2026-03-05", filed, now), "ok");
  assert.equal(checkOpeningDay("2026-02-30", filed, now), "format");
  assert.equal(checkOpeningDay("2026-3-5", filed, now), "format");
  assert.equal(checkOpeningDay("2026-03-01", filed, now), "before_filing");
  assert.equal(checkOpeningDay("2026-03-21", filed, now), "future");
  assert.equal(chinaDate(new Date(at("2026-03-20T16:00:00Z"))), "2026-03-21");
});
