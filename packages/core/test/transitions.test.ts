import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { AppError, type ErrorCode } from "../src/errors.ts";
import { ORDER_EVENTS, type ActorKind, type OrderEvent, type OrderEventType } from "../src/filing/events.ts";
import {
  EXPIRING_STATES,
  FINAL_STATES,
  ORDER_STATES,
  STATE_LABELS,
  isFinal,
  type OrderState,
} from "../src/filing/states.ts";
import { ORDER_KINDS, type OrderKind } from "../src/filing/order-kinds.ts";
import { allowedEvents, transition, type TransitionResult } from "../src/filing/transitions.ts";
import { SUBJECT_NUMBER, validEvent } from "./support/events.ts";

const ACTORS: readonly ActorKind[] = ["applicant", "reviewer", "regulator", "system", "recipient"];

/**
 * The expected transition table, written out independently of the source so a
 * change to TRANSITIONS has to be made on purpose in both places.
 */
const EXPECTED: Record<OrderEventType, { actor: ActorKind; moves: Partial<Record<OrderState, OrderState>> }> =
  {
    submit: {
      actor: "applicant",
      moves: {
        draft: "provider_review",
        returned: "resubmitted",
        provider_rejected: "provider_review",
        bureau_rejected: "provider_review",
      },
    },
    withdraw: {
      actor: "applicant",
      moves: {
        provider_review: "withdrawn",
        returned: "withdrawn",
        resubmitted: "withdrawn",
        queued_for_bureau: "withdrawn",
        regulator_returned: "withdrawn",
        awaiting_acceptance: "withdrawn",
      },
    },
    abandon: {
      actor: "applicant",
      moves: {
        draft: "abandoned",
        returned: "abandoned",
        provider_rejected: "abandoned",
        bureau_rejected: "abandoned",
      },
    },
    approve: {
      actor: "reviewer",
      moves: {
        provider_review: "queued_for_bureau",
        resubmitted: "queued_for_bureau",
        regulator_returned: "queued_for_bureau",
      },
    },
    return: {
      actor: "reviewer",
      moves: {
        provider_review: "returned",
        resubmitted: "returned",
        queued_for_bureau: "returned",
        regulator_returned: "returned",
      },
    },
    reject: {
      actor: "reviewer",
      moves: { provider_review: "provider_rejected", resubmitted: "provider_rejected" },
    },
    sms_sent: { actor: "regulator", moves: { queued_for_bureau: "sms_pending" } },
    sms_verified: { actor: "regulator", moves: { sms_pending: "bureau_review" } },
    bureau_received: { actor: "regulator", moves: { queued_for_bureau: "bureau_review" } },
    sms_timed_out: { actor: "regulator", moves: { sms_pending: "regulator_returned" } },
    sms_failed: { actor: "regulator", moves: { sms_pending: "regulator_returned" } },
    bureau_approved: { actor: "regulator", moves: { bureau_review: "approved" } },
    bureau_rejected: { actor: "regulator", moves: { bureau_review: "bureau_rejected" } },
    accept_transfer: { actor: "recipient", moves: { awaiting_acceptance: "approved" } },
    decline_transfer: { actor: "recipient", moves: { awaiting_acceptance: "declined" } },
    expire: {
      actor: "system",
      moves: {
        draft: "expired",
        provider_review: "expired",
        returned: "expired",
        resubmitted: "expired",
        provider_rejected: "expired",
        queued_for_bureau: "expired",
        regulator_returned: "expired",
        bureau_rejected: "expired",
        awaiting_acceptance: "expired",
      },
    },
  };

type Outcome = { ok: true; result: TransitionResult } | { ok: false; code: ErrorCode; error: AppError };

function attempt(state: OrderState, event: OrderEvent, actor: ActorKind): Outcome {
  try {
    return { ok: true, result: transition({ state }, event, actor) };
  } catch (error) {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    return { ok: false, code: error.code, error };
  }
}

function expectCode(outcome: Outcome, code: ErrorCode): AppError {
  assert.equal(outcome.ok, false, `expected ${code}, but the transition succeeded`);
  assert.ok(!outcome.ok);
  assert.equal(outcome.code, code);
  return outcome.error;
}

