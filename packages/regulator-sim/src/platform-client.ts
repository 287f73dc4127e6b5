import type { IssuedNumbers } from "@openbeian/core";

/**
 * The simulator's side of the channel to the platform: regulator events go to
 * the platform's internal events endpoint, SMS texts to its SMS channel, both
 * with a bearer token and a message id, so a retry after a lost response is
 * applied only once. One attempt per call: the reporter decides when to retry.
 */
export type RegulatorEventBody =
  | { type: "sms_sent" | "sms_verified" | "sms_timed_out" | "bureau_received" }
  | { type: "sms_failed"; attempts: number }
  /** Without numbers for orders that issue none (a change, a cancellation). */
  | { type: "bureau_approved"; numbers?: IssuedNumbers }
  | { type: "bureau_rejected"; reasons: string[] };

export interface PlatformClientOptions {
  baseUrl: string;
  token: string;
  timeoutMs?: number;
}

export interface PlatformAnswer {
  status: number;
  body: unknown;
}

export class PlatformClient {
  constructor(private readonly options: PlatformClientOptions) {}

  report(orderNumber: string, event: RegulatorEventBody, messageId: string): Promise<PlatformAnswer> {
    return this.post("/api/internal/regulator/events", { messageId, orderNumber, event });
  }

  sendSms(orderNumber: string, sms: { mobile: string; text: string }, messageId: string) {
    return this.post("/api/internal/sms", { messageId, orderNumber, mobile: sms.mobile, text: sms.text });
  }

  private async post(path: string, body: unknown): Promise<PlatformAnswer> {
    const response = await fetch(`${this.options.baseUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${this.options.token}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text for the error log
    }
    return { status: response.status, body: parsed };
  }
}
