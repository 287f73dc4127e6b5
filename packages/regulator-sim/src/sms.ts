import { randomInt } from "node:crypto";
import { isRegulatorOrderType, phoneDigits as digits, SMS_MATRIX } from "@openbeian/core";

/**
 * MIIT's SMS verification (短信核验, fact base §2.5): after submission every
 * person who must verify for the order type gets a 6-digit code and has 24 hours
 * to enter it on the verification page together with the mobile number and the
 * last 6 characters of their certificate number. Five wrong entries, or the
 * window running out, return the order to the provider. At most two resends.
 */
export const SMS_WINDOW_MS = 24 * 60 * 60 * 1000;
export const MAX_WRONG_ENTRIES = 5;
export const MAX_RESENDS = 2;

export interface Person {
  name?: string;
  certificateNumber?: string;
  mobile?: string;
}

export interface Verifier {
  role: "subject_head" | "website_head";
  mobile: string;
  certificateLast6: string;
}

/** Order types and who verifies for them: core's SMS_MATRIX (§2.5); the same person verifies once. */
export function isKnownOrderType(orderType: string): boolean {
  return isRegulatorOrderType(orderType);
}

export function whoVerifies(
  orderType: string,
  order: { subject?: { head?: Person }; websites?: { head?: Person }[]; app?: { head?: Person } },
): Verifier[] {
  if (!isRegulatorOrderType(orderType)) throw new Error(`unknown order type ${orderType}`);
  const rule = SMS_MATRIX[orderType];
  const people: { role: Verifier["role"]; person: Person | undefined }[] = [];
  if (rule.subjectHead) people.push({ role: "subject_head", person: order.subject?.head });
  if (rule.websiteHeads) {
    for (const website of order.websites ?? []) people.push({ role: "website_head", person: website.head });
    // APP备案: the app's head stands where a website head would.
    if (order.app) people.push({ role: "website_head", person: order.app.head });
  }
  const seen = new Set<string>();
  const verifiers: Verifier[] = [];
  for (const { role, person } of people) {
    const certificate = person?.certificateNumber?.trim().toUpperCase() ?? "";
    const mobile = digits(person?.mobile);
    if (!certificate || !mobile || seen.has(certificate)) continue;
    seen.add(certificate);
    verifiers.push({ role, mobile, certificateLast6: certificate.slice(-6) });
  }
  return verifiers;
}

export type SmsState = "pending" | "verified" | "timed_out" | "failed";
export type VerifyOutcome = "verified" | "all_verified" | "wrong" | "failed" | "closed";

interface CodeEntry extends Verifier {
  code: string;
  verified: boolean;
  resends: number;
}

/** A session as plain data, so the simulator can store it and pick it up after a restart. */
export interface SmsSessionState {
  orderNumber: string;
  sentAt: string;
  windowMs: number;
  entries: CodeEntry[];
  wrongEntries: number;
  closed: SmsState | null;
}

export interface SmsSessionOptions {
  newCode?: () => string;
  /** 24 hours in real life; shorter only in tests and demos that want to see a timeout. */
  windowMs?: number;
}

const randomCode = () => String(randomInt(0, 1_000_000)).padStart(6, "0");

export class SmsSession {
  private readonly entries: CodeEntry[];
  private wrongEntries = 0;
  private closed: SmsState | null = null;
  private readonly newCode: () => string;
  readonly windowMs: number;

  constructor(
    readonly orderNumber: string,
    verifiers: Verifier[],
    readonly sentAt: Date,
    options: SmsSessionOptions | (() => string) = {},
  ) {
    if (verifiers.length === 0) throw new Error("nobody to verify");
    const settings = typeof options === "function" ? { newCode: options } : options;
    this.newCode = settings.newCode ?? randomCode;
    this.windowMs = settings.windowMs ?? SMS_WINDOW_MS;
    this.entries = verifiers.map((verifier) => ({
      ...verifier,
      code: this.newCode(),
      verified: false,
      resends: 0,
    }));
  }