const REFUSAL_CODES: ReadonlySet<ErrorCode> = new Set([
  "TRANSITION_NOT_ALLOWED",
  "FORBIDDEN",
  "VALIDATION_FAILED",
]);
const STATE_SET: ReadonlySet<string> = new Set(ORDER_STATES);

describe("transition: every state × event × actor", () => {
  for (const state of ORDER_STATES) {
    test(`from ${state}`, () => {
      let checked = 0;
      for (const type of ORDER_EVENTS) {
        for (const actor of ACTORS) {
          checked++;
          const outcome = attempt(state, validEvent(type), actor);
          const rule = EXPECTED[type];
          const expectedNext = rule.actor === actor ? rule.moves[state] : undefined;
          const where = `${state} --${type}/${actor}-->`;
          if (outcome.ok) {
            assert.ok(STATE_SET.has(outcome.result.next), `${where} unknown state ${outcome.result.next}`);
            assert.equal(outcome.result.next, expectedNext, `${where} went to ${outcome.result.next}`);
            assert.equal(outcome.result.from, state);
          } else {
            assert.ok(REFUSAL_CODES.has(outcome.code), `${where} threw ${outcome.code}`);
            assert.equal(expectedNext, undefined, `${where} expected ${expectedNext}, got ${outcome.code}`);
            // Valid payloads never fail validation; the right actor is refused only for the state.
            assert.notEqual(outcome.code, "VALIDATION_FAILED", `${where} rejected a valid payload`);
            if (rule.actor === actor) assert.equal(outcome.code, "TRANSITION_NOT_ALLOWED", where);
          }
        }
      }
      assert.equal(checked, ORDER_EVENTS.length * ACTORS.length);
    });
  }

  test("an actor other than the event's actor is refused with FORBIDDEN where the move exists", () => {
    const error = expectCode(attempt("draft", validEvent("submit"), "reviewer"), "FORBIDDEN");
    assert.equal(error.status, 403);
    expectCode(attempt("provider_review", validEvent("approve"), "applicant"), "FORBIDDEN");
    expectCode(attempt("bureau_review", validEvent("bureau_approved"), "system"), "FORBIDDEN");
    expectCode(attempt("draft", validEvent("expire"), "applicant"), "FORBIDDEN");
  });

  test("a move missing from the table is refused with TRANSITION_NOT_ALLOWED (409)", () => {
    const error = expectCode(attempt("draft", validEvent("approve"), "reviewer"), "TRANSITION_NOT_ALLOWED");
    assert.equal(error.status, 409);
    assert.deepEqual(error.details, { state: "draft", event: "approve" });
  });
});

/**
 * Every move an order of `kind` can make from draft, by any actor with a valid event:
 * the moves as `state --event/actor--> next` and the states reached (draft included).
 */
function walk(kind: OrderKind) {
  const moves: string[] = [];
  const frontier: OrderState[] = ["draft"];
  const seen = new Set<OrderState>(["draft"]);
  while (frontier.length > 0) {
    const state = frontier.pop() as OrderState;
    for (const actor of ACTORS) {
      for (const type of allowedEvents(state, actor, kind)) {
        const { next } = transition({ state, kind }, validEvent(type), actor);
        moves.push(`${state} --${type}/${actor}--> ${next}`);
        if (!seen.has(next)) {
          seen.add(next);
          frontier.push(next);
        }
      }
    }
  }
  return { moves: moves.sort(), states: [...seen].sort() };
}

