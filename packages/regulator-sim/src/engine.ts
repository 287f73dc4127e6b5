import { randomUUID } from "node:crypto";
import { chinaDate, chinaStartOfDay, DAY_MS, WorkdayCalendar, type IssuedNumbers } from "@openbeian/core";
import { bureauFindings, ISSUING_TYPES, subjectCertificate, type SubmittedData } from "./bureau-checks.ts";
import { NumberIssuer } from "./numbering.ts";
import type { RegulatorEventBody } from "./platform-client.ts";
import { SmsSession, whoVerifies, type VerifyOutcome } from "./sms.ts";
import type { OrderPhase, SimStore, TrackedOrder } from "./store.ts";
import type { Submission } from "./submissions.ts";

/**
 * The simulated regulator's clockwork: submissions go through the SMS
 * verification and then the provincial bureau's review, which takes the
 * province's working days (compressed by `speed` for demos) and ends in numbers
 * or reasons. Every step changes the store and queues its reports to the
 * platform in one transaction; the HTTP server and the reporter wrap it.
 */
export interface EngineOptions {
  calendar: WorkdayCalendar;
  store: SimStore;
  /** Working days the bureau takes, by 2-digit province code (20 unless listed). */
  bureauWorkingDays?: Record<string, number>;
  /** Time compression: 1 is real time, 1440 turns a day into a minute. */
  speed?: number;
  /** The SMS goes out about 5 minutes after submission (fact base §2.4); compressed by `speed`. */
  smsDelayMs?: number;
  /** The window to verify in: 24 hours, not compressed, so a person can still type the code. */
  smsWindowMs?: number;
  /** How long after a bureau decision the platform hears of it (real systems sync periodically). */
  syncDelayMs?: number;
  newCode?: () => string;
}

/** Zhejiang's bureau takes up to 30 working days, the others 20 (fact base §2.4). */
export const DEFAULT_BUREAU_WORKING_DAYS: Record<string, number> = { "33": 30 };

/** A year and a half of working days: the longest wait the table accepts (and the calendar covers). */
export const MAX_BUREAU_WORKING_DAYS = 365;

export interface Report {
  orderNumber: string;
  event: RegulatorEventBody;
  /** Texts the SMS channel delivers, for sms_sent and resends. */
  sms?: { mobile: string; text: string }[];
}

export type OperatorDecision = { approve: true } | { approve: false; reasons: string[] };

/** A filing another provider made, as the simulator is told to hold it (新增接入 demos and tests). */
export interface FiledElsewhere {
  domain: string;
  websiteName: string;
  subjectName: string;
  certificateNumber: string;
  divisionCode: string;
  provider: string;
}

/** The subject's number within a website's (`浙ICP备2026000001号-2` → `浙ICP备2026000001号`). */
const subjectNumberOf = (websiteNumber: string) => websiteNumber.replace(/-\d+[A-Z]?$/, "");

export class RegulatorEngine {
  private readonly speed: number;
  private readonly issuer: NumberIssuer;
  readonly store: SimStore;

  private readonly calendar: WorkdayCalendar;

  constructor(private readonly options: EngineOptions) {
    this.speed = options.speed ?? 1;
    if (!(this.speed > 0)) throw new RangeError("speed must be greater than 0");
    this.store = options.store;
    this.issuer = new NumberIssuer(options.store);
    this.calendar = withWeekdayYears(options.calendar, 10);
  }

  /**
   * Takes an order in. A resubmission is accepted once the earlier round has
   * ended (SMS not verified, or rejected); while the order is moving it is ignored.
   */
  receive(
    submission: Submission,
    now: Date,
    extra: { provider?: string; findings?: string[] } = {},
  ): boolean {
    return this.store.transaction(() => {
      const existing = this.store.order(submission.orderNumber);
      if (existing && !["returned", "rejected"].includes(existing.phase)) return false;
      const delay = (this.options.smsDelayMs ?? 5 * 60 * 1000) / this.speed;
      this.store.putOrder({
        orderNumber: submission.orderNumber,
        provider: extra.provider ?? "openbeian",
        submission,
        phase: "awaiting_sms",
        smsAt: now.getTime() + delay,
        sms: null,
        decisionAt: null,
        findings: extra.findings ?? [],
        decision: null,
        updatedAt: now.toISOString(),
      });
      return true;
    });
  }

