import { AppError } from "../errors.ts";
import { parseIcpNumber } from "../validators/icp-number.ts";
import type { ActorKind, OrderEvent, OrderEventType } from "./events.ts";
import type { OrderKind } from "./order-kinds.ts";
import { EXPIRING_STATES, isFinal, type OrderState } from "./states.ts";

/** What a filing service code becomes when an order moves (fact base §2.2, BSN states). */
export type ServiceCodeState = "unused" | "bound" | "in_filing" | "used" | "void";

/**
 * Side effects a transition asks for. The server carries them out in the same
 * transaction as the state change; none of them is done here.
 */
export type Effect =
  | { kind: "snapshot_revision" }
  | { kind: "service_codes"; to: ServiceCodeState }
  | { kind: "returned_fields"; action: "set" | "clear" }
  | { kind: "issue_records" }
  /** Kinds the provider finishes without MIIT (认领, 转移): the records change now. */
  | { kind: "complete_records" }
  | { kind: "submit_to_regulator" }
  | { kind: "expiry"; action: "reset" | "clear" }
  /** A real-person step is done: its hand-off links (交给本人办理) have served their purpose. */
  | { kind: "handoff_done"; purpose: "sms_verification" }
  | { kind: "notify_applicant"; template: `order.${OrderEventType}` };

interface EventRule {
  actor: ActorKind;
  moves: Partial<Record<OrderState, OrderState>>;
  effects?: Effect[];
}

const releaseCodes: Effect = { kind: "service_codes", to: "unused" };

/**
 * The one transition table of a filing order. Every (state, event) pair not
 * listed here is refused with TRANSITION_NOT_ALLOWED.
 */
export const TRANSITIONS: Record<OrderEventType, EventRule> = {
  submit: {
    actor: "applicant",
    moves: {
      draft: "provider_review",
      returned: "resubmitted",
      provider_rejected: "provider_review",
      bureau_rejected: "provider_review",
    },
    effects: [
      { kind: "snapshot_revision" },
      { kind: "service_codes", to: "in_filing" },
      { kind: "returned_fields", action: "clear" },
    ],
  },
  // 撤销: only while the order has not reached the regulator (fact base §2.1, §2.3).
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
    effects: [releaseCodes],
  },
  // 放弃: whenever the order waits on the applicant.
  abandon: {
    actor: "applicant",
    moves: {
      draft: "abandoned",
      returned: "abandoned",
      provider_rejected: "abandoned",
      bureau_rejected: "abandoned",
    },
    effects: [releaseCodes],
  },
  approve: {
    actor: "reviewer",
    // From regulator_returned: the reviewer submits again after a failed SMS verification.
    moves: {
      provider_review: "queued_for_bureau",
      resubmitted: "queued_for_bureau",
      regulator_returned: "queued_for_bureau",
    },
    // The worker submits it to MIIT through the regulator bridge.
    effects: [{ kind: "submit_to_regulator" }],
  },
  return: {
    actor: "reviewer",
    // From the queue too: an SMS failure comes back there and the phone number may be wrong.
    moves: {
      provider_review: "returned",
      resubmitted: "returned",
      queued_for_bureau: "returned",
      regulator_returned: "returned",
    },
    effects: [{ kind: "returned_fields", action: "set" }],
  },
  reject: {
    actor: "reviewer",
    moves: { provider_review: "provider_rejected", resubmitted: "provider_rejected" },
  },
  sms_sent: { actor: "regulator", moves: { queued_for_bureau: "sms_pending" } },
  sms_verified: {
    actor: "regulator",
    moves: { sms_pending: "bureau_review" },
    effects: [{ kind: "handoff_done", purpose: "sms_verification" }],
  },
  // Orders MIIT asks nobody to verify (取消接入, 变更接入, 注销网站) go straight to the bureau.
  bureau_received: { actor: "regulator", moves: { queued_for_bureau: "bureau_review" } },
  // A timeout or 5 wrong codes return the order to the provider (fact base §2.5).
  // The reviewer then submits again (approve) or returns it to fix a wrong mobile number.
  sms_timed_out: { actor: "regulator", moves: { sms_pending: "regulator_returned" } },
  sms_failed: { actor: "regulator", moves: { sms_pending: "regulator_returned" } },
  bureau_approved: {
    actor: "regulator",
    moves: { bureau_review: "approved" },
    effects: [{ kind: "issue_records" }, { kind: "service_codes", to: "used" }],
  },
  bureau_rejected: { actor: "regulator", moves: { bureau_review: "bureau_rejected" } },
  // 转移备案: only a transfer reaches awaiting_acceptance (see KIND_TRANSITIONS).
  accept_transfer: {
    actor: "recipient",
    moves: { awaiting_acceptance: "approved" },
    effects: [{ kind: "complete_records" }],
  },
  // Like every other end but approval, it releases what the order held (a transfer holds no codes).
  decline_transfer: {
    actor: "recipient",
    moves: { awaiting_acceptance: "declined" },
    effects: [releaseCodes],
  },
  expire: {
    actor: "system",
    moves: Object.fromEntries([...EXPIRING_STATES].map((state) => [state, "expired"])),
    effects: [releaseCodes],
  },
};