describe("final states", () => {
  test("FINAL_STATES are exactly approved, declined, withdrawn, abandoned and expired", () => {
    assert.deepEqual([...FINAL_STATES].sort(), ["abandoned", "approved", "declined", "expired", "withdrawn"]);
    for (const state of ORDER_STATES) assert.equal(isFinal(state), FINAL_STATES.has(state));
  });

  for (const state of FINAL_STATES) {
    test(`nothing leaves ${state}`, () => {
      for (const type of ORDER_EVENTS) {
        for (const actor of ACTORS) {
          const outcome = attempt(state, validEvent(type), actor);
          assert.equal(outcome.ok, false, `${state} --${type}/${actor}--> succeeded`);
        }
      }
      for (const actor of ACTORS) assert.deepEqual(allowedEvents(state, actor), [], actor);
    });
  }

  test("every non-final state can still be left by someone", () => {
    for (const state of ORDER_STATES.filter((candidate) => !isFinal(candidate))) {
      const events = ACTORS.flatMap((actor) => allowedEvents(state, actor));
      assert.ok(events.length > 0, `${state} is a dead end`);
    }
  });

  test("every state is reachable from draft by some kind of order", () => {
    const reached = new Set<OrderState>(ORDER_KINDS.flatMap((kind) => walk(kind).states));
    assert.deepEqual([...reached].sort(), [...ORDER_STATES].sort());
  });
});

describe("allowedEvents", () => {
  for (const state of ORDER_STATES) {
    test(`matches the successful transitions from ${state}`, () => {
      for (const actor of ACTORS) {
        const succeeding = ORDER_EVENTS.filter((type) => attempt(state, validEvent(type), actor).ok);
        const allowed = allowedEvents(state, actor);
        assert.deepEqual([...allowed].sort(), [...succeeding].sort(), `${state} / ${actor}`);
        assert.equal(new Set(allowed).size, allowed.length, "no duplicates");
      }
    });
  }
});

describe("withdraw (撤销)", () => {
  for (const state of ["sms_pending", "bureau_review", "approved"] as const) {
    test(`is never allowed from ${state}`, () => {
      for (const actor of ACTORS) {
        assert.equal(attempt(state, { type: "withdraw" }, actor).ok, false, actor);
        assert.ok(!allowedEvents(state, actor).includes("withdraw"));
      }
    });
  }
});

describe("labels", () => {
  test("every state has a non-empty zh and en label", () => {
    for (const state of ORDER_STATES) {
      const label = STATE_LABELS[state];
      assert.ok(label, state);
      assert.equal(typeof label.zh, "string");
      assert.equal(typeof label.en, "string");
      assert.ok(label.zh.trim().length > 0, `${state} zh`);
      assert.ok(label.en.trim().length > 0, `${state} en`);
    }
    assert.deepEqual(Object.keys(STATE_LABELS).sort(), [...ORDER_STATES].sort());
  });
});

describe("effects", () => {
  const successes: { state: OrderState; type: OrderEventType; actor: ActorKind; result: TransitionResult }[] =
    [];
  for (const state of ORDER_STATES) {
    for (const type of ORDER_EVENTS) {
      for (const actor of ACTORS) {
        const outcome = attempt(state, validEvent(type), actor);
        if (outcome.ok) successes.push({ state, type, actor, result: outcome.result });
      }
    }
  }

  test("the table has the expected number of moves", () => {
    const expectedCount = Object.values(EXPECTED).reduce(
      (sum, rule) => sum + Object.keys(rule.moves).length,
      0,
    );
    assert.equal(successes.length, expectedCount);
  });

  test("every transition asks for exactly one expiry and one notify_applicant effect", () => {
    for (const { state, type, result } of successes) {
      const expiry = result.effects.filter((effect) => effect.kind === "expiry");
      const notify = result.effects.filter((effect) => effect.kind === "notify_applicant");
      assert.equal(expiry.length, 1, `${state} --${type}-->`);
      assert.equal(notify.length, 1, `${state} --${type}-->`);
    }
  });

  test("the expiry clock is reset in expiring states and cleared elsewhere", () => {
    for (const { result } of successes) {
      const expiry = result.effects.find((effect) => effect.kind === "expiry");
      assert.deepEqual(expiry, {
        kind: "expiry",
        action: EXPIRING_STATES.has(result.next) ? "reset" : "clear",
      });
    }
  });

  test("the notification template names the event", () => {
    for (const { type, result } of successes) {
      const notify = result.effects.find((effect) => effect.kind === "notify_applicant");
      assert.deepEqual(notify, { kind: "notify_applicant", template: `order.${type}` });
    }
  });

  test("service codes: in filing on submit, used on approval, released when the order ends otherwise", () => {
    const codesOf = (state: OrderState, type: OrderEventType, actor: ActorKind) =>
      transition({ state }, validEvent(type), actor).effects.filter(
        (effect) => effect.kind === "service_codes",
      );
    assert.deepEqual(codesOf("draft", "submit", "applicant"), [{ kind: "service_codes", to: "in_filing" }]);
    assert.deepEqual(codesOf("bureau_review", "bureau_approved", "regulator"), [
      { kind: "service_codes", to: "used" },
    ]);
    for (const [state, type, actor] of [
      ["provider_review", "withdraw", "applicant"],
      ["draft", "abandon", "applicant"],
      ["queued_for_bureau", "expire", "system"],
    ] as const) {
      assert.deepEqual(codesOf(state, type, actor), [{ kind: "service_codes", to: "unused" }], type);
    }
    // Every move into a final state other than approved releases the codes.
    for (const { type, result } of successes) {
      if (isFinal(result.next) && result.next !== "approved") {
        assert.ok(
          result.effects.some((effect) => effect.kind === "service_codes" && effect.to === "unused"),
          type,
        );
      }
    }
  });

  test("transition is pure: same input, same output, input untouched", () => {
    for (const { state, type, actor, result } of successes) {
      const input = Object.freeze({ state });
      const event = validEvent(type);
      const eventCopy = structuredClone(event);
      assert.deepEqual(transition(input, event, actor), result);
      assert.deepEqual(event, eventCopy);
    }
  });
});

