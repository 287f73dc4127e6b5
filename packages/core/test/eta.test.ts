import assert from "node:assert/strict";
import { test } from "node:test";
import { builtinCalendar } from "../src/calendar/builtin.ts";
import { orderEta } from "../src/filing/eta.ts";

/** Fact base §2.4 and §11: initial review 1 working day, submission 1, SMS 24 h, bureau 20 (Zhejiang 30) working days. */
const at = (iso: string) => new Date(iso);

test("a submitted order in Zhejiang: each step in working days across the 2026 Spring Festival", () => {
  const result = orderEta({
    state: "provider_review",
    now: at("2026-02-12T02:00:00Z"),
    submittedAt: at("2026-02-12T02:00:00Z"),
    bureauReviewWorkingDays: 30,
    calendar: builtinCalendar,
  });
  assert.ok(result?.ok);
  const due = Object.fromEntries(result.eta.steps.map((step) => [step.step, step.dueBy]));
  assert.equal(due.initial_review, "2026-02-13");
  assert.equal(due.bureau_submission, "2026-02-14"); // Saturday make-up working day
  assert.equal(due.sms_verification, "2026-02-15T10:00:00.000Z");
  // From 2026-02-15: the holiday runs to 2026-02-23, so 30 working days end in early April.
  assert.equal(due.bureau_review, "2026-04-03");
  assert.equal(result.eta.filedBy, due.bureau_review);
});

test("after SMS verification the bureau's clock starts from the verification day", () => {
  const result = orderEta({
    state: "bureau_review",
    now: at("2026-03-10T02:00:00Z"),
    submittedAt: at("2026-03-02T02:00:00Z"),
    approvedAt: at("2026-03-03T02:00:00Z"),
    smsSentAt: at("2026-03-04T02:00:00Z"),
    smsVerifiedAt: at("2026-03-04T06:00:00Z"),
    bureauReviewWorkingDays: 20,
    calendar: builtinCalendar,
  });
  assert.ok(result?.ok);
  assert.equal(result.eta.filedBy, "2026-04-01");
  assert.deepEqual(
    result.eta.steps.map((step) => step.done),
    [true, true, true, false],
  );
});

test("final orders have no ETA; dates past the calendar's last year are unknown, not guessed", () => {
  assert.equal(
    orderEta({ state: "approved", now: new Date(), bureauReviewWorkingDays: 20, calendar: builtinCalendar }),
    null,
  );
  const result = orderEta({
    state: "draft",
    now: at("2026-12-10T02:00:00Z"),
    bureauReviewWorkingDays: 20,
    calendar: builtinCalendar,
  });
  assert.ok(result?.ok);
  const due = Object.fromEntries(result.eta.steps.map((step) => [step.step, step.dueBy]));
  assert.equal(due.initial_review, "2026-12-11");
  assert.equal(due.bureau_review, null);
  assert.equal(result.eta.filedBy, null);
  assert.ok(result.eta.incomplete?.zh);
  const nothing = orderEta({
    state: "draft",
    now: at("2027-01-10T02:00:00Z"),
    bureauReviewWorkingDays: 20,
    calendar: builtinCalendar,
  });
  assert.equal(nothing?.ok, false);
});
