import { Steps } from "antd";
import { useLang } from "../i18n";
import type { OrderKind, OrderState, OrderView } from "../types";
import { doneStepKey } from "./filing/orderKinds";

type StepStatus = "wait" | "process" | "finish" | "error";

type Positions = Partial<Record<OrderState, { current: number; status: StepStatus }>>;

/** 提交 → 初审, the same for every kind the provider reviews. */
const REVIEW_POSITION: Positions = {
  draft: { current: 0, status: "process" },
  provider_review: { current: 1, status: "process" },
  resubmitted: { current: 1, status: "process" },
  returned: { current: 1, status: "error" },
  provider_rejected: { current: 1, status: "error" },
};

/** Where each state sits on 提交 → 初审 → 短信核验 → 管局审核 → 已备案. */
const DEFAULT_POSITION: Positions = {
  ...REVIEW_POSITION,
  queued_for_bureau: { current: 2, status: "process" },
  regulator_returned: { current: 2, status: "error" },
  sms_pending: { current: 2, status: "process" },
  bureau_review: { current: 3, status: "process" },
  bureau_rejected: { current: 3, status: "error" },
  approved: { current: 4, status: "finish" },
};

/**
 * Kinds that do not reach MIIT end earlier: a claim with the provider's review (提交 → 初审 →
 * 已认领), a transfer with the receiving account (提交 → 待对方接收 → 已转移).
 */
const KIND_STEPS: Partial<Record<OrderKind, { keys: string[]; position: Positions }>> = {
  claim: {
    keys: ["order.steps.submit", "order.steps.review"],
    position: { ...REVIEW_POSITION, approved: { current: 2, status: "finish" } },
  },
  transfer: {
    keys: ["order.steps.submit", "transfer.order.acceptStep"],
    position: {
      draft: { current: 0, status: "process" },
      awaiting_acceptance: { current: 1, status: "process" },
      declined: { current: 1, status: "error" },
      approved: { current: 2, status: "finish" },
    },
  },
};

function positionOf(order: OrderView): { current: number; status: StepStatus } {
  const positions = KIND_STEPS[order.type]?.position ?? DEFAULT_POSITION;
  const known = positions[order.state];
  if (known) return known;
  // Withdrawn, abandoned, expired: stop where the order was when it ended.
  const last = [...order.timeline].reverse().find((entry) => entry.fromState && positions[entry.fromState]);
  const from = last?.fromState ? positions[last.fromState] : undefined;
  return { current: from?.current ?? 0, status: "error" };
}

/** `noSms`: MIIT texts nobody for it (取消接入, 注销网站, 变更接入): that step is the hand-over to the bureau. */
export function OrderProgress({ order, noSms = false }: { order: OrderView; noSms?: boolean }) {
  const { t, pick } = useLang();
  const { current, status } = positionOf(order);
  const own = KIND_STEPS[order.type];
  const keys = own
    ? [...own.keys, doneStepKey(order.type)]
    : [
        "order.steps.submit",
        "order.steps.review",
        noSms ? "kind.noSmsStep" : "order.steps.sms",
        "order.steps.bureau",
        doneStepKey(order.type),
      ];
  return (
    <Steps
      current={current}
      status={status}
      items={keys.map((key, index) => ({
        title: t(key),
        content: index === current && status !== "finish" ? pick(order.stateLabel) : undefined,
      }))}
    />
  );
}
