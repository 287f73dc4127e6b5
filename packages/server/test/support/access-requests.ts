import { SESSION_COOKIE } from "../../src/identity/sessions.ts";
import type { App } from "../../src/http/types.ts";
import type { Req } from "./route-access.ts";

/**
 * Sends the authorisation matrix's requests through inject: the caller's credential
 * as a browser or a client would carry it, and each request from an address of its
 * own, so the per-address rate limits (login, sign-up, lookups) never answer instead
 * of the authorisation checks.
 */
export interface SessionCredential {
  cookie: string;
  csrfToken: string;
}

export interface SentRequest {
  method: string;
  /** The route's pattern, `:name` and `*` filled from the request's params. */
  url: string;
  req: Req;
  headers: Record<string, string>;
}

export interface Answer {
  status: number;
  text: string;
  body: any;
}

let address = 0;
const nextAddress = () => {
  address += 1;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
};

export function fillUrl(
  pattern: string,
  params: Record<string, string> = {},
  query: Record<string, string> = {},
) {
  const path = pattern.replace(/:([A-Za-z]+)|\*/g, (whole, name: string | undefined) => {
    const value = params[name ?? "*"];
    if (value === undefined) throw new Error(`${pattern}: no value for ${whole}`);
    return name ? encodeURIComponent(value) : value;
  });
  const search = new URLSearchParams(query).toString();
  return search ? `${path}?${search}` : path;
}

export async function send(app: App, request: SentRequest): Promise<Answer> {
  const { req } = request;
  const headers = { ...req.headers, ...request.headers };
  let payload: string | Buffer | undefined;
  if (req.form) {
    Object.assign(headers, req.form.headers);
    payload = req.form.payload;
  } else if (req.body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(req.body);
  }
  const response = await app.inject({
    method: request.method as "GET",
    url: fillUrl(request.url, req.params, req.query),
    headers,
    remoteAddress: nextAddress(),
    ...(payload === undefined ? {} : { payload }),
  });
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    body = undefined;
  }
  return { status: response.statusCode, text: response.body, body };
}

/** Signs a user in with a session of its own (a new cookie and CSRF token). */
export async function signIn(app: App, email: string, password: string): Promise<SessionCredential> {
  const response = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    headers: { "content-type": "application/json" },
    payload: JSON.stringify({ email, password }),
    remoteAddress: nextAddress(),
  });
  const cookie = response.cookies.find((candidate) => candidate.name === SESSION_COOKIE);
  if (response.statusCode !== 200 || !cookie) throw new Error(`login of ${email}: ${response.body}`);
  return { cookie: `${SESSION_COOKIE}=${cookie.value}`, csrfToken: JSON.parse(response.body).csrfToken };
}

/**
 * One session per user, made when first needed; forgotten when a route ended the
 * user's sessions, so the next request signs in again.
 */
export class Sessions {
  private readonly sessions = new Map<string, Promise<SessionCredential>>();

  constructor(private readonly app: App) {}

  of(email: string, password: string): Promise<SessionCredential> {
    let session = this.sessions.get(email);
    if (!session) {
      session = signIn(this.app, email, password);
      this.sessions.set(email, session);
    }
    return session;
  }

  fresh(email: string, password: string): Promise<SessionCredential> {
    return signIn(this.app, email, password);
  }

  forgetAll(): void {
    this.sessions.clear();
  }
}
