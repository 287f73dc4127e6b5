import type { LocalizedText } from "./types";

/** An error answer of the API: a stable code and a zh/en message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly localized: LocalizedText,
    readonly details?: unknown,
  ) {
    super(`${code}: ${localized.en}`);
    this.name = "ApiError";
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: () => void = () => {};

/** Called when the API says the session is gone (expired, or logged out elsewhere). */
export function setUnauthenticatedHandler(handler: () => void) {
  onUnauthenticated = handler;
}

/** Remembers the CSRF token from login or /api/session; every change sends it back. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  // A FormData body (file uploads) sets its own multipart content type and boundary.
  const multipart = body instanceof FormData;
  if (body !== undefined && !multipart) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "NETWORK", {
      zh: "网络连接失败，请稍后重试",
      en: "Network error; try again later",
    });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json: unknown = text ? safeParse(text) : undefined;
  if (!response.ok) {
    const error = (json ?? {}) as { code?: string; message?: LocalizedText; details?: unknown };
    if (response.status === 401 && error.code === "UNAUTHENTICATED" && path !== "/api/session")
      onUnauthenticated();
    throw new ApiError(
      response.status,
      error.code ?? "HTTP_" + response.status,
      error.message ?? { zh: `请求失败（${response.status}）`, en: `Request failed (${response.status})` },
      error.details,
    );
  }
  return json as T;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  delete: <T>(path: string) => request<T>("DELETE", path),
  /** POST multipart/form-data (the fields in the order appended), with the CSRF header. */
  upload: <T>(path: string, form: FormData) => request<T>("POST", path, form),
};
