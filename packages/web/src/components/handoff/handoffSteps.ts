import { EDITABLE_STATES, type RegulatorOrderType } from "@openbeian/core";
import type { OrderState, OrderView } from "../../types";
import { hasWizard, sendsSms } from "../filing/orderKinds";
import { stepsOf } from "../wizard/kinds";
import { STEP_KEYS } from "../wizard/steps";

/**
 * States in which MIIT's SMS verification is still ahead (or under way): before it is sent,
 * while it waits, and after a failed one or a rejection, when the order goes to MIIT again.
 */
const SMS_AHEAD: ReadonlySet<OrderState> = new Set<OrderState>([
  "draft",
  "provider_review",
  "returned",
  "resubmitted",
  "provider_rejected",
  "queued_for_bureau",
  "sms_pending",
  "regulator_returned",
  "bureau_rejected",
]);

const FACE_STEP = STEP_KEYS.indexOf("face");

/** The face photo can be taken while the order can be edited, for kinds whose wizard asks for it. */
export const faceCheckAhead = (view: Pick<OrderView, "type" | "state">) =>
  EDITABLE_STATES.has(view.state) && hasWizard(view.type) && stepsOf(view.type).includes(FACE_STEP);

/** Is there a step left that the person must do themselves, so links are worth making. */
export function handOffAhead(
  view: Pick<OrderView, "type" | "state">,
  regulatorType: RegulatorOrderType | null,
) {
  if (faceCheckAhead(view)) return true;
  return !!regulatorType && sendsSms(regulatorType) && SMS_AHEAD.has(view.state);
}
