import { Tag } from "antd";
import { useLang } from "../i18n";
import type { LocalizedText, OrderState } from "../types";

const COLORS: Record<OrderState, string> = {
  draft: "default",
  provider_review: "processing",
  returned: "warning",
  resubmitted: "processing",
  provider_rejected: "error",
  queued_for_bureau: "cyan",
  regulator_returned: "volcano",
  sms_pending: "gold",
  bureau_review: "blue",
  approved: "success",
  bureau_rejected: "error",
  awaiting_acceptance: "purple",
  declined: "default",
  withdrawn: "default",
  abandoned: "default",
  expired: "default",
};

export function StateTag({ state, label }: { state: OrderState; label: LocalizedText }) {
  const { pick } = useLang();
  return (
    <Tag color={COLORS[state]} data-state={state}>
      {pick(label)}
    </Tag>
  );
}
