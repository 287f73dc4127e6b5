import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { AppError } from "../src/errors.ts";
import { ORDER_EVENTS, type ActorKind, type OrderEvent, type OrderEventType } from "../src/filing/events.ts";
import { ORDER_STATES, isFinal, type OrderState } from "../src/filing/states.ts";
import { TRANSITIONS, allowedEvents, transition } from "../src/filing/transitions.ts";
import { SUBJECT_NUMBER, validEvent } from "./support/events.ts";

/**
 * A model of what the server does around transition(): accounts own orders, an
 * account has at most one order in progress, and every accepted event bumps the
 * order's version and appends one audit record.
 *
 * Convention: an order is created in "draft" with version 0 and no audit record;
 * each accepted event adds 1 to the version and appends exactly one record, so
 * audit.length === version at all times and audit[i].version === i + 1.
 */
const ACTORS: readonly ActorKind[] = ["applicant", "reviewer", "regulator", "system"];
const ACCOUNTS = 3;

interface AuditRecord {
  event: OrderEventType;
  actor: ActorKind;
  from: OrderState;
  to: OrderState;
  version: number;
}

interface ModelOrder {
  id: number;
  account: number;
  state: OrderState;
  version: number;
  audit: AuditRecord[];
}

interface Model {
  orders: ModelOrder[];
  nextId: number;
}

type Command =
  | { kind: "create"; account: number }
  /** Any event, any actor, on any order: mostly refused. */
  | { kind: "fire"; pick: number; event: OrderEvent; actor: ActorKind }
  /** An event with a move from the order's current state: keeps orders moving. */
  | { kind: "nudge"; pick: number; choice: number; validPayload: boolean; forward: boolean };

/** The happy path: a forward nudge prefers these, so that orders do reach approval. */
const FORWARD: readonly OrderEventType[] = [
  "submit",
  "approve",
  "sms_sent",
  "sms_verified",
  "bureau_approved",
];

/** A payload that fails validation, for the event types that carry one; otherwise the valid one. */
function invalidEvent(type: OrderEventType): OrderEvent {
  switch (type) {
    case "return":
      return { type, fields: [] };
    case "reject":
      return { type, reason: "  " };
    case "bureau_approved":
      return {
        type,
        numbers: {
          subjectNumber: SUBJECT_NUMBER,
          websiteNumbers: { "example.com": "浙ICP备2026009999号-1" },
        },
      };
    case "bureau_rejected":
      return { type, reasons: [] };
    default:
      return validEvent(type);
  }
}

const eventArb: fc.Arbitrary<{ event: OrderEvent; actor: ActorKind }> = fc
  .constantFrom(...ORDER_EVENTS)
  .chain((type) =>
    fc.record({
      event: fc.oneof(
        { weight: 4, arbitrary: fc.constant(validEvent(type)) },
        { weight: 1, arbitrary: fc.constant(invalidEvent(type)) },
      ),
      // Mostly the event's own actor, so that refusals come from the state too.
      actor: fc.oneof(
        { weight: 3, arbitrary: fc.constant(TRANSITIONS[type].actor) },
        { weight: 1, arbitrary: fc.constantFrom(...ACTORS) },
      ),
    }),
  );

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("create" as const), account: fc.nat(ACCOUNTS - 1) }),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ pick: fc.nat(), fired: eventArb })
      .map(({ pick, fired }): Command => ({ kind: "fire", pick, ...fired })),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("nudge" as const),
      pick: fc.nat(),
      choice: fc.nat(),
      validPayload: fc.boolean(),
      forward: fc.boolean(),
    }),
  },
);

const isActive = (order: ModelOrder) => !isFinal(order.state);

/** Applies one command to the model, the way the server will. Returns what happened, for statistics. */
function apply(model: Model, command: Command): string {
  if (command.kind === "create") {
    if (model.orders.some((order) => order.account === command.account && isActive(order))) {
      return "create_refused";
    }
    model.orders.push({
      id: model.nextId++,
      account: command.account,
      state: "draft",
      version: 0,
      audit: [],
    });
    return "created";
  }
  if (model.orders.length === 0) return "no_order";
  const order = model.orders[command.pick % model.orders.length] as ModelOrder;

  let event: OrderEvent;
  let actor: ActorKind;
  if (command.kind === "fire") {
    ({ event, actor } = command);
  } else {
    const candidates = ACTORS.flatMap((who) =>
      allowedEvents(order.state, who).map((type) => ({ type, who })),
    );
    if (candidates.length === 0) {
      // A final state: fire something anyway, it must be refused.
      const type = ORDER_EVENTS[command.choice % ORDER_EVENTS.length] as OrderEventType;
      event = validEvent(type);
      actor = TRANSITIONS[type].actor;
    } else {
      const forward = candidates.filter((candidate) => FORWARD.includes(candidate.type));
      const pool = command.forward && forward.length > 0 ? forward : candidates;
      const picked = pool[command.choice % pool.length] as (typeof candidates)[number];
      event = command.validPayload ? validEvent(picked.type) : invalidEvent(picked.type);
      actor = picked.who;
    }
  }

  let next: OrderState;
  try {
    next = transition({ state: order.state }, event, actor).next;
  } catch (error) {
    assert.ok(error instanceof AppError, `transition threw a non-AppError: ${String(error)}`);
    assert.ok(["TRANSITION_NOT_ALLOWED", "FORBIDDEN", "VALIDATION_FAILED"].includes(error.code), error.code);
    return "refused";
  }
  assert.ok((ORDER_STATES as readonly string[]).includes(next), `unknown next state ${next}`);
  const from = order.state;
  order.state = next;
  order.version += 1;
  order.audit.push({ event: event.type, actor, from, to: next, version: order.version });
  return `moved_to_${next}`;
}

