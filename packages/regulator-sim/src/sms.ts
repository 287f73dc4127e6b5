import { randomInt } from "node:crypto";
import { phoneDigits as digits } from "@openbeian/core";

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

/** Order types and who verifies for them (§2.5); the same person verifies once. */
const MATRIX: Record<string, { subjectHead: boolean; websiteHeads: boolean }> = {
  first_filing: { subjectHead: true, websiteHeads: true },
  add_website: { subjectHead: true, websiteHeads: true },
  add_access: { subjectHead: false, websiteHeads: true },
  change_subject: { subjectHead: true, websiteHeads: false },
  change_website: { subjectHead: false, websiteHeads: true },
  change_access: { subjectHead: false, websiteHeads: false },
  cancel_subject: { subjectHead: true, websiteHeads: false },
  cancel_website: { subjectHead: false, websiteHeads: false },
  cancel_access: { subjectHead: false, websiteHeads: false },
};

export function whoVerifies(
  orderType: string,
  order: { subject?: { head?: Person }; websites?: { head?: Person }[] },
): Verifier[] {
  const rule = MATRIX[orderType];
  if (!rule) throw new Error(`unknown order type ${orderType}`);
  const people: { role: Verifier["role"]; person: Person | undefined }[] = [];
  if (rule.subjectHead) people.push({ role: "subject_head", person: order.subject?.head });
  if (rule.websiteHeads)
    for (const website of order.websites ?? []) people.push({ role: "website_head", person: website.head });
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

export class SmsSession {
  private readonly entries: CodeEntry[];
  private wrongEntries = 0;
  private closed: SmsState | null = null;

  constructor(
    readonly orderNumber: string,
    verifiers: Verifier[],
    readonly sentAt: Date,
    private readonly newCode: () => string = () => String(randomInt(0, 1_000_000)).padStart(6, "0"),
  ) {
    if (verifiers.length === 0) throw new Error("nobody to verify");
    this.entries = verifiers.map((verifier) => ({
      ...verifier,
      code: this.newCode(),
      verified: false,
      resends: 0,
    }));
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
    if (now.getTime() > this.sentAt.getTime() + SMS_WINDOW_MS) return "timed_out";
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