  /** Adds what a check found after receipt, if the order is still that submission's round. */
  addFindings(orderNumber: string, messageId: string, findings: string[]): void {
    this.store.transaction(() => {
      const order = this.store.order(orderNumber);
      if (!order || order.submission.messageId !== messageId) return;
      this.store.putOrder({ ...order, findings: [...order.findings, ...findings] });
    });
  }

  order(orderNumber: string): TrackedOrder | undefined {
    return this.store.order(orderNumber);
  }

  phase(orderNumber: string): OrderPhase | undefined {
    return this.store.order(orderNumber)?.phase;
  }

  /** The order's SMS session, read-only (changes go through `verify` and `resend`). */
  session(orderNumber: string): SmsSession | undefined {
    const state = this.store.order(orderNumber)?.sms;
    return state ? SmsSession.restore(state) : undefined;
  }

  /** Moves every order as far as `now` allows; returns what it told the platform, in order. */
  tick(now: Date): Report[] {
    return this.store.transaction(() => {
      const reports: Report[] = [];
      for (const order of this.store.activeOrders()) reports.push(...this.advance(order, now));
      return reports;
    });
  }

  /**
   * 短信核验: the code with the mobile number and the last 6 characters of the
   * certificate, as beian.miit.gov.cn asks. A wrong code counts against the
   * session of that person; the fifth returns the order.
   */
  verify(
    input: { mobile: string; code: string; certificateLast6: string },
    now: Date,
  ): { outcome: VerifyOutcome | "not_found"; orderNumber?: string } {
    return this.store.transaction(() => {
      const candidates = this.waitingSessions(input.mobile, input.certificateLast6, now);
      if (candidates.length === 0) return { outcome: "not_found" };
      // The session whose code this is; if none, every session waiting for this person counts a wrong try.
      const match = candidates.find(({ session }) => session.accepts(input));
      const targets = match ? [match] : candidates;
      let outcome: VerifyOutcome = "wrong";
      for (const { order, session } of targets) {
        outcome = session.verify(input, now);
        this.save(order, session, now);
      }
      for (const { order } of targets) this.advance(this.store.order(order.orderNumber)!, now);
      return { outcome, orderNumber: targets[0]!.order.orderNumber };
    });
  }

  /** A new code for one person, at most twice per order; the 24-hour window does not move. */
  resend(input: { mobile: string; certificateLast6: string }, now: Date): { orderNumber: string } | null {
    return this.store.transaction(() => {
      for (const { order, session } of this.waitingSessions(input.mobile, input.certificateLast6, now)) {
        const message = session.resend(input.mobile, now);
        if (!message) continue;
        this.save(order, session, now);
        this.emit([{ orderNumber: order.orderNumber, event: { type: "sms_sent" }, sms: [message] }], now, {
          smsOnly: true,
        });
        return { orderNumber: order.orderNumber };
      }
      return null;
    });
  }

  /** An operator's decision on the bureau's page, for an order in bureau review. */
  decide(orderNumber: string, decision: OperatorDecision, now: Date): Report | null {
    return this.store.transaction(() => {
      const order = this.store.order(orderNumber);
      if (!order || order.phase !== "bureau_review") return null;
      const report = decision.approve
        ? this.approve(order, now, "operator")
        : this.reject(order, decision.reasons, now, "operator");
      this.emit([report], now);
      return report;
    });
  }

  private waitingSessions(mobile: string, certificateLast6: string, now: Date) {
    const last6 = certificateLast6.trim().toUpperCase();
    return this.store
      .activeOrders()
      .filter((order) => order.phase === "sms_pending" && order.sms)
      .map((order) => ({ order, session: SmsSession.restore(order.sms!, this.options.newCode) }))
      .filter(
        ({ session }) =>
          session.state(now) === "pending" &&
          session.waitsFor(mobile) &&
          session.hasCertificate(mobile, last6),
      );
  }