function checkInvariants(before: readonly ModelOrder[], after: Model): void {
  // At most one active order per account.
  for (let account = 0; account < ACCOUNTS; account++) {
    const active = after.orders.filter((order) => order.account === account && isActive(order));
    assert.ok(active.length <= 1, `account ${account} has ${active.length} active orders`);
  }
  // Orders are never dropped; versions only increase, by one at a time, and at most one order moves per step.
  assert.ok(after.orders.length >= before.length);
  let moved = 0;
  for (const previous of before) {
    const current = after.orders.find((order) => order.id === previous.id);
    assert.ok(current, `order ${previous.id} disappeared`);
    assert.ok(current.version >= previous.version, `order ${previous.id} version went down`);
    assert.ok(current.version - previous.version <= 1, `order ${previous.id} version jumped`);
    if (current.version !== previous.version) moved++;
    else assert.deepEqual(current, previous, `order ${previous.id} changed without a version bump`);
    // Nothing changes once an order is final.
    if (isFinal(previous.state)) assert.deepEqual(current, previous, `final order ${previous.id} changed`);
  }
  assert.ok(moved <= 1, `${moved} orders moved in one step`);
  // The audit trail matches the version and chains from draft to the current state.
  for (const order of after.orders) {
    assert.equal(order.audit.length, order.version, `order ${order.id}: audit records ≠ version`);
    let state: OrderState = "draft";
    order.audit.forEach((record, index) => {
      assert.equal(record.version, index + 1);
      assert.equal(record.from, state, `order ${order.id}: audit chain broken at ${index}`);
      assert.ok(!isFinal(record.from), `order ${order.id}: left final state ${record.from}`);
      state = record.to;
    });
    assert.equal(state, order.state, `order ${order.id}: audit does not end at the current state`);
  }
}

test("random command sequences keep the order invariants", () => {
  const seen = new Map<string, number>();
  fc.assert(
    fc.property(
      fc.nat(ACCOUNTS - 1),
      fc.array(commandArb, { maxLength: 80, size: "large" }),
      (first, rest) => {
        const model: Model = { orders: [], nextId: 1 };
        for (const command of [{ kind: "create", account: first } as const, ...rest]) {
          const before = structuredClone(model.orders);
          const outcome = apply(model, command);
          seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
          checkInvariants(before, model);
        }
      },
    ),
    { numRuns: 300 },
  );
  // The generator must actually exercise the interesting paths, or the property proves little.
  for (const outcome of [
    "created",
    "create_refused",
    "refused",
    "moved_to_approved",
    "moved_to_withdrawn",
    "moved_to_abandoned",
    "moved_to_expired",
    "moved_to_bureau_rejected",
    "moved_to_resubmitted",
  ]) {
    assert.ok((seen.get(outcome) ?? 0) > 0, `never saw ${outcome}: ${JSON.stringify([...seen])}`);
  }
});

test("transition never throws anything but a refusal, whatever the payload", () => {
  const text = fc.string({ maxLength: 24 });
  const anyEvent: fc.Arbitrary<OrderEvent> = fc.oneof(
    fc.constantFrom(...ORDER_EVENTS.map((type) => validEvent(type))),
    fc.record({ type: fc.constant("approve" as const), note: text }),
    fc.record({
      type: fc.constant("return" as const),
      fields: fc.array(fc.record({ field: text, reason: text }), { maxLength: 3 }),
    }),
    fc.record({ type: fc.constant("reject" as const), reason: text }),
    fc.record({ type: fc.constant("sms_failed" as const), attempts: fc.integer() }),
    fc.record({ type: fc.constant("bureau_rejected" as const), reasons: fc.array(text, { maxLength: 3 }) }),
    fc.record({
      type: fc.constant("bureau_approved" as const),
      numbers: fc.record({
        subjectNumber: fc.oneof(text, fc.constant(SUBJECT_NUMBER)),
        websiteNumbers: fc.dictionary(
          text,
          fc.oneof(
            text,
            fc.nat(20).map((n) => `${SUBJECT_NUMBER}-${n}`),
          ),
          { maxKeys: 3 },
        ),
      }),
    }),
  );
  fc.assert(
    fc.property(
      fc.constantFrom(...ORDER_STATES),
      anyEvent,
      fc.constantFrom(...ACTORS),
      (state, event, actor) => {
        try {
          const result = transition({ state }, event, actor);
          assert.ok(!isFinal(state), `left final state ${state}`);
          assert.ok(allowedEvents(state, actor).includes(event.type));
          assert.ok((ORDER_STATES as readonly string[]).includes(result.next));
        } catch (error) {
          assert.ok(error instanceof AppError, `non-AppError: ${String(error)}`);
          assert.ok(["TRANSITION_NOT_ALLOWED", "FORBIDDEN", "VALIDATION_FAILED"].includes(error.code));
          if (error.code === "VALIDATION_FAILED") assert.ok(allowedEvents(state, actor).includes(event.type));
        }
      },
    ),
    { numRuns: 1000 },
  );
});