/**
 * Where a kind of order departs from the table above (fact base §1.2): a transfer
 * goes from the owner straight to the receiving account, with no review by the
 * provider or the bureau; a claim is finished by the provider's approval, since
 * MIIT already holds the filing.
 */
export const KIND_TRANSITIONS: Partial<Record<OrderKind, Partial<Record<OrderEventType, EventRule>>>> = {
  transfer: {
    submit: {
      actor: "applicant",
      moves: { draft: "awaiting_acceptance" },
      effects: [{ kind: "snapshot_revision" }],
    },
    approve: { actor: "reviewer", moves: {} },
    return: { actor: "reviewer", moves: {} },
    reject: { actor: "reviewer", moves: {} },
  },
  claim: {
    approve: {
      actor: "reviewer",
      moves: { provider_review: "approved", resubmitted: "approved" },
      effects: [{ kind: "complete_records" }],
    },
    return: {
      actor: "reviewer",
      moves: { provider_review: "returned", resubmitted: "returned" },
      effects: [{ kind: "returned_fields", action: "set" }],
    },
  },
};

/** The rule of an event for a kind of order: the kind's own, else the common one. */
export function ruleFor(kind: OrderKind, event: OrderEventType): EventRule {
  return KIND_TRANSITIONS[kind]?.[event] ?? TRANSITIONS[event];
}

export interface TransitionInput {
  state: OrderState;
  /** The kind of order; a first filing when not given. */
  kind?: OrderKind;
}

export interface TransitionResult {
  from: OrderState;
  next: OrderState;
  effects: Effect[];
}

/**
 * Pure: decides the next state and the effects, or throws an AppError. Payload
 * checks that need no I/O (a return names fields, numbers are well formed) are here
 * so that every caller gets them.
 */
export function transition(order: TransitionInput, event: OrderEvent, actor: ActorKind): TransitionResult {
  const rule = ruleFor(order.kind ?? "first_filing", event.type);
  const next = rule.moves[order.state];
  if (rule.actor !== actor) {
    throw new AppError("FORBIDDEN", { event: event.type, actor });
  }
  if (next === undefined) {
    throw new AppError("TRANSITION_NOT_ALLOWED", { state: order.state, event: event.type });
  }
  checkPayload(event);
  const effects: Effect[] = [...(rule.effects ?? [])];
  effects.push({ kind: "expiry", action: EXPIRING_STATES.has(next) ? "reset" : "clear" });
  effects.push({ kind: "notify_applicant", template: `order.${event.type}` });
  return { from: order.state, next, effects };
}

/** The events `actor` may fire on an order in `state`: what the UI shows as buttons. */
export function allowedEvents(
  state: OrderState,
  actor: ActorKind,
  kind: OrderKind = "first_filing",
): OrderEventType[] {
  if (isFinal(state)) return [];
  return (Object.keys(TRANSITIONS) as OrderEventType[]).filter((type) => {
    const rule = ruleFor(kind, type);
    return rule.actor === actor && rule.moves[state] !== undefined;
  });
}

function checkPayload(event: OrderEvent): void {
  const invalid = (details: unknown): never => {
    throw new AppError("VALIDATION_FAILED", details);
  };
  switch (event.type) {
    case "return":
      if (event.fields.length === 0) invalid({ field: "fields", problem: "at least one field" });
      for (const item of event.fields) {
        if (!item.field.trim() || !item.reason.trim())
          invalid({ field: "fields", problem: "field and reason" });
      }
      return;
    case "reject":
      if (!event.reason.trim()) invalid({ field: "reason", problem: "required" });
      return;
    case "bureau_rejected":
      if (event.reasons.length === 0 || event.reasons.some((reason) => !reason.trim())) {
        invalid({ field: "reasons", problem: "at least one non-blank reason" });
      }
      return;
    case "bureau_approved": {
      if (event.numbers === undefined) return;
      const subject = parseIcpNumber(event.numbers.subjectNumber);
      if (!subject || subject.service) invalid({ field: "numbers.subjectNumber", problem: "format" });
      if (event.numbers.appNumber !== undefined) {
        const app = parseIcpNumber(event.numbers.appNumber);
        if (app?.subjectNumber !== event.numbers.subjectNumber || app.service?.kind !== "app") {
          invalid({ field: "numbers.appNumber", problem: "format" });
        }
      } else if (Object.keys(event.numbers.websiteNumbers).length === 0) {
        invalid({ field: "numbers.websiteNumbers", problem: "at least one website number" });
      }
      for (const [domain, number] of Object.entries(event.numbers.websiteNumbers)) {
        const parsed = parseIcpNumber(number);
        if (parsed?.subjectNumber !== event.numbers.subjectNumber || parsed.service?.kind !== "website") {
          invalid({ field: `numbers.websiteNumbers.${domain}`, problem: "format" });
        }
      }
      return;
    }
    default:
      return;
  }
}
