import { chinaDate, type WorkdayCalendar } from "../calendar/workdays.ts";
import { AppError } from "../errors.ts";
import { HOUR_MS } from "../clock.ts";
import type { LocalizedText } from "../text.ts";
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
}

export interface EtaStep {
  step: "initial_review" | "bureau_submission" | "sms_verification" | "bureau_review";
  label: LocalizedText;
  /** A China date (YYYY-MM-DD), or for the SMS an ISO instant. */
  dueBy: string;
  done: boolean;
}

export interface Eta {
  steps: EtaStep[];
  /** The latest date the order should be filed by, if nothing is returned. */
  filedBy: string;
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

export function orderEta(input: EtaInput): EtaResult | null {
  if (isFinal(input.state)) return null;
  const { calendar } = input;
  try {
    const start =
      input.state === "draft" || input.state === "returned" || !input.submittedAt
        ? input.now
        : input.submittedAt;
    const reviewDone = !BEFORE_BUREAU.has(input.state);
    const initialReview = calendar.addWorkdays(chinaDate(start), input.initialReviewWorkingDays ?? 1);
    const bureauSubmission = calendar.addWorkdays(
      input.approvedAt && reviewDone ? chinaDate(input.approvedAt) : initialReview,
      input.bureauSubmissionWorkingDays ?? 1,
    );
    // The SMS arrives about 5 minutes after submission; the window is 24 hours from then.
    const smsBase = input.smsSentAt ?? new Date(`${bureauSubmission}T18:00:00+08:00`);
    const smsDue = new Date(smsBase.getTime() + SMS_WINDOW_HOURS * HOUR_MS);
    const bureauStart = input.smsVerifiedAt ? chinaDate(input.smsVerifiedAt) : chinaDate(smsDue);
    const bureauDecision = calendar.addWorkdays(bureauStart, input.bureauReviewWorkingDays);
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
        dueBy: smsDue.toISOString(),
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
    return { ok: true, eta: { steps, filedBy: bureauDecision } };
  } catch (error) {
    if (error instanceof AppError && error.code === "CALENDAR_NO_DATA") {
      return {
        ok: false,
        reason: {
          zh: "工作日历缺少相关年份的数据，暂无法估算时间",
          en: "No working-day calendar for those dates yet; no estimate",
        },
      };
    }
    throw error;
  }
}
