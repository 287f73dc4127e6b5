import type { FastifySchema } from "fastify";
import type { App } from "./types.ts";

/** One route as registered: what the authorisation matrix and the input fuzzer walk. */
export interface RouteEntry {
  method: string;
  url: string;
  schema: FastifySchema | undefined;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Every route registered on this app (HEAD excluded), in registration order. */
    routeTable: readonly RouteEntry[];
  }
}

/**
 * Records every route as it is registered, so tests can demand an entry for each one
 * (a new route without an authorisation rule fails the matrix). Must be installed
 * before any plugin or route is registered.
 */
export function recordRouteTable(app: App): void {
  const routes: RouteEntry[] = [];
  app.decorate("routeTable", routes);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) {
      if (method === "HEAD") continue;
      routes.push({ method, url: route.url, schema: route.schema });
    }
  });
}
