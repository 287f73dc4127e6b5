import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/openapi.d.ts";

/**
 * The typed API client an agency uses: openapi-fetch over the paths generated
 * from the OpenAPI document (`npm run api:types`), authenticated by an API token.
 * Request bodies, parameters and the documented answers are checked by the
 * compiler; a route whose schema changes breaks the calls that no longer fit.
 */
export type OpenBeianClient = Client<paths>;

export function createOpenBeianClient(baseUrl: string, token?: string): OpenBeianClient {
  return createClient<paths>({
    baseUrl,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

/** Multipart bodies (uploads): the parts in the order given, which for materials is `kind` before `file`. */
export function multipart(body: Record<string, string | Blob>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === "string") form.append(name, value);
    else form.append(name, value, `${name}.jpg`);
  }
  return form;
}
