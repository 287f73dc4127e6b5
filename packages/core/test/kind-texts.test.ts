import assert from "node:assert/strict";
import { test } from "node:test";
import { builtinCalendar } from "../src/calendar/builtin.ts";
import { orderEta } from "../src/filing/eta.ts";
import { NEXT_STEP, nextStepFor } from "../src/filing/next-steps.ts";
import { ORDER_KINDS } from "../src/filing/order-kinds.ts";
import { ORDER_STATES } from "../src/filing/states.ts";

/**
 * What an order of each kind tells its applicant (issue 9): the steps still ahead
 * (a transfer has none to date, a claim ends with the provider's review, an order
 * nobody verifies by SMS skips that step) and the next step in the kind's words.
 */
const submitted = new Date("2026-03-02T02:00:00Z");
const etaOf = (kind: (typeof ORDER_KINDS)[number], regulatorType: string | null = null) =>
  orderEta({
    state: "provider_review",
    now: submitted,
    submittedAt: submitted,
    bureauReviewWorkingDays: 20,
    calendar: builtinCalendar,
    kind,
    regulatorType,
  });
const stepsOf = (result: ReturnType<typeof orderEta>) =>
  result?.ok ? result.eta.steps.map((step) => step.step) : result;

test("ETA per kind: all four steps for a first filing, none for a transfer, the review alone for a claim", () => {
  assert.deepEqual(stepsOf(etaOf("first_filing")), [
    "initial_review",
    "bureau_submission",
    "sms_verification",
    "bureau_review",
  ]);
  assert.equal(etaOf("transfer"), null);
  const claim = etaOf("claim");
  assert.deepEqual(stepsOf(claim), ["initial_review"]);
  assert.ok(claim?.ok);
  assert.equal(claim.eta.filedBy, claim.eta.steps[0]!.dueBy, "a claim is done when the review is");
});

test("ETA: orders MIIT asks nobody to verify skip the SMS step; a change follows the type MIIT received", () => {
  for (const kind of ["cancel_website", "cancel_access"] as const)
    assert.deepEqual(stepsOf(etaOf(kind)), ["initial_review", "bureau_submission", "bureau_review"], kind);
  assert.ok((stepsOf(etaOf("cancel_subject")) as string[]).includes("sms_verification"));
  assert.ok((stepsOf(etaOf("change")) as string[]).includes("sms_verification"), "scope not known yet");
  assert.ok(!(stepsOf(etaOf("change", "change_access")) as string[]).includes("sms_verification"));
  assert.ok((stepsOf(etaOf("change", "change_subject")) as string[]).includes("sms_verification"));
});

test("next step: a first filing keeps the general text; other kinds say their own where it differs", () => {
  for (const state of ORDER_STATES) assert.deepEqual(nextStepFor(state), NEXT_STEP[state], state);
  assert.match(nextStepFor("approved", "change").zh, /变更已生效/);
  assert.match(nextStepFor("provider_review", "claim").zh, /工信部备案记录/);
  assert.match(nextStepFor("draft", "cancel_access").zh, /核对注销内容/);
  assert.deepEqual(nextStepFor("awaiting_acceptance", "transfer"), NEXT_STEP.awaiting_acceptance);
  for (const kind of ORDER_KINDS)
    for (const state of ORDER_STATES) {
      const text = nextStepFor(state, kind);
      assert.ok(text.zh.trim() && text.en.trim(), `${kind}/${state}`);
    }
});

test("next step: waiting for the bureau, an order nobody verifies by SMS says so", () => {
  const noSms = nextStepFor("queued_for_bureau", "cancel_access");
  assert.match(noSms.zh, /无需短信核验/);
  assert.deepEqual(nextStepFor("queued_for_bureau", "change", "change_access"), noSms);
  assert.deepEqual(nextStepFor("queued_for_bureau", "change", "change_website"), NEXT_STEP.queued_for_bureau);
  assert.deepEqual(nextStepFor("queued_for_bureau", "first_filing"), NEXT_STEP.queued_for_bureau);
  assert.deepEqual(nextStepFor("queued_for_bureau", "add_access"), NEXT_STEP.queued_for_bureau);
});
