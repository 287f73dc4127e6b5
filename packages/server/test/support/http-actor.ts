/**
 * A signed-in user over real HTTP for the tests that run the platform as child
 * processes. Unlike the demo's HttpSession it hands back every answer with its
 * status (a 409 is an outcome the load generator counts, not an error) and tells
 * "no answer" apart: a refused connection or a reset while the server is being
 * killed throws Unreachable, whose request may or may not have been applied.
 */
export interface Answer<T = any> {
  status: number;
  body: T;
}

export class Unreachable extends Error {
  constructor(what: string, cause: unknown) {
    super(`${what}: no answer (${cause instanceof Error ? cause.message : String(cause)})`);
    this.name = "Unreachable";
  }
}

interface Credentials {
  cookie: string;
  csrfToken: string;
}

export class HttpActor {
  private constructor(
    readonly base: string,
    private readonly credentials: Credentials,
    private readonly timeoutMs: number,
  ) {}

  static at(base: string, timeoutMs = 15_000): HttpActor {
    return new HttpActor(base, { cookie: "", csrfToken: "" }, timeoutMs);
  }

  /** The same user (cookie and CSRF token) talking to another instance of the API. */
  via(base: string): HttpActor {
    return new HttpActor(base, this.credentials, this.timeoutMs);
  }

  get<T = any>(path: string) {
    return this.request<T>("GET", path);
  }

  post<T = any>(path: string, body?: unknown, headers: Record<string, string> = {}) {
    return this.request<T>("POST", path, body, headers);
  }

  put<T = any>(path: string, body?: unknown) {
    return this.request<T>("PUT", path, body);
  }

  request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    return this.send<T>(method, path, body === undefined ? undefined : JSON.stringify(body), {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    });
  }

  /** A multipart upload (`kind`, then the file), as the wizard sends it. */
  upload<T = any>(path: string, kind: string, bytes: Uint8Array, name: string, type: string) {
    const form = new FormData();
    form.append("kind", kind);
    form.append("file", new Blob([Uint8Array.from(bytes)], { type }), name);
    return this.send<T>("POST", path, form, {});
  }

  private async send<T>(
    method: string,
    path: string,
    body: string | FormData | undefined,
    headers: Record<string, string>,
  ): Promise<Answer<T>> {
    const { cookie, csrfToken } = this.credentials;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(csrfToken && method !== "GET" ? { "x-csrf-token": csrfToken } : {}),
          ...headers,
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new Unreachable(`${method} ${path}`, error);
    }
    const session = /ob_session=([^;]+)/.exec(response.headers.get("set-cookie") ?? "");
    if (session) this.credentials.cookie = `ob_session=${session[1]}`;
    const parsed = (text ? JSON.parse(text) : undefined) as T & { csrfToken?: string };
    if (response.ok && parsed?.csrfToken) this.credentials.csrfToken = parsed.csrfToken;
    return { status: response.status, body: parsed };
  }
}

/** An answer that had to succeed: anything else names the request and what came back. */
export function expectOk<T>(answer: Answer<T>, what: string): T {
  if (answer.status < 200 || answer.status >= 300)
    throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 2000)}`);
  return answer.body;
}
