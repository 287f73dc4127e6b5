import type { OutboundSubmission, RegulatorBridge, RegulatorRecord } from "./port.ts";

/** The bridge over HTTP, with a time-out; any answer but 2xx is a failure to retry. */
export class HttpRegulatorBridge implements RegulatorBridge {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async submit(message: OutboundSubmission): Promise<{ duplicate: boolean }> {
    const response = await fetch(`${this.baseUrl}/api/submissions`, {
      method: "POST",
      headers: { authorization: `Bearer ${this.token}`, "content-type": "application/json" },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) throw new Error(`regulator answered ${response.status}`);
    const body = (await response.json()) as { duplicate?: boolean };
    return { duplicate: body.duplicate === true };
  }

  async lookup(domain: string): Promise<RegulatorRecord | null> {
    const response = await fetch(`${this.baseUrl}/api/records?domain=${encodeURIComponent(domain)}`, {
      headers: { authorization: `Bearer ${this.token}` },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`regulator answered ${response.status}`);
    const body = (await response.json()) as RegulatorRecord;
    return {
      domain: body.domain,
      status: body.status,
      websiteNumber: body.websiteNumber,
      name: body.name,
      subjectNumber: body.subjectNumber,
      subjectName: body.subjectName,
      providers: body.providers,
    };
  }
}