  private save(order: TrackedOrder, session: SmsSession, now: Date) {
    this.store.putOrder({ ...order, sms: session.snapshot(), updatedAt: now.toISOString() });
  }

  private advance(order: TrackedOrder, now: Date): Report[] {
    const reports: Report[] = [];
    const orderNumber = order.orderNumber;
    if (order.phase === "awaiting_sms" && now.getTime() >= order.smsAt) {
      const payload = order.submission.payload as Parameters<typeof whoVerifies>[1];
      const verifiers = whoVerifies(order.submission.orderType, payload);
      if (verifiers.length === 0) {
        // Nobody verifies (取消接入, 变更接入, 注销网站): straight to the bureau, and the platform is told.
        order = this.toBureau(order, now);
        reports.push({ orderNumber, event: { type: "bureau_received" } });
      } else {
        const session = new SmsSession(orderNumber, verifiers, new Date(order.smsAt), {
          newCode: this.options.newCode,
          windowMs: this.options.smsWindowMs,
        });
        order = { ...order, phase: "sms_pending", sms: session.snapshot(), updatedAt: now.toISOString() };
        this.store.putOrder(order);
        reports.push({
          orderNumber,
          event: { type: "sms_sent" },
          sms: session.messages().map(({ mobile, text }) => ({ mobile, text })),
        });
      }
    }
    if (order.phase === "sms_pending" && order.sms) {
      const session = SmsSession.restore(order.sms, this.options.newCode);
      const state = session.state(now);
      if (state === "verified") {
        order = this.toBureau(order, now);
        reports.push({ orderNumber, event: { type: "sms_verified" } });
      } else if (state === "timed_out" || state === "failed") {
        order = { ...order, phase: "returned", updatedAt: now.toISOString() };
        this.store.putOrder(order);
        reports.push({
          orderNumber,
          event:
            state === "failed"
              ? { type: "sms_failed", attempts: session.wrongEntryCount }
              : { type: "sms_timed_out" },
        });
      }
    }
    if (order.phase === "bureau_review" && order.decisionAt !== null && now.getTime() >= order.decisionAt) {
      reports.push(this.bureauDecision(order, now));
    }
    this.emit(reports, now);
    return reports;
  }

  private toBureau(order: TrackedOrder, now: Date): TrackedOrder {
    const next: TrackedOrder = {
      ...order,
      phase: "bureau_review",
      decisionAt: this.decisionTime(order, now),
      updatedAt: now.toISOString(),
    };
    this.store.putOrder(next);
    return next;
  }

  /** The bureau decides within its working days; with `speed` the wait is compressed. */
  private decisionTime(order: TrackedOrder, now: Date): number {
    const table = { ...DEFAULT_BUREAU_WORKING_DAYS, ...this.options.bureauWorkingDays };
    const days = Math.min(table[order.submission.province] ?? 20, MAX_BUREAU_WORKING_DAYS);
    const due = chinaStartOfDay(this.calendar.addWorkdays(chinaDate(now), days)).getTime() + DAY_MS / 2;
    return now.getTime() + (due - now.getTime()) / this.speed;
  }

  private bureauDecision(order: TrackedOrder, now: Date): Report {
    const certificate = subjectCertificate(order.submission.payload as SubmittedData);
    const othersInReview = this.store
      .activeOrders()
      .filter(
        (other) =>
          other.orderNumber !== order.orderNumber &&
          other.submission.receivedAt <= order.submission.receivedAt &&
          subjectCertificate(other.submission.payload as SubmittedData) === certificate,
      );
    const reasons = bureauFindings({
      order,
      filedSubject: certificate ? this.store.filedSubject(certificate) : undefined,
      othersInReview,
      websiteRecord: (domain) => this.store.filedWebsite(domain),
    });
    return reasons.length > 0
      ? this.reject(order, reasons, now, "bureau")
      : this.approve(order, now, "bureau");
  }

