import { chinaDate, type WorkdayCalendar } from "../calendar/workdays.ts";
import { AppError } from "../errors.ts";
import { HOUR_MS } from "../clock.ts";
import type { LocalizedText } from "../text.ts";
import { ORDER_KIND_RULES, type OrderKind } from "./order-kinds.ts";
import { isRegulatorOrderType, sendsSms } from "./sms-matrix.ts";
import { isFinal, type OrderState } from "./states.ts";
import { SMS_WINDOW_HOURS } from "./time-limits.ts";

/**
 * When each remaining step of an order is due (fact base §2.4): the provider's
 * initial review (1 working day), its submission to the bureau (1 working day),
 * the MIIT SMS (24 hours after it is sent, about 5 minutes after submission)
 * and the bureau's decision (the province's working days, 20 or Zhejiang's 30).
 * Dates already passed are kept so the applicant sees the whole path.
 */
export interface EtaInput {
  state: OrderState;
  now: Date;
  submittedAt?: Date;
  approvedAt?: Date;
  smsSentAt?: Date;
  smsVerifiedAt?: Date;
  bureauReviewWorkingDays: number;
  calendar: WorkdayCalendar;
  initialReviewWorkingDays?: number;
  bureauSubmissionWorkingDays?: number;
  /** The kind of order (a first filing when not given): some have no SMS or no bureau step. */
  kind?: OrderKind;
  /** What MIIT received it as, once known (a change's scope): decides whether anyone verifies by SMS. */
  regulatorType?: string | null;
}

export interface EtaStep {
  step: "initial_review" | "bureau_submission" | "sms_verification" | "bureau_review";
  label: LocalizedText;
  /** A China date (YYYY-MM-DD), or for the SMS an ISO instant; null when the calendar has no data that far. */
  dueBy: string | null;
  done: boolean;
}

export interface Eta {
  steps: EtaStep[];
  /** The latest date the order should be filed by, if nothing is returned; null when unknown. */
  filedBy: string | null;
  /** Why some dates are missing: the working-day calendar has no data for their year yet. */
  incomplete?: LocalizedText;
}

export type EtaResult = { ok: true; eta: Eta } | { ok: false; reason: LocalizedText };

const BEFORE_BUREAU: ReadonlySet<OrderState> = new Set([
  "draft",
  "provider_review",
  "resubmitted",
  "returned",
  "provider_rejected",
  "bureau_rejected",
]);

const NO_CALENDAR: LocalizedText = {
  zh: "工作日历缺少相关年份的数据（国务院节假日安排发布后补充），部分日期暂无法估算",
  en: "The working-day calendar has no data for that year yet (added once the State Council publishes it); some dates cannot be estimated",
};

export function orderEta(input: EtaInput): EtaResult | null {
  const kind = ORDER_KIND_RULES[input.kind ?? "first_filing"];
  // A transfer waits on the receiving account only: there is no review to date.
  if (isFinal(input.state) || !kind.providerReview) return null;
  const { calendar } = input;
  const start =
    input.state === "draft" || input.state === "returned" || !input.submittedAt
      ? input.now
      : input.submittedAt;
  const reviewDone = !BEFORE_BUREAU.has(input.state);
  // Each date builds on the one before; once the calendar runs out, the rest are unknown.
  let missing = false;
  const next = (compute: () => string): string | null => {
    if (missing) return null;
    try {
      return compute();
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "CALENDAR_NO_DATA") throw error;
      missing = true;
      return null;
    }
  };
  const initialReview = next(() =>
    calendar.addWorkdays(chinaDate(start), input.initialReviewWorkingDays ?? 1),
  );
  const bureauSubmission = next(() =>
    calendar.addWorkdays(
      input.approvedAt && reviewDone ? chinaDate(input.approvedAt) : (initialReview ?? ""),
      input.bureauSubmissionWorkingDays ?? 1,
    ),
  );
  // The SMS arrives about 5 minutes after submission; the window is 24 hours from then.
  const smsBase =
    input.smsSentAt ?? (bureauSubmission ? new Date(`${bureauSubmission}T18:00:00+08:00`) : null);
  const smsDue = smsBase ? new Date(smsBase.getTime() + SMS_WINDOW_HOURS * HOUR_MS).toISOString() : null;
  const bureauStart = input.smsVerifiedAt
    ? chinaDate(input.smsVerifiedAt)
    : smsDue
      ? chinaDate(new Date(smsDue))
      : null;
  const bureauDecision = bureauStart
    ? next(() => calendar.addWorkdays(bureauStart, input.bureauReviewWorkingDays))
    : null;
  if (initialReview === null && !reviewDone) return { ok: false, reason: NO_CALENDAR };
  const steps: EtaStep[] = [
    {
      step: "initial_review",
      label: { zh: "接入商初审", en: "Initial review" },
      dueBy: initialReview,
      done: reviewDone,
    },
    {
      step: "bureau_submission",
      label: { zh: "提交管局", en: "Submission to the bureau" },
      dueBy: bureauSubmission,
      done: ["sms_pending", "bureau_review"].includes(input.state),
    },
    {
      step: "sms_verification",
      label: { zh: "工信部短信核验（24小时内）", en: "MIIT SMS verification (within 24 hours)" },
      dueBy: smsDue,
      done: input.state === "bureau_review",
    },
    {
      step: "bureau_review",
      label: {
        zh: `管局审核（${input.bureauReviewWorkingDays}个工作日内）`,
        en: `Bureau review (within ${input.bureauReviewWorkingDays} working days)`,
      },
      dueBy: bureauDecision,
      done: false,
    },
  ];
  const eta = kindEta(steps, input, kind.regulator, initialReview, bureauDecision);
  return { ok: true, eta };
}

/**
 * The steps this kind of order goes through: a claim ends with the provider's review
 * (MIIT already holds the filing); orders nobody verifies by SMS (§2.5: 注销网站,
 * 取消接入, 变更接入) skip that step.
 */
function kindEta(
  steps: EtaStep[],
  input: EtaInput,
  toRegulator: boolean,
  initialReview: string | null,
  bureauDecision: string | null,
): Eta {
  if (!toRegulator) {
    const review = steps.filter((step) => step.step === "initial_review");
    return withIncomplete({ steps: review, filedBy: initialReview });
  }
  const type = input.regulatorType ?? input.kind ?? "first_filing";
  const nobodyVerifies = isRegulatorOrderType(type) && !sendsSms(type);
  return withIncomplete({
    steps: nobodyVerifies ? steps.filter((step) => step.step !== "sms_verification") : steps,
    filedBy: bureauDecision,
  });
}

function withIncomplete(eta: Eta): Eta {
  return eta.steps.some((step) => step.dueBy === null) ? { ...eta, incomplete: NO_CALENDAR } : eta;
}
