import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import { decodePage } from "./charset.ts";
import type { FetchProblemCode } from "./fetch-problems.ts";
import { metaRefreshTarget } from "./meta-refresh.ts";

/**
 * Fetches a home page the way a bureau reviewer's browser would reach it: following
 * redirects (HTTP and an immediate `<meta http-equiv="refresh">`), verifying the TLS
 * certificate, decoding the page's charset. Built on node:http / node:https rather than
 * fetch() so the limits are exact: one deadline for the whole chain of requests, and
 * the body read only up to the size cap (what was read is still analysed, marked
 * truncated). Failures are FetchPageError with a stable code (fetch-problems.ts).
 */
export interface FetchPageOptions {
  /** For the whole fetch, redirects included (default 10 s). */
  timeoutMs?: number;
  /** Bytes of the (decompressed) body read at most (default 2 MB). */
  maxBytes?: number;
  /** Redirects followed at most (default 5). */
  maxRedirects?: number;
  /** Name resolution (tests point names at 127.0.0.1). */
  lookup?: LookupFunction;
  /** Connection agents (default: a fresh connection per request). */
  agents?: { http?: http.Agent; https?: https.Agent };
}

export const FETCH_DEFAULTS = { timeoutMs: 10_000, maxBytes: 2 * 1024 * 1024, maxRedirects: 5 } as const;

export interface FetchedPage {
  /** The URL finally answered, after redirects. */
  url: string;
  status: number;
  contentType: string | null;
  html: string;
  charset: string;
  /** Body bytes read (decompressed). */
  bytes: number;
  truncated: boolean;
  /** Every URL redirected to, in order. */
  redirects: string[];
  fetchMs: number;
}

export class FetchPageError extends Error {
  constructor(
    readonly code: FetchProblemCode,
    /** The URL being fetched when it failed. */
    readonly url: string,
    readonly detail?: string,
    readonly status?: number,
  ) {
    super(`${code}${detail ? `: ${detail}` : ""} (${url})`);
    this.name = "FetchPageError";
  }
}

/** The same for every request (node:http only reads it). */
const REQUEST_HEADERS = Object.freeze({
  "user-agent": "Mozilla/5.0 (compatible; OpenBeian-footer-check/0.1)",
  accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
  "accept-language": "zh-CN,zh;q=0.9,en;q=0.5",
});
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_NODATA", "EAI_FAIL"]);
const TLS_CODE =
  /^(?:ERR_TLS_|ERR_SSL_|ERR_OSSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH|INVALID_CA|INVALID_PURPOSE)/;

/** An absolute http(s) URL, or null. */
export function parseHttpUrl(input: string, base?: URL): URL | null {
  try {
    const url = new URL(input.trim(), base);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

export async function fetchHomePage(input: string, options: FetchPageOptions = {}): Promise<FetchedPage> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const maxBytes = options.maxBytes ?? FETCH_DEFAULTS.maxBytes;
  const maxRedirects = options.maxRedirects ?? FETCH_DEFAULTS.maxRedirects;
  let current = parseHttpUrl(input);
  if (!current) throw new FetchPageError("FOOTER_URL_INVALID", input);
  const deadline = new Deadline(timeoutMs);
  const visited = new Set([withoutHash(current)]);
  const redirects: string[] = [];
  const follow = (location: string, from: URL): URL => {
    const next = parseHttpUrl(location, from);
    if (!next) throw new FetchPageError("FOOTER_REDIRECT_INVALID", from.href, location);
    if (visited.has(withoutHash(next)))
      throw new FetchPageError("FOOTER_REDIRECT_LOOP", from.href, next.href);
    if (redirects.length >= maxRedirects) {
      throw new FetchPageError("FOOTER_TOO_MANY_REDIRECTS", from.href, `> ${maxRedirects}`);
    }
    visited.add(withoutHash(next));
    redirects.push(next.href);
    return next;
  };
  try {
    for (;;) {
      const url: URL = current;
      const answer = await requestOnce(url, deadline, options, maxBytes);
      if (answer.location !== null) {
        current = follow(answer.location, url);
        continue;
      }
      if (answer.status < 200 || answer.status > 299) {
        throw new FetchPageError("FOOTER_HTTP_STATUS", url.href, `HTTP ${answer.status}`, answer.status);
      }
      const type = answer.contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
      if (type !== "" && !type.includes("html") && !type.startsWith("text/")) {
        throw new FetchPageError("FOOTER_NOT_HTML", url.href, type, answer.status);
      }
      const decoded = decodePage(answer.body, answer.contentType);
      const refresh = metaRefreshTarget(decoded.html);
      const refreshTo = refresh === null ? null : parseHttpUrl(refresh, url);
      if (refresh !== null && refreshTo && withoutHash(refreshTo) !== withoutHash(url)) {
        current = follow(refresh, url);
        continue;
      }
      return {
        url: url.href,
        status: answer.status,
        contentType: answer.contentType,
        html: decoded.html,
        charset: decoded.charset,
        bytes: answer.body.length,
        truncated: answer.truncated,
        redirects,
        fetchMs: Math.round(performance.now() - started),
      };
    }
  } catch (error) {
    if (error instanceof FetchPageError) throw error;
    throw classify(error, current.href, deadline.passed, timeoutMs);
  } finally {
    deadline.clear();
  }
}

/** The URL without its fragment (from the first `#`: the serialiser encodes any other). */
function withoutHash(url: URL): string {
  const href = url.href;
  const hash = href.indexOf("#");
  return hash === -1 ? href : href.slice(0, hash);
}

/**
 * One deadline for the whole chain of requests: when it passes, the request in flight
 * is destroyed, as an AbortSignal given to node:http would do, without an AbortController
 * and an abort listener on every request.
 */
class Deadline {
  passed = false;
  private request: http.ClientRequest | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(timeoutMs: number) {
    this.timer = setTimeout(() => {
      this.passed = true;
      this.request?.destroy(
        Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: "ABORT_ERR" }),
      );
    }, timeoutMs);
  }

  /** The request now in flight; destroyed at once when the deadline has passed. */
  watch(request: http.ClientRequest): void {
    this.request = request;
    if (this.passed)
      request.destroy(Object.assign(new Error("the deadline has passed"), { code: "ABORT_ERR" }));
  }

  clear(): void {
    clearTimeout(this.timer);
    this.request = null;
  }
}

