import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { builtinCalendar, type WorkdayCalendar } from "@openbeian/core";
import { domainsResolving, dnsResolves, type DomainResolves } from "./domain-check.ts";
import { RegulatorEngine, type EngineOptions, type FiledElsewhere } from "./engine.ts";
import { operatorPage, smsVerifyPage } from "./pages.ts";
import { PlatformClient } from "./platform-client.ts";
import { presentOrder } from "./present.ts";
import { Reporter } from "./reporter.ts";
import { isKnownOrderType } from "./sms.ts";
import { SimStore, type OrderPhase } from "./store.ts";
import { simError, type SimErrorCode } from "./sim-errors.ts";

/**
 * The simulator's HTTP face. For the platform's bridge it is MIIT's enterprise
 * interface (submissions in, bearer token, idempotent by message id); for
 * people it is the 短信核验 page; for whoever plays the bureau it is an operator
 * page that approves or rejects by hand. A tick loop moves orders along and the
 * reporter tells the platform, through its events endpoint and SMS channel.
 */
export interface SimulatorOptions extends Omit<EngineOptions, "store" | "calendar"> {
  token: string;
  /** The platform to report to; without it reports wait in the outbox. */
  platformUrl?: string | null;
  /** Token for the platform's internal endpoints (the same shared secret by default). */
  platformToken?: string;
  /** SQLite file that keeps the simulator's state across restarts; in memory by default. */
  dataFile?: string;
  calendar?: WorkdayCalendar;
  now?: () => Date;
  /** How often orders are moved along and the outbox delivered. */
  tickMs?: number;
  /** SMS verification and resend requests per minute per address (30 by default). */
  verifyRateLimit?: number;
  /** Whether a domain resolves in DNS (a first filing's domain must not, fact base §10). */
  domainResolves?: DomainResolves;
  /** Filings made through other providers, recorded at start when MIIT does not hold them yet (新增接入 demos). */
  filedElsewhere?: readonly FiledElsewhere[];
}

export interface Simulator {
  server: Server;
  store: SimStore;
  engine: RegulatorEngine;
  /** Starts reporting to a platform whose address is known only after the simulator started. */
  connectPlatform(platformUrl: string): void;
  listen(port: number, host?: string): Promise<string>;
  /** One step of the loop: move orders, then deliver reports. */
  step(): Promise<void>;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
const OPERATOR_COOKIE = "sim_operator";
const PHASES: readonly OrderPhase[] = [
  "awaiting_sms",
  "sms_pending",
  "bureau_review",
  "approved",
  "rejected",
  "returned",
];

export function createSimulator(options: SimulatorOptions): Simulator {
  const now = options.now ?? (() => new Date());
  const store = new SimStore(options.dataFile ?? ":memory:");
  const engine = new RegulatorEngine({ ...options, store, calendar: options.calendar ?? builtinCalendar });
  for (const filing of options.filedElsewhere ?? []) {
    if (!store.filedWebsite(filing.domain.trim().toLowerCase()))
      engine.fileElsewhere({ ...filing, at: now() });
  }
  const connect = (platformUrl: string) =>
    new Reporter(
      store,
      new PlatformClient({ baseUrl: platformUrl, token: options.platformToken ?? options.token }),
      { now },
    );
  let reporter = options.platformUrl ? connect(options.platformUrl) : null;
  const resolves = options.domainResolves ?? dnsResolves;
  const limiter = new WindowLimiter(options.verifyRateLimit ?? 30, 60_000);
  let timer: NodeJS.Timeout | null = null;
  let stepping: Promise<void> | null = null;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof BodyError) return sendError(response, 400, "VALIDATION_FAILED");
      console.error("regulator-sim:", error);
      sendError(response, 500, "INTERNAL");
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://simulator");
    const path = url.pathname;
    const method = request.method ?? "GET";
    if (path === "/healthz") return send(response, 200, { status: "ok" });
    if (method === "GET" && (path === "/" || path === "/sms")) {
      if (path === "/") return redirect(response, "/sms");
      return html(response, 200, smsVerifyPage());
    }
    if (method === "POST" && (path === "/api/sms/verify" || path === "/api/sms/resend")) {
      const retryAfterMs = limiter.refusal(request.socket.remoteAddress ?? "?", now().getTime());
      if (retryAfterMs !== null) {
        response.setHeader("retry-after", String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
        return sendError(response, 429, "RATE_LIMITED");
      }
      return path === "/api/sms/verify" ? verify(request, response) : resend(request, response);
    }
    if (path.startsWith("/operator")) return operator(request, response, path, method);

    const auth = authenticate(request);
    if (!auth) return sendError(response, 401, "UNAUTHENTICATED");
    if (auth === "cookie" && method !== "GET" && request.headers["x-requested-with"] !== "fetch")
      return sendError(response, 403, "FORBIDDEN");
    if (method === "POST" && path === "/api/submissions") return submit(request, response);
    // MIIT's public record of a domain (备案查询), which the platform reads before a 新增接入.
    if (method === "GET" && path === "/api/records") {
      const domain = url.searchParams.get("domain")?.trim().toLowerCase() ?? "";
      if (!domain || domain.length > 253) return sendError(response, 400, "VALIDATION_FAILED");
      const record = engine.record(domain);
      return record ? send(response, 200, record) : sendError(response, 404, "NOT_FOUND");
    }
    if (method === "GET" && path === "/api/submissions")
      return send(response, 200, { items: store.submissions() });
    if (method === "GET" && path === "/api/orders") {
      const phase = url.searchParams.get("phase") as OrderPhase | null;
      if (phase && !PHASES.includes(phase)) return sendError(response, 400, "VALIDATION_FAILED");
      return send(response, 200, { items: store.recentOrders(500, phase ?? undefined).map(presentOrder) });
    }
    if (method === "GET" && path === "/api/outbox")
      return send(response, 200, { items: store.outbox(url.searchParams.get("order") ?? undefined) });
    const orderMatch = /^\/api\/orders\/([^/]{1,64})(\/decision)?$/.exec(path);
    if (orderMatch) {
      const orderNumber = decodeURIComponent(orderMatch[1]!);
      if (method === "GET" && !orderMatch[2]) {
        const order = store.order(orderNumber);
        return order ? send(response, 200, presentOrder(order)) : sendError(response, 404, "NOT_FOUND");
      }
      if (method === "POST" && orderMatch[2]) return decide(request, response, orderNumber);
    }
    return sendError(response, 404, "NOT_FOUND");
  }

