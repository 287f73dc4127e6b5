import type { Server } from "node:http";
import { createGate, createTlsGate, GateSync, type GateOptions } from "@openbeian/gate";
import type { Logger } from "pino";
import type { Db, Engine } from "../platform/db.ts";
import { databaseGateSource } from "./database-source.ts";

/**
 * A running gate fed by the platform database: the HTTP front (and HTTPS when a
 * certificate is given) over a GateSync that follows the change log. Used by
 * `beian start` inside the platform process and by `beian gate serve` (one per
 * worker process).
 */
export interface GateSettings {
  host: string;
  port: number;
  mode: GateOptions["mode"];
  upstream: { host: string; port: number } | null;
  blockStatus: number;
  tls: { port: number; cert: Buffer; key: Buffer } | null;
  /** Change-log polling: SQLite's only path, PostgreSQL's fallback to LISTEN. */
  pollMs: number;
}

export interface GateDatabase {
  db: Db;
  engine: Engine;
  url: string;
  schema?: string;
}

export interface GateRuntime {
  url: string;
  tlsUrl: string | null;
  sync: GateSync;
  close(): Promise<void>;
}

export const DEFAULT_GATE_PORT = 8080;

export async function startGateRuntime(
  database: GateDatabase,
  settings: GateSettings,
  logger: Logger,
): Promise<GateRuntime> {
  const sync = new GateSync({
    source: databaseGateSource(database),
    pollMs: database.engine === "postgres" ? Math.max(settings.pollMs, 2_000) : settings.pollMs,
    log: (level, message, detail) => logger[level]({ gate: true, ...detail }, message),
  });
  await sync.start();
  const options: GateOptions = {
    filed: sync.filed,
    statuses: sync.statuses,
    mode: settings.mode,
    blockStatus: settings.blockStatus,
    ...(settings.upstream ? { upstream: settings.upstream } : {}),
  };
  const servers: Server[] = [];
  const http = createGate(options);
  const port = await listen(http, settings.port, settings.host);
  servers.push(http);
  const shown = settings.host === "0.0.0.0" ? "127.0.0.1" : settings.host;
  let tlsUrl: string | null = null;
  if (settings.tls) {
    const https = createTlsGate({ ...options, cert: settings.tls.cert, key: settings.tls.key });
    tlsUrl = `https://${shown}:${await listen(https, settings.tls.port, settings.host)}`;
    servers.push(https);
  }
  return {
    url: `http://${shown}:${port}`,
    tlsUrl,
    sync,
    close: async () => {
      await Promise.all(servers.map((server) => close(server)));
      await sync.stop();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
