import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { builtinCalendar } from "../src/calendar/builtin.ts";
import { AppError } from "../src/errors.ts";
import type { OrderState } from "../src/filing/states.ts";
import { reviewSla, type SlaTransition } from "../src/review/sla.ts";

/** An instant written in China time ("2026-03-02 10:00"). */
const cn = (local: string) => new Date(`${local.replace(" ", "T")}:00+08:00`);
const moves = (...steps: [string, OrderState][]): SlaTransition[] =>
  steps.map(([at, to]) => ({ at: cn(at), to }));
const sla = (transitions: SlaTransition[], now: string, limitDays = 1) =>
  reviewSla({ transitions, now: cn(now), calendar: builtinCalendar, limitDays });

describe("initial-review SLA clock", () => {
  const submitted = moves(["2026-03-02 09:30", "draft"], ["2026-03-02 10:00", "provider_review"]);

  test("the day of arrival is free; due at 24:00 China time of the next working day", () => {
    const clock = sla(submitted, "2026-03-02 23:00");
    assert.deepEqual(clock, {
      dueAt: cn("2026-03-04 00:00").toISOString(),
      usedWorkingDays: 0,
      limitDays: 1,
      paused: false,
      breached: false,
    });
    assert.equal(clock.dueAt, "2026-03-03T16:00:00.000Z");
    assert.equal(sla(submitted, "2026-03-03 12:00").usedWorkingDays, 0.5);
  });

  test("breached once more than the limit is used; dueAt stays the instant it ran out", () => {
    const clock = sla(submitted, "2026-03-04 06:00");
    assert.equal(clock.usedWorkingDays, 1.25);
    assert.equal(clock.breached, true);
    assert.equal(clock.dueAt, cn("2026-03-04 00:00").toISOString());
  });

  test("the limit is configurable", () => {
    assert.equal(sla(submitted, "2026-03-03 12:00", 2).dueAt, cn("2026-03-05 00:00").toISOString());
    assert.equal(sla(submitted, "2026-03-03 12:00", 2).limitDays, 2);
    assert.equal(sla(submitted, "2026-03-04 06:00", 2).breached, false);
    assert.throws(
      () => sla(submitted, "2026-03-03 12:00", 0),
      (error: unknown) => error instanceof AppError && error.code === "VALIDATION_FAILED",
    );
  });

  test("weekends do not count", () => {
    const friday = moves(["2026-03-06 17:00", "provider_review"]);
    assert.equal(sla(friday, "2026-03-08 20:00").usedWorkingDays, 0);
    assert.equal(sla(friday, "2026-03-08 20:00").dueAt, cn("2026-03-10 00:00").toISOString());
    assert.equal(sla(friday, "2026-03-09 06:00").usedWorkingDays, 0.25);
  });

  test("National Day 2026: Oct 1–7 off, Saturday Oct 10 is a make-up working day", () => {
    const beforeHoliday = moves(["2026-09-30 15:00", "provider_review"]);
    const during = sla(beforeHoliday, "2026-10-05 12:00");
    assert.equal(during.usedWorkingDays, 0);
    assert.equal(during.breached, false);
    assert.equal(during.dueAt, cn("2026-10-09 00:00").toISOString());
    assert.equal(sla(beforeHoliday, "2026-10-05 12:00", 3).dueAt, cn("2026-10-11 00:00").toISOString());
    const after = sla(beforeHoliday, "2026-10-09 12:00");
    assert.equal(after.usedWorkingDays, 1.5);
    assert.equal(after.breached, true);
    // Sunday Oct 11 is not a working day: used stays at 3 from Oct 8, 9 and 10.
    assert.equal(sla(beforeHoliday, "2026-10-11 23:00", 5).usedWorkingDays, 3);
  });

  test("paused while the order waits on the applicant; the budget carries over", () => {
    const returned = [...submitted, ...moves(["2026-03-03 06:00", "returned"])];
    const waiting = sla(returned, "2026-03-04 12:00");
    assert.deepEqual(waiting, {
      dueAt: null,
      usedWorkingDays: 0.25,
      limitDays: 1,
      paused: true,
      breached: false,
    });
    // Resubmitted on Wednesday afternoon: Wednesday is free, 0.75 of Thursday is left.
    const resubmitted = [...returned, ...moves(["2026-03-04 15:00", "resubmitted"])];
    const back = sla(resubmitted, "2026-03-05 12:00");
    assert.equal(back.paused, false);
    assert.equal(back.usedWorkingDays, 0.75);
    assert.equal(back.dueAt, cn("2026-03-05 18:00").toISOString());
    assert.equal(sla(resubmitted, "2026-03-05 19:00").breached, true);
  });

  test("stops when the review ends; a breach stays on record", () => {
    const approved = [...submitted, ...moves(["2026-03-03 12:00", "queued_for_bureau"])];
    assert.deepEqual(sla(approved, "2026-03-20 12:00"), {
      dueAt: null,
      usedWorkingDays: 0.5,
      limitDays: 1,
      paused: true,
      breached: false,
    });
    const late = [...submitted, ...moves(["2026-03-04 12:00", "returned"])];
    const clock = sla(late, "2026-03-20 12:00");
    assert.equal(clock.breached, true);
    assert.equal(clock.usedWorkingDays, 1.5);
    assert.equal(clock.dueAt, cn("2026-03-04 00:00").toISOString());
  });

  test("a draft has not started; unsorted input and future entries are handled", () => {
    assert.deepEqual(sla(moves(["2026-03-02 09:00", "draft"]), "2026-03-10 12:00"), {
      dueAt: null,
      usedWorkingDays: 0,
      limitDays: 1,
      paused: true,
      breached: false,
    });
    const shuffled = [...submitted].reverse();
    assert.deepEqual(sla(shuffled, "2026-03-03 12:00"), sla(submitted, "2026-03-03 12:00"));
    assert.equal(sla(submitted, "2026-03-02 09:45").paused, true);
  });

  test("a due date in a year without calendar data is unknown, not guessed", () => {
    const clock = sla(moves(["2026-12-31 10:00", "provider_review"]), "2026-12-31 12:00");
    assert.equal(clock.dueAt, null);
    assert.equal(clock.paused, false);
    assert.equal(clock.usedWorkingDays, 0);
  });
});
