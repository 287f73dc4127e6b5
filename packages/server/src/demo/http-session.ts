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

  /** A multipart upload (`kind`, then the file), as the wizard's upload step sends it. */
  async upload<T = Record<string, unknown>>(
    path: string,
    kind: string,
    file: { bytes: Uint8Array; name: string; type: string },
  ): Promise<T> {
    const form = new FormData();
    form.append("kind", kind);
    form.append("file", new Blob([Uint8Array.from(file.bytes)], { type: file.type }), file.name);
    return this.send<T>("POST", path, form, {});
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.send<T>(
      method,
      path,
      body !== undefined ? JSON.stringify(body) : undefined,
      body !== undefined ? { "content-type": "application/json" } : {},
    );
  }

  /** Raw bytes of a GET (generated PDFs, uploaded files). */
  async download(path: string): Promise<Uint8Array> {
    const response = await fetch(`${this.base}${path}`, {
      headers: this.cookie ? { cookie: this.cookie } : {},
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok)
      throw new Error(`GET ${path} answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
    return new Uint8Array(await response.arrayBuffer());
  }

  private async send<T>(
    method: string,
    path: string,
    body: string | FormData | undefined,
    headers: Record<string, string>,
  ): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken && method !== "GET" ? { "x-csrf-token": this.csrfToken } : {}),
        ...headers,
      },
      body,
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