  private approve(order: TrackedOrder, now: Date, by: "bureau" | "operator"): Report {
    const data = (order.submission.payload ?? {}) as SubmittedData & { removedDomains?: string[] };
    const certificate = subjectCertificate(data);
    const filed = certificate ? this.store.filedSubject(certificate) : undefined;
    const type = order.submission.orderType;
    const domains = (data.websites ?? [])
      .map((website) => ({
        name: website.name?.trim() ?? "",
        domain: website.domain?.trim().toLowerCase() ?? "",
      }))
      .filter((website) => website.domain);
    let numbers: IssuedNumbers | undefined;
    if (ISSUING_TYPES.has(type)) {
      numbers = this.issue(order, data, certificate, filed, now);
    } else if (type === "add_access") {
      // The numbers stay; this provider joins the websites' access providers.
      const websiteNumbers: Record<string, string> = {};
      for (const { domain } of domains) {
        const record = this.store.filedWebsite(domain);
        if (!record) continue;
        websiteNumbers[domain] = record.websiteNumber;
        this.store.putFiledWebsite({
          ...record,
          providers: [...new Set([...record.providers, order.provider])],
        });
      }
      const first = Object.values(websiteNumbers)[0] ?? "";
      numbers = { subjectNumber: filed?.subjectNumber ?? subjectNumberOf(first), websiteNumbers };
    } else if (type === "cancel_subject" && certificate) {
      for (const record of this.store.websitesOfSubject(certificate))
        this.store.putFiledWebsite({ ...record, status: "cancelled" });
      this.store.removeFiledSubject(certificate);
    } else if (type === "cancel_website") {
      this.setStatus(
        domains.map((website) => website.domain),
        "cancelled",
      );
    } else if (type === "cancel_access") {
      // The filing stays; without any provider left it is a shell site (空壳网站).
      for (const { domain } of domains) {
        const record = this.store.filedWebsite(domain);
        if (record)
          this.store.putFiledWebsite({
            ...record,
            providers: record.providers.filter((provider) => provider !== order.provider),
          });
      }
    } else if (type.startsWith("change_")) {
      // A change may rename the subject (with the registry's rename letter) and its websites.
      if (filed && data.subject?.name?.trim())
        this.store.putFiledSubject({ ...filed, name: data.subject.name.trim() });
      for (const { domain, name } of domains) {
        const record = this.store.filedWebsite(domain);
        if (record && name) this.store.putFiledWebsite({ ...record, name });
      }
      this.setStatus(data.removedDomains ?? [], "cancelled");
    }
    this.store.putOrder({
      ...order,
      phase: "approved",
      decision: {
        approved: true,
        reasons: [],
        ...(numbers ? { subjectNumber: numbers.subjectNumber, serviceNumbers: numbers.websiteNumbers } : {}),
        by,
        at: now.toISOString(),
      },
      updatedAt: now.toISOString(),
    });
    return {
      orderNumber: order.orderNumber,
      event: numbers ? { type: "bureau_approved", numbers } : { type: "bureau_approved" },
    };
  }

  /** New numbers: the subject's (unless it has one), then one per new website, all recorded. */
  private issue(
    order: TrackedOrder,
    data: SubmittedData,
    certificate: string,
    filed: ReturnType<SimStore["filedSubject"]>,
    now: Date,
  ) {
    const division = data.subject?.divisionCode ?? `${order.submission.province}0000`;
    const year = Number(chinaDate(now).slice(0, 4));
    const subjectNumber = filed?.subjectNumber ?? this.issuer.issueSubject(division, year);
    const websiteNumbers: Record<string, string> = {};
    for (const website of data.websites ?? []) {
      const domain = website.domain?.trim().toLowerCase();
      if (!domain || websiteNumbers[domain]) continue;
      websiteNumbers[domain] = this.issuer.issueWebsite(subjectNumber);
      this.store.putFiledWebsite({
        domain,
        websiteNumber: websiteNumbers[domain],
        name: website.name?.trim() ?? "",
        certificateNumber: certificate,
        providers: [order.provider],
        status: "filed",
      });
    }
    if (certificate && !filed)
      this.store.putFiledSubject({
        certificateNumber: certificate,
        name: data.subject?.name?.trim() ?? "",
        subjectNumber,
        province: order.submission.province,
      });
    // An app shares the subject's service sequence: -2A after -1 (fact base §1.6).
    const app = (data as { app?: unknown }).app;
    return app
      ? { subjectNumber, websiteNumbers, appNumber: this.issuer.issueApp(subjectNumber) }
      : { subjectNumber, websiteNumbers };
  }

