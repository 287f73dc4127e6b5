/**
 * What an API token may do, decided in one place for every route: reads need
 * `read`; the applicant's writes (orders, materials, resources, webhooks) need
 * `file`; the review console's writes need `review`. Everything else (logging in,
 * the account page, tokens themselves, administration) stays with a signed-in
 * session, so a leaked token can neither mint tokens nor change who may log in.
 */
export const TOKEN_SCOPES = ["read", "file", "review"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export type Requirement = TokenScope | "session";

/** Scopes each side may hold: applicants file, provider staff review. */
export const APPLICANT_SCOPES: readonly TokenScope[] = ["read", "file"];
export const STAFF_SCOPES: readonly TokenScope[] = ["read", "review"];

const SESSION_ONLY = ["/api/tokens", "/api/auth", "/api/internal"];
const FILE_ROUTES = [
  "/api/orders",
  "/api/domains",
  "/api/servers",
  "/api/service-codes",
  "/api/websites",
  "/api/transfers",
  "/api/webhooks",
];

const under = (route: string, prefixes: readonly string[]) =>
  prefixes.some((prefix) => route === prefix || route.startsWith(`${prefix}/`));

/** `route` is the matched route pattern (`/api/orders/:id/submit`), not the raw URL. */
export function requiredScope(method: string, route: string | undefined): Requirement {
  // An unmatched URL is a 404 whatever the token: reading it needs no more than read.
  if (route === undefined) return "read";
  if (under(route, SESSION_ONLY)) return "session";
  if (method === "GET" || method === "HEAD") return "read";
  if (under(route, ["/api/review"])) return "review";
  if (under(route, FILE_ROUTES)) return "file";
  return "session";
}
