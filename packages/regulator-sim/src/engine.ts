import { chinaDate, chinaStartOfDay, DAY_MS, type WorkdayCalendar } from "@openbeian/core";
import type { NumberIssuer } from "./numbering.ts";
import type { RegulatorEventBody } from "./platform-client.ts";
import { SmsSession, whoVerifies } from "./sms.ts";
import type { Submission } from "./submissions.ts";

/**
 * The simulated regulator's clockwork, free of I/O: submissions go through the
 * SMS verification and then the provincial bureau's review, which takes the
 * province's working days (compressed by `speed` for demos) and ends in numbers.
 * `tick(now)` advances every order and returns the events to report to the
 * platform; the HTTP server and the reporting client wrap it.
 */
export interface EngineOptions {
  calendar: WorkdayCalendar;
  issuer: NumberIssuer;
  /** Working days the bureau takes, by 2-digit province code (20 unless listed). */
  bureauWorkingDays?: Record<string, number>;
  /** Time compression: 1 is real time, 1440 turns a day into a minute. */
  speed?: number;
  /** The SMS goes out about 5 minutes after submission (fact base §2.4). */
  smsDelayMs?: number;
}

export type OrderPhase =
  "awaiting_sms" | "sms_pending" | "bureau_review" | "approved" | "rejected" | "returned";

interface Tracked {
  submission: Submission;
  phase: OrderPhase;
  smsAt: number;
  sms?: SmsSession;
  decisionAt?: number;
}

export interface Report {
  orderNumber: string;
  event: RegulatorEventBody;
  /** Texts the SMS channel delivers, for sms_sent. */
  sms?: { mobile: string; text: string }[];
}

export class RegulatorEngine {
  private readonly orders = new Map<string, Tracked>();
  private readonly speed: number;

  constructor(private readonly options: EngineOptions) {
    this.speed = options.speed ?? 1;
  }

  receive(submission: Submission, now: Date): void {
    if (
      this.orders.has(submission.orderNumber) &&
      this.orders.get(submission.orderNumber)?.phase !== "returned"
    )
      return;
    const delay = (this.options.smsDelayMs ?? 5 * 60 * 1000) / this.speed;
    this.orders.set(submission.orderNumber, {
      submission,
      phase: "awaiting_sms",
      smsAt: now.getTime() + delay,
    });
  }

  phase(orderNumber: string): OrderPhase | undefined {
    return this.orders.get(orderNumber)?.phase;
  }

  session(orderNumber: string): SmsSession | undefined {
    return this.orders.get(orderNumber)?.sms;
  }

  /** Moves every order as far as `now` allows; returns what to tell the platform, in order. */
  tick(now: Date): Report[] {
    const reports: Report[] = [];
    for (const order of this.orders.values()) reports.push(...this.advance(order, now));
    return reports;
  }

  /** An operator's decision (the bureau's page), for an order in bureau review. */
  decide(
    orderNumber: string,
    decision: { approve: true } | { approve: false; reasons: string[] },
    now: Date,
  ): Report | null {
    const order = this.orders.get(orderNumber);
    if (!order || order.phase !== "bureau_review") return null;
    return decision.approve ? this.approve(order, now) : this.reject(order, decision.reasons);
  }

  private advance(order: Tracked, now: Date): Report[] {
    const orderNumber = order.submission.orderNumber;
    const reports: Report[] = [];
    if (order.phase === "awaiting_sms" && now.getTime() >= order.smsAt) {
      const payload = order.submission.payload as Parameters<typeof whoVerifies>[1];
      const verifiers = whoVerifies(order.submission.orderType, payload);
      if (verifiers.length === 0) {
        order.phase = "bureau_review";
        order.decisionAt = this.decisionTime(order, now);
      } else {
        order.sms = new SmsSession(orderNumber, verifiers, new Date(order.smsAt));
        order.phase = "sms_pending";
        reports.push({
          orderNumber,
          event: { type: "sms_sent" },
          sms: order.sms.messages().map(({ mobile, text }) => ({ mobile, text })),
        });
      }
    }
    if (order.phase === "sms_pending" && order.sms) {
      const state = order.sms.state(now);
      if (state === "verified") {
        order.phase = "bureau_review";
        order.decisionAt = this.decisionTime(order, now);
        reports.push({ orderNumber, event: { type: "sms_verified" } });
      } else if (state === "timed_out" || state === "failed") {
        order.phase = "returned";
        reports.push({
          orderNumber,
          event:
            state === "failed"
              ? { type: "sms_failed", attempts: order.sms.wrongEntryCount }
              : { type: "sms_timed_out" },
        });
      }
    }
    if (
      order.phase === "bureau_review" &&
      order.decisionAt !== undefined &&
      now.getTime() >= order.decisionAt
    ) {
      reports.push(this.approve(order, now));
    }
    return reports;
  }

  /** The bureau decides within its working days; with `speed` the wait is compressed. */
  private decisionTime(order: Tracked, now: Date): number {
    const days = this.options.bureauWorkingDays?.[order.submission.province] ?? 20;
    const due =
      chinaStartOfDay(this.options.calendar.addWorkdays(chinaDate(now), days)).getTime() + DAY_MS / 2;
    return now.getTime() + (due - now.getTime()) / this.speed;
  }

  private approve(order: Tracked, now: Date): Report {
    const payload = order.submission.payload as {
      subject?: { divisionCode?: string };
      websites?: { domain?: string }[];
    };
    const division = payload.subject?.divisionCode ?? `${order.submission.province}0000`;
    const year = Number(chinaDate(now).slice(0, 4));
    const subjectNumber = this.options.issuer.issueSubject(division, year);
    const websiteNumbers: Record<string, string> = {};
    for (const website of payload.websites ?? []) {
      const domain = website.domain?.trim().toLowerCase();
      if (domain) websiteNumbers[domain] = this.options.issuer.issueWebsite(subjectNumber);
    }
    order.phase = "approved";
    return {
      orderNumber: order.submission.orderNumber,
      event: { type: "bureau_approved", numbers: { subjectNumber, websiteNumbers } },
    };
  }

  private reject(order: Tracked, reasons: string[]): Report {
    order.phase = "rejected";
    return { orderNumber: order.submission.orderNumber, event: { type: "bureau_rejected", reasons } };
  }
}