  static restore(state: SmsSessionState, newCode: () => string = randomCode): SmsSession {
    const session = new SmsSession(state.orderNumber, state.entries, new Date(state.sentAt), {
      newCode,
      windowMs: state.windowMs,
    });
    session.entries.splice(0, session.entries.length, ...state.entries.map((entry) => ({ ...entry })));
    session.wrongEntries = state.wrongEntries;
    session.closed = state.closed;
    return session;
  }

  snapshot(): SmsSessionState {
    return {
      orderNumber: this.orderNumber,
      sentAt: this.sentAt.toISOString(),
      windowMs: this.windowMs,
      entries: this.entries.map((entry) => ({ ...entry })),
      wrongEntries: this.wrongEntries,
      closed: this.closed,
    };
  }

  /** Whether this session waits for `mobile` (any of its people), to route a verification. */
  waitsFor(mobile: string): boolean {
    const wanted = digits(mobile);
    return this.entries.some((entry) => entry.mobile === wanted && !entry.verified);
  }

  /** Whether `mobile` with these last 6 certificate characters is one of the people asked to verify. */
  hasCertificate(mobile: string, certificateLast6: string): boolean {
    const wanted = digits(mobile);
    const last6 = certificateLast6.trim().toUpperCase();
    return this.entries.some((entry) => entry.mobile === wanted && entry.certificateLast6 === last6);
  }

  /** Whether the input is a right, still unverified code of this session. */
  accepts(input: { mobile: string; code: string; certificateLast6: string }): boolean {
    return this.entries.some(
      (entry) =>
        !entry.verified &&
        entry.mobile === digits(input.mobile) &&
        entry.certificateLast6 === input.certificateLast6.trim().toUpperCase() &&
        entry.code === input.code.trim(),
    );
  }

  /** Verification progress without the codes, for the operator page. */
  progress(): { mobile: string; role: Verifier["role"]; verified: boolean; resends: number }[] {
    return this.entries.map(({ mobile, role, verified, resends }) => ({ mobile, role, verified, resends }));
  }

  /** The texts to send: one per person. */
  messages(): { mobile: string; code: string; text: string }[] {
    return this.entries.map((entry) => ({
      mobile: entry.mobile,
      code: entry.code,
      text: smsText(this.orderNumber, entry.code),
    }));
  }

  state(now: Date): SmsState {
    if (this.closed) return this.closed;
    if (this.entries.every((entry) => entry.verified)) return "verified";
    if (now.getTime() > this.sentAt.getTime() + this.windowMs) return "timed_out";
    return "pending";
  }

  verify(input: { mobile: string; code: string; certificateLast6: string }, now: Date): VerifyOutcome {
    if (this.state(now) !== "pending") return "closed";
    const entry = this.entries.find(
      (candidate) =>
        candidate.mobile === digits(input.mobile) &&
        candidate.certificateLast6 === input.certificateLast6.trim().toUpperCase() &&
        candidate.code === input.code.trim(),
    );
    if (!entry) {
      this.wrongEntries += 1;
      if (this.wrongEntries >= MAX_WRONG_ENTRIES) {
        this.closed = "failed";
        return "failed";
      }
      return "wrong";
    }
    entry.verified = true;
    return this.entries.every((candidate) => candidate.verified) ? "all_verified" : "verified";
  }

  /** A new code for one person, at most twice; the 24-hour window does not move. */
  resend(mobile: string, now: Date): { mobile: string; code: string; text: string } | null {
    if (this.state(now) !== "pending") return null;
    const entry = this.entries.find(
      (candidate) => candidate.mobile === digits(mobile) && !candidate.verified,
    );
    if (!entry || entry.resends >= MAX_RESENDS) return null;
    entry.resends += 1;
    entry.code = this.newCode();
    return { mobile: entry.mobile, code: entry.code, text: smsText(this.orderNumber, entry.code) };
  }

  get wrongEntryCount(): number {
    return this.wrongEntries;
  }
}

function smsText(orderNumber: string, code: string): string {
  return `【工信部】您的ICP备案（订单${orderNumber}）短信核验码为${code}，请在24小时内登录 beian.miit.gov.cn 完成短信核验。`;
}
