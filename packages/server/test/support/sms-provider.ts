import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An SMS provider's HTTP endpoint inside the test: it records every request
 * (the bearer token and the JSON body) and answers 200, or the status queued in
 * `failures` (one per request) to play an outage.
 */
export interface SmsRequest {
  authorization: string | undefined;
  body: { phone: string; templateCode: string; params: Record<string, string>; text: string; outId: string };
}

export interface SmsProvider {
  url: string;
  token: string;
  requests: SmsRequest[];
  failures: number[];
  /** Requests that were answered 2xx. */
  accepted(): SmsRequest[];
  close(): Promise<void>;
}

export async function startSmsProvider(): Promise<SmsProvider> {
  const requests: (SmsRequest & { status: number })[] = [];
  const failures: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const status = failures.shift() ?? 200;
      requests.push({
        authorization: request.headers.authorization,
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as SmsRequest["body"],
        status,
      });
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(status === 200 ? { code: "OK" } : { code: "isv.BUSINESS_LIMIT_CONTROL" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms/send`,
    token: "sms-provider-token-for-tests",
    requests,
    failures,
    accepted: () => requests.filter((request) => request.status === 200),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
