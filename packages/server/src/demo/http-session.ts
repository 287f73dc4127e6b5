/**
 * A signed-in browser over real HTTP, as the demo journey drives the platform:
 * it keeps the session cookie and sends the CSRF token, and turns every
 * unexpected answer into an error that names the request.
 */
export class HttpSession {
  private cookie = "";
  private csrfToken = "";

  constructor(private readonly base: string) {}

  get<T = Record<string, unknown>>(path: string): Promise<T> {
    return this.request<T>("GET", path);
  }

  post<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("POST", path, body);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken && method !== "GET" ? { "x-csrf-token": this.csrfToken } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const session = /ob_session=([^;]+)/.exec(response.headers.get("set-cookie") ?? "");
    if (session) this.cookie = `ob_session=${session[1]}`;
    const text = await response.text();
    const parsed = (text ? JSON.parse(text) : undefined) as T & { csrfToken?: string };
    if (!response.ok)
      throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 4000)}`);
    if (parsed?.csrfToken) this.csrfToken = parsed.csrfToken;
    return parsed;
  }
}

/** POST JSON to an absolute URL (the regulator's pages); returns status and body. */
export async function postJson(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}
