import { createServer, request as forward, type IncomingMessage, type ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { blockPage } from "./block-page.ts";
import { decide, type KnownStatus } from "./decide.ts";
import type { FiledDomainSet } from "./filed-set.ts";

/**
 * The gate's HTTP front. In `decision` mode it answers every request itself:
 * allowed requests get an empty 204 with `x-beian-decision: allow` (for a front
 * proxy's auth_request), blocked ones the block page with the configured status
 * and `x-beian-decision: block`. In `proxy` mode allowed requests are passed to
 * the upstream unchanged. The sets are read on every request, so updates apply
 * without a restart.
 */
export interface GateOptions {
  filed: () => FiledDomainSet;
  statuses: () => ReadonlyMap<string, KnownStatus>;
  mode: "decision" | "proxy";
  upstream?: { host: string; port: number };
  /** The block page's status: 451 (Unavailable For Legal Reasons) by default. */
  blockStatus?: number;
}

export function createGate(options: GateOptions) {
  return createServer((request, response) => handle(options, request, response));
}

export function handle(options: GateOptions, request: IncomingMessage, response: ServerResponse) {
  const socket = request.socket as Partial<TLSSocket>;
  const sni = socket.encrypted ? socket.servername || "" : undefined;
  const decision = decide(options.filed(), options.statuses(), request.headers.host, sni);
  if (!decision.allowed) {
    const body = blockPage(decision);
    response.writeHead(options.blockStatus ?? 451, {
      "content-type": "text/html; charset=utf-8",
      "content-length": Buffer.byteLength(body),
      "cache-control": "no-store",
      "x-beian-decision": "block",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
    });
    response.end(body);
    return;
  }
  if (options.mode === "decision" || !options.upstream) {
    response.writeHead(204, { "x-beian-decision": "allow", "x-beian-domain": decision.domain });
    response.end();
    return;
  }
  const upstream = forward(
    {
      host: options.upstream.host,
      port: options.upstream.port,
      method: request.method,
      path: request.url,
      headers: request.headers,
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on("error", () => {
    if (!response.headersSent) response.writeHead(502, { "content-type": "text/plain" });
    response.end("upstream unavailable");
  });
  request.pipe(upstream);
}