  private setStatus(domains: readonly string[], status: "filed" | "cancelled") {
    for (const domain of domains) {
      const record = this.store.filedWebsite(domain);
      if (record) this.store.putFiledWebsite({ ...record, status });
    }
  }

  /** MIIT's public record of a domain (the platform asks before an add-access order). */
  record(domain: string) {
    const website = this.store.filedWebsite(domain.trim().toLowerCase());
    if (!website) return undefined;
    const subject = this.store.filedSubject(website.certificateNumber);
    return {
      ...website,
      subjectNumber: subjectNumberOf(website.websiteNumber),
      subjectName: subject?.name ?? "",
    };
  }

  /**
   * A filing made through another provider, for demos and tests of 新增接入: the
   * bureau's numbers, recorded as if that provider had filed it.
   */
  fileElsewhere(input: FiledElsewhere & { at: Date }) {
    return this.store.transaction(() => {
      const province = input.divisionCode.slice(0, 2);
      const existing = this.store.filedSubject(input.certificateNumber);
      const subjectNumber =
        existing?.subjectNumber ??
        this.issuer.issueSubject(input.divisionCode, Number(chinaDate(input.at).slice(0, 4)));
      if (!existing)
        this.store.putFiledSubject({
          certificateNumber: input.certificateNumber,
          name: input.subjectName,
          subjectNumber,
          province,
        });
      const websiteNumber = this.issuer.issueWebsite(subjectNumber);
      this.store.putFiledWebsite({
        domain: input.domain.trim().toLowerCase(),
        websiteNumber,
        name: input.websiteName,
        certificateNumber: input.certificateNumber,
        providers: [input.provider],
        status: "filed",
      });
      return { subjectNumber, websiteNumber };
    });
  }

  private reject(order: TrackedOrder, reasons: string[], now: Date, by: "bureau" | "operator"): Report {
    this.store.putOrder({
      ...order,
      phase: "rejected",
      decision: { approved: false, reasons, by, at: now.toISOString() },
      updatedAt: now.toISOString(),
    });
    return { orderNumber: order.orderNumber, event: { type: "bureau_rejected", reasons } };
  }

  /**
   * Queues reports for the platform: the event, and the texts for its SMS
   * channel. Bureau decisions reach the platform after the sync delay.
   */
  private emit(reports: Report[], now: Date, options: { smsOnly?: boolean } = {}) {
    for (const report of reports) {
      const bureau = report.event.type === "bureau_approved" || report.event.type === "bureau_rejected";
      if (!options.smsOnly)
        this.store.enqueue({
          messageId: randomUUID(),
          orderNumber: report.orderNumber,
          kind: "event",
          body: report.event,
          dueAt: now.getTime() + (bureau ? (this.options.syncDelayMs ?? 0) : 0),
        });
      for (const sms of report.sms ?? [])
        this.store.enqueue({
          messageId: randomUUID(),
          orderNumber: report.orderNumber,
          kind: "sms",
          body: sms,
          dueAt: now.getTime(),
        });
    }
  }
}

/**
 * The platform never guesses a year the State Council has not published, but a
 * simulated bureau must still decide: for the next `years` years without
 * official data it counts Monday to Friday as working days.
 */
export function withWeekdayYears(calendar: WorkdayCalendar, years: number): WorkdayCalendar {
  const data = calendar.toData();
  const last = Math.max(new Date().getUTCFullYear(), ...data.years);
  const extra = Array.from({ length: years }, (_, index) => last + 1 + index);
  return new WorkdayCalendar({ ...data, years: [...new Set([...data.years, ...extra])] });
}