describe("payload checks", () => {
  const validationFails = (state: OrderState, event: OrderEvent, actor: ActorKind) => {
    const error = expectCode(attempt(state, event, actor), "VALIDATION_FAILED");
    assert.equal(error.status, 400);
    return error;
  };

  test("return needs at least one field", () => {
    const error = validationFails("provider_review", { type: "return", fields: [] }, "reviewer");
    assert.deepEqual(error.details, { field: "fields", problem: "at least one field" });
  });

  test("return needs a field path and a reason on every entry", () => {
    for (const item of [
      { field: "", reason: "请核实" },
      { field: "   ", reason: "请核实" },
      { field: "subject.name", reason: "" },
      { field: "subject.name", reason: " \t " },
    ]) {
      validationFails(
        "resubmitted",
        { type: "return", fields: [{ field: "subject.address", reason: "地址不完整" }, item] },
        "reviewer",
      );
    }
  });

  test("reject needs a non-blank reason", () => {
    for (const reason of ["", "   ", "\n"]) {
      const error = validationFails("provider_review", { type: "reject", reason }, "reviewer");
      assert.deepEqual(error.details, { field: "reason", problem: "required" });
    }
  });

  test("bureau_rejected needs at least one reason", () => {
    validationFails("bureau_review", { type: "bureau_rejected", reasons: [] }, "regulator");
  });

  test("bureau_rejected refuses blank reasons, like reject and return do", () => {
    validationFails("bureau_review", { type: "bureau_rejected", reasons: ["  "] }, "regulator");
  });

  const approved = (subjectNumber: string, websiteNumbers: Record<string, string>): OrderEvent => ({
    type: "bureau_approved",
    numbers: { subjectNumber, websiteNumbers },
  });

  test("bureau_approved accepts well-formed numbers (10- and 8-digit serials, several sites)", () => {
    for (const event of [
      approved(SUBJECT_NUMBER, { "example.com": `${SUBJECT_NUMBER}-1` }),
      approved("京ICP备12345678号", {
        "a.example.cn": "京ICP备12345678号-1",
        "b.example.cn": "京ICP备12345678号-2",
      }),
      approved("蜀ICP备2026000001号", { "c.example.cn": "蜀ICP备2026000001号-3" }),
    ]) {
      assert.equal(transition({ state: "bureau_review" }, event, "regulator").next, "approved");
    }
  });

  test("bureau_approved refuses an approval without website numbers", () => {
    assert.throws(
      () => transition({ state: "bureau_review" }, approved("蜀ICP备2026000001号", {}), "regulator"),
      (error: unknown) => error instanceof AppError && error.code === "VALIDATION_FAILED",
    );
  });

  test("bureau_approved refuses a malformed subject number", () => {
    for (const subjectNumber of [
      "",
      "浙ICP备123号",
      "浙ICP备202600123号",
      "川ICP备2026001234号",
      "ZJICP备2026001234号",
      "浙ICP证2026001234号",
      `${SUBJECT_NUMBER}-1`,
    ]) {
      const error = validationFails("bureau_review", approved(subjectNumber, {}), "regulator");
      assert.deepEqual(error.details, { field: "numbers.subjectNumber", problem: "format" }, subjectNumber);
    }
  });

  test("bureau_approved refuses malformed website numbers", () => {
    for (const websiteNumber of [
      "",
      "not a number",
      `${SUBJECT_NUMBER}-0`,
      SUBJECT_NUMBER,
      `${SUBJECT_NUMBER}-1A`,
      `${SUBJECT_NUMBER}-1X`,
      `${SUBJECT_NUMBER}-12345`,
    ]) {
      const error = validationFails(
        "bureau_review",
        approved(SUBJECT_NUMBER, { "example.com": websiteNumber }),
        "regulator",
      );
      assert.deepEqual(
        error.details,
        { field: "numbers.websiteNumbers.example.com", problem: "format" },
        websiteNumber,
      );
    }
  });

  test("bureau_approved refuses a website number belonging to another subject number", () => {
    for (const other of ["浙ICP备2026009999号-1", "京ICP备2026001234号-1", "浙ICP备20260012号-1"]) {
      validationFails(
        "bureau_review",
        approved(SUBJECT_NUMBER, { "example.com": `${SUBJECT_NUMBER}-1`, "example.net": other }),
        "regulator",
      );
    }
  });
});

