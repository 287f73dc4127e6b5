import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { isPrivateAddress } from "./url-guard.ts";

/**
 * One webhook POST: no redirects followed (a 3xx is a failed attempt, so a
 * redirect cannot lead inward), 10 seconds for the whole exchange, at most 64 KB
 * of the answer read, and every address the name resolves to checked before
 * connecting (the SSRF rule of url-guard.ts, again at connect time).
 */
export interface PostOutcome {
  statusCode: number | null;
  error: string | null;
}

const TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;

function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...(options as LookupOptions), all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as LookupAddress[];
      const refused = !allowPrivate && list.some((entry) => isPrivateAddress(entry.address));
      if (refused || list.length === 0) {
        return callback(new Error(`refused: ${hostname} resolves to a private address`), "", 0);
      }
      if ((options as LookupOptions).all)
        return (callback as (e: null, a: LookupAddress[]) => void)(null, list);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

export function postWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  allowPrivate: boolean,
): Promise<PostOutcome> {
  const url = new URL(target);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  // A literal address is never looked up, so the lookup's check cannot catch it.
  if (!allowPrivate && isIP(host) !== 0 && isPrivateAddress(host)) {
    return Promise.resolve({ statusCode: null, error: "refused: private address" });
  }
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(outcome);
    };
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup: guardedLookup(allowPrivate),
        agent: false,
      },
      (response) => {
        let received = 0;
        response.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received > MAX_ANSWER_BYTES) finish({ statusCode: response.statusCode ?? null, error: null });
        });
        response.on("end", () => finish({ statusCode: response.statusCode ?? null, error: null }));
        response.on("error", () => finish({ statusCode: response.statusCode ?? null, error: null }));
      },
    );
    const timer = setTimeout(
      () => finish({ statusCode: null, error: `no answer within ${TIMEOUT_MS / 1000} s` }),
      TIMEOUT_MS,
    );
    request.on("error", (error) => finish({ statusCode: null, error: error.message.slice(0, 500) }));
    request.end(body);
  });
}
