import { createServer, type Server } from "node:https";
import { handle, type GateOptions } from "./server.ts";

/**
 * The gate's HTTPS front: the same decisions as over HTTP, plus the SNI rule (the
 * name the TLS handshake asked for and the Host header must be covered by the
 * same filed domain, so a filed name cannot front for an unfiled one). Blocked
 * visitors get the block page over TLS; the certificate is the provider's own,
 * so browsers warn for other names, as with any provider's block page.
 */
export interface TlsGateOptions extends GateOptions {
  cert: Buffer | string;
  key: Buffer | string;
}

export function createTlsGate(options: TlsGateOptions): Server {
  const { cert, key, ...gate } = options;
  return createServer({ cert, key }, (request, response) => handle(gate, request, response));
}