describe("kinds that depart from the common table", () => {
  test("a transfer goes from the owner to the receiving account: no provider review, no bureau", () => {
    const { moves, states } = walk("transfer");
    assert.deepEqual(states, [
      "abandoned",
      "approved",
      "awaiting_acceptance",
      "declined",
      "draft",
      "expired",
      "withdrawn",
    ]);
    assert.ok(moves.includes("draft --submit/applicant--> awaiting_acceptance"));
    assert.ok(moves.includes("awaiting_acceptance --accept_transfer/recipient--> approved"));
    assert.ok(moves.includes("awaiting_acceptance --decline_transfer/recipient--> declined"));
    assert.ok(moves.includes("awaiting_acceptance --withdraw/applicant--> withdrawn"));
    assert.ok(
      !moves.some((move) => move.includes("/reviewer") || move.includes("/regulator")),
      moves.join("\n"),
    );
    const accepted = transition(
      { state: "awaiting_acceptance", kind: "transfer" },
      { type: "accept_transfer" },
      "recipient",
    );
    assert.ok(accepted.effects.some((effect) => effect.kind === "complete_records"));
  });

  test("the owner cannot accept their own transfer, and only a transfer waits for acceptance", () => {
    const own = () =>
      transition(
        { state: "awaiting_acceptance", kind: "transfer" },
        { type: "accept_transfer" },
        "applicant",
      );
    assert.throws(own, (error: unknown) => error instanceof AppError && error.code === "FORBIDDEN");
    assert.throws(
      () => transition({ state: "draft", kind: "first_filing" }, { type: "accept_transfer" }, "recipient"),
      (error: unknown) => error instanceof AppError && error.code === "TRANSITION_NOT_ALLOWED",
    );
  });

  test("a claim is finished by the provider's approval: MIIT already holds the filing", () => {
    const { moves, states } = walk("claim");
    assert.ok(moves.includes("provider_review --approve/reviewer--> approved"));
    assert.ok(moves.includes("resubmitted --approve/reviewer--> approved"));
    for (const state of [
      "queued_for_bureau",
      "sms_pending",
      "bureau_review",
      "regulator_returned",
      "awaiting_acceptance",
    ])
      assert.ok(!states.includes(state as OrderState), state);
    const approved = transition({ state: "provider_review", kind: "claim" }, { type: "approve" }, "reviewer");
    assert.ok(approved.effects.some((effect) => effect.kind === "complete_records"));
    assert.ok(!approved.effects.some((effect) => effect.kind === "submit_to_regulator"));
  });
});