  async function submit(request: IncomingMessage, response: ServerResponse) {
    const input = submissionInput(await readJson(request));
    if (!input) return sendError(response, 400, "VALIDATION_FAILED");
    const { submission, duplicate } = store.receiveSubmission(input, now());
    if (!duplicate) {
      engine.receive(submission, now(), { provider: input.provider });
      // The bureau looks at the domain while the order waits for its SMS; the answer joins the order.
      void domainsResolving(submission, resolves).then((findings) => {
        if (findings.length > 0) engine.addFindings(submission.orderNumber, submission.messageId, findings);
      });
    }
    return send(response, duplicate ? 200 : 201, {
      accepted: true,
      duplicate,
      messageId: submission.messageId,
      receivedAt: submission.receivedAt,
    });
  }

  async function verify(request: IncomingMessage, response: ServerResponse) {
    const body = asRecord(await readJson(request));
    const mobile = text(body, "mobile", 20);
    const code = text(body, "code", 6);
    const certificateLast6 = text(body, "certificateLast6", 6);
    if (!mobile || !code || !/^\d{6}$/.test(code) || !certificateLast6)
      return sendError(response, 400, "VALIDATION_FAILED");
    const result = engine.verify({ mobile, code, certificateLast6 }, now());
    await step();
    switch (result.outcome) {
      case "verified":
      case "all_verified":
        return send(response, 200, { outcome: result.outcome, orderNumber: result.orderNumber });
      case "wrong":
        return sendError(response, 422, "SMS_WRONG_CODE");
      case "failed":
        return sendError(response, 422, "SMS_FAILED");
      case "closed":
        return sendError(response, 409, "SMS_CLOSED");
      default:
        return sendError(response, 404, "SMS_NOT_FOUND");
    }
  }

  async function resend(request: IncomingMessage, response: ServerResponse) {
    const body = asRecord(await readJson(request));
    const mobile = text(body, "mobile", 20);
    const certificateLast6 = text(body, "certificateLast6", 6);
    if (!mobile || !certificateLast6) return sendError(response, 400, "VALIDATION_FAILED");
    const sent = engine.resend({ mobile, certificateLast6 }, now());
    if (!sent) return sendError(response, 409, "SMS_RESEND_REFUSED");
    await step();
    return send(response, 200, { sent: true, orderNumber: sent.orderNumber });
  }

  async function decide(request: IncomingMessage, response: ServerResponse, orderNumber: string) {
    const body = asRecord(await readJson(request));
    const reasons = Array.isArray(body.reasons)
      ? body.reasons.filter((reason): reason is string => typeof reason === "string" && reason.trim() !== "")
      : [];
    if (typeof body.approve !== "boolean" || (!body.approve && reasons.length === 0))
      return sendError(response, 400, "VALIDATION_FAILED");
    if (reasons.length > 20 || reasons.some((reason) => reason.length > 500))
      return sendError(response, 400, "VALIDATION_FAILED");
    const report = engine.decide(
      orderNumber,
      body.approve ? { approve: true } : { approve: false, reasons: reasons.map((reason) => reason.trim()) },
      now(),
    );
    if (!report)
      return store.order(orderNumber)
        ? sendError(response, 409, "NOT_IN_BUREAU_REVIEW")
        : sendError(response, 404, "NOT_FOUND");
    await step();
    return send(response, 200, report);
  }

