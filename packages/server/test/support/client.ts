import type { App } from "../../src/http/types.ts";

/** A signed-in browser, as far as the API sees it: the session cookie and the CSRF token. */
export interface Response<T = any> {
  status: number;
  body: T;
}

export class ApiClient {
  private cookie = "";
  private csrfToken = "";
  /** Each client is its own user on its own address, as the login and sign-up limits see it. */
  private readonly remoteAddress = `10.${nextOctet()}.${nextOctet()}.${nextOctet()}`;

  constructor(private readonly app: App) {}

  async signUp(email: string, password = "Passw0rd!2026", displayName = "张三") {
    const response = await this.request("POST", "/api/auth/signup", {
      email,
      password,
      displayName,
      accountType: "personal",
    });
    if (response.status !== 201) throw new Error(`sign-up failed: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async logIn(email: string, password: string) {
    const response = await this.request("POST", "/api/auth/login", { email, password });
    if (response.status !== 200) throw new Error(`login failed: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  get = <T = any>(url: string) => this.request<T>("GET", url);
  post = <T = any>(url: string, body?: unknown) => this.request<T>("POST", url, body);
  put = <T = any>(url: string, body?: unknown) => this.request<T>("PUT", url, body);
  patch = <T = any>(url: string, body?: unknown) => this.request<T>("PATCH", url, body);
  delete = <T = any>(url: string) => this.request<T>("DELETE", url);

  /** Bytes in and out as they are: uploads, downloads (files) and requests of any shape. */
  async binary(method: "GET" | "POST" | "PUT" | "DELETE", url: string, request: RawRequest = {}) {
    const response = await this.app.inject({
      method,
      url,
      remoteAddress: this.remoteAddress,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken && method !== "GET" ? { "x-csrf-token": this.csrfToken } : {}),
        ...request.headers,
      },
      ...(request.payload !== undefined ? { payload: request.payload } : {}),
    });
    const body = response.rawPayload;
    return {
      status: response.statusCode,
      headers: response.headers,
      body,
      json: <T = any>() => JSON.parse(body.toString("utf8")) as T,
    } satisfies RawResponse;
  }

  async request<T = any>(
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response<T>> {
    const response = await this.app.inject({
      method,
      url,
      remoteAddress: this.remoteAddress,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken && method !== "GET" ? { "x-csrf-token": this.csrfToken } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    const setCookie = response.cookies.find((cookie) => cookie.name === "ob_session");
    if (setCookie) this.cookie = `ob_session=${setCookie.value}`;
    const parsed = response.body ? (JSON.parse(response.body) as T) : (undefined as T);
    const token = (parsed as { csrfToken?: string } | undefined)?.csrfToken;
    if (token) this.csrfToken = token;
    return { status: response.statusCode, body: parsed };
  }
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Buffer;
  json<T = any>(): T;
}

export interface RawRequest {
  payload?: Buffer | string;
  headers?: Record<string, string>;
}

let octet = 0;
const nextOctet = () => (octet = (octet + 37) % 254) + 1;
