import { randomUUID } from "node:crypto";

/**
 * The simulator's side of the channel to the platform: it reports SMS and
 * bureau results to the platform's internal endpoint with a bearer token. Every
 * message has an id, so a retry after a lost response is applied only once.
 */
export type RegulatorEventBody =
  | { type: "sms_sent" | "sms_verified" | "sms_timed_out" }
  | { type: "sms_failed"; attempts: number }
  | { type: "bureau_approved"; numbers: { subjectNumber: string; websiteNumbers: Record<string, string> } }
  | { type: "bureau_rejected"; reasons: string[] };

export interface PlatformClientOptions {
  baseUrl: string;
  token: string;
  retries?: number;
  /** Milliseconds before the first retry; doubles each time. */
  backoffMs?: number;
}

export class PlatformClient {
  constructor(private readonly options: PlatformClientOptions) {}

  async report(orderNumber: string, event: RegulatorEventBody, messageId: string = randomUUID()) {
    const retries = this.options.retries ?? 3;
    let delay = this.options.backoffMs ?? 200;
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await fetch(`${this.options.baseUrl}/api/internal/regulator/events`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${this.options.token}` },
          body: JSON.stringify({ messageId, orderNumber, event }),
        });
        const body = (await response.json()) as unknown;
        // 4xx means the platform refused the message: retrying would not help.
        if (response.status < 500) return { status: response.status, body };
        if (attempt >= retries) return { status: response.status, body };
      } catch (error) {
        if (attempt >= retries) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay *= 2;
    }
  }
}