  async function operator(request: IncomingMessage, response: ServerResponse, path: string, method: string) {
    if (method === "POST" && path === "/operator/login") {
      const form = new URLSearchParams(await readText(request));
      if (!tokenMatches(form.get("token") ?? "", options.token))
        return html(response, 401, operatorPage({ authenticated: false, error: "令牌错误 / wrong token" }));
      response.writeHead(303, {
        location: "/operator",
        "set-cookie": `${OPERATOR_COOKIE}=${encodeURIComponent(options.token)}; HttpOnly; SameSite=Strict; Path=/`,
      });
      return response.end();
    }
    if (path === "/operator/logout") {
      response.writeHead(303, {
        location: "/operator",
        "set-cookie": `${OPERATOR_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`,
      });
      return response.end();
    }
    if (method === "GET" && path === "/operator")
      return html(response, 200, operatorPage({ authenticated: authenticate(request) !== null }));
    return sendError(response, 404, "NOT_FOUND");
  }

  function authenticate(request: IncomingMessage): "bearer" | "cookie" | null {
    const header = request.headers.authorization;
    if (header?.startsWith("Bearer ")) return tokenMatches(header.slice(7), options.token) ? "bearer" : null;
    const cookie = readCookie(request.headers.cookie, OPERATOR_COOKIE);
    return cookie !== null && tokenMatches(cookie, options.token) ? "cookie" : null;
  }

  /** Moves orders along, then delivers what they produced; one step at a time. */
  function step(): Promise<void> {
    stepping ??= (async () => {
      try {
        engine.tick(now());
        await reporter?.deliverDue();
      } finally {
        stepping = null;
      }
    })();
    return stepping;
  }

  return {
    server,
    store,
    engine,
    connectPlatform: (platformUrl) => {
      reporter = connect(platformUrl);
    },
    step,
    listen: (port, host = "127.0.0.1") =>
      new Promise((resolve) => {
        server.listen(port, host, () => {
          const address = server.address();
          const loop = () => {
            step()
              .catch((error: unknown) => console.error("regulator-sim step failed:", error))
              .finally(() => {
                if (timer) timer = setTimeout(loop, options.tickMs ?? 250);
              });
          };
          timer = setTimeout(loop, 0);
          resolve(`http://${host}:${typeof address === "object" && address ? address.port : port}`);
        });
      }),
    close: async () => {
      if (timer) clearTimeout(timer);
      timer = null;
      await stepping;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}

class BodyError extends Error {}

/** At most `limit` requests per address per window: the public verification page is guessable otherwise. */
class WindowLimiter {
  private readonly hits = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}
  /** Counts a request; null when allowed, else the milliseconds until the window ends (Retry-After). */
  refusal(key: string, now: number): number | null {
    const entry = this.hits.get(key);
    if (!entry || now - entry.start > this.windowMs || now < entry.start) {
      if (this.hits.size > 10_000) this.hits.clear();
      this.hits.set(key, { start: now, count: 1 });
      return null;
    }
    entry.count += 1;
    return entry.count <= this.limit ? null : entry.start + this.windowMs - now;
  }
}

function tokenMatches(presented: string, token: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of header?.split(";") ?? []) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return null;
}

async function readText(request: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new BodyError("body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse(await readText(request));
  } catch (error) {
    if (error instanceof BodyError) throw error;
    throw new BodyError("not JSON");
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function text(body: Record<string, unknown>, key: string, max: number): string | null {
  const value = body[key];
  return typeof value === "string" && value.trim().length > 0 && value.length <= max ? value.trim() : null;
}

function submissionInput(body: unknown) {
  const value = asRecord(body);
  const messageId = text(value, "messageId", 200);
  const orderNumber = text(value, "orderNumber", 64);
  const orderType = text(value, "orderType", 40);
  const province = text(value, "province", 2);
  const provider = value.provider === undefined ? "openbeian" : text(value, "provider", 64);
  if (!messageId || !orderNumber || !orderType || !province || !provider) return null;
  if (!isKnownOrderType(orderType)) return null;
  return { messageId, orderNumber, orderType, province, provider, payload: value.payload ?? null };
}

function send(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
}

function sendError(response: ServerResponse, status: number, code: SimErrorCode) {
  send(response, status, simError(code));
}

function html(response: ServerResponse, status: number, body: string) {
  response.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy":
      "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
  });
  response.end(body);
}

function redirect(response: ServerResponse, location: string) {
  response.writeHead(302, { location });
  response.end();
}