interface Answer {
  status: number;
  /** Set for a redirect (whose body is not read). */
  location: string | null;
  contentType: string | null;
  body: Buffer;
  truncated: boolean;
}

function requestOnce(url: URL, deadline: Deadline, options: FetchPageOptions, maxBytes: number) {
  return new Promise<Answer>((resolve, reject) => {
    const secure = url.protocol === "https:";
    const request = (secure ? https : http).request(url, {
      method: "GET",
      headers: REQUEST_HEADERS,
      agent: (secure ? options.agents?.https : options.agents?.http) ?? false,
      ...(options.lookup ? { lookup: options.lookup } : {}),
    });
    request.on("error", reject);
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      const contentType = response.headers["content-type"] ?? null;
      if (REDIRECT_STATUSES.has(status) && location) {
        response.destroy();
        resolve({ status, location, contentType, body: Buffer.alloc(0), truncated: false });
        return;
      }
      readBody(response, maxBytes).then(
        ({ body, truncated }) => resolve({ status, location: null, contentType, body, truncated }),
        reject,
      );
    });
    request.end();
    deadline.watch(request);
  });
}

/** The body up to `maxBytes` (after decompression, so a small gzip cannot expand without limit). */
function readBody(response: http.IncomingMessage, maxBytes: number) {
  const encoding = String(response.headers["content-encoding"] ?? "")
    .trim()
    .toLowerCase();
  const decompress =
    encoding === "gzip" || encoding === "x-gzip"
      ? zlib.createGunzip()
      : encoding === "deflate"
        ? zlib.createInflate()
        : encoding === "br"
          ? zlib.createBrotliDecompress()
          : null;
  const stream: Readable = decompress ? response.pipe(decompress) : response;
  return new Promise<{ body: Buffer; truncated: boolean }>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (truncated: boolean) => {
      if (settled) return;
      settled = true;
      response.destroy();
      decompress?.destroy();
      resolve({ body: Buffer.concat(chunks, size), truncated });
    };
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      response.destroy();
      decompress?.destroy();
      reject(error);
    };
    stream.on("data", (chunk: Buffer) => {
      if (settled || chunk.length === 0) return;
      // At the cap, any further byte means the page goes on.
      if (size >= maxBytes) {
        finish(true);
        return;
      }
      const room = maxBytes - size;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      size += Math.min(chunk.length, room);
      if (chunk.length > room) finish(true);
    });
    stream.on("end", () => finish(false));
    stream.on("error", fail);
    response.on("error", fail);
    response.on("close", () => {
      if (!response.complete)
        fail(Object.assign(new Error("connection closed mid-body"), { code: "ECONNRESET" }));
    });
  });
}

function classify(error: unknown, url: string, timedOut: boolean, timeoutMs: number): FetchPageError {
  if (timedOut) return new FetchPageError("FOOTER_FETCH_TIMEOUT", url, `${timeoutMs} ms`);
  const code = String((error as NodeJS.ErrnoException)?.code ?? "");
  const message = error instanceof Error ? error.message : String(error);
  const detail = code ? `${code}: ${message}` : message;
  if (DNS_CODES.has(code)) return new FetchPageError("FOOTER_DNS_FAILED", url, detail);
  if (TLS_CODE.test(code)) return new FetchPageError("FOOTER_TLS_ERROR", url, detail);
  if (code.startsWith("HPE_") || code.startsWith("Z_") || code.startsWith("ERR_BROTLI")) {
    return new FetchPageError("FOOTER_BAD_RESPONSE", url, detail);
  }
  return new FetchPageError("FOOTER_UNREACHABLE", url, detail);
}
