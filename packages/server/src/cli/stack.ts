import { join } from "node:path";
import {
  createSimulator,
  DEMO_FILED_ELSEWHERE,
  type Simulator,
  type SimulatorOptions,
} from "@openbeian/regulator-sim";
import { seedDemo } from "../demo/seed.ts";
import { startGateRuntime, type GateRuntime, type GateSettings } from "../gate-sync/gate-runtime.ts";
import { buildApp } from "../http/app.ts";
import { openPlatform, type Platform, type PlatformOptions } from "../platform/bootstrap.ts";
import { Worker } from "../worker/worker.ts";

/**
 * The whole platform in one process: API and web, worker, and (unless an
 * external regulator is configured) the regulator simulator on its own port.
 * `beian start` runs it for people; `beian demo` runs it on a temporary
 * database when no platform URL is given.
 */
export interface StackOptions {
  platform: Omit<PlatformOptions, "regulatorUrl" | "regulatorPublicUrl">;
  host: string;
  port: number;
  webDist?: string | null;
  /** Reverse proxies whose X-Forwarded-* headers count (BEIAN_TRUST_PROXY). */
  trustProxy?: readonly string[];
  workerPollMs: number;
  seed: boolean;
  /** An external regulator (or simulator process); when set, no simulator starts here. */
  regulatorUrl: string | null;
  regulatorPublicUrl?: string | null;
  simulator: SimulatorSettings | null;
  /** The access gate, fed by the same database; null: no gate. */
  gate?: GateSettings | null;
}

export interface SimulatorSettings extends Omit<
  SimulatorOptions,
  "token" | "platformUrl" | "platformToken" | "dataFile"
> {
  port: number;
  /** Directory for the simulator's SQLite file; in memory without one. */
  dataDir?: string;
}

export interface Stack {
  base: string;
  simulatorUrl: string | null;
  platform: Platform;
  simulator: Simulator | null;
  gate: GateRuntime | null;
  close(): Promise<void>;
}

/** Speed `beian start` gives the simulator: 20 working days of bureau review pass in about 4 minutes. */
export const DEFAULT_START_SPEED = 10_000;

export async function startStack(options: StackOptions): Promise<Stack> {
  let simulator: Simulator | null = null;
  let simulatorUrl: string | null = null;
  if (!options.regulatorUrl && options.simulator) {
    const { port, dataDir, ...settings } = options.simulator;
    simulator = createSimulator({
      ...settings,
      // The demo's MIIT also holds a few filings made through other providers, for 新增接入.
      filedElsewhere: options.seed ? DEMO_FILED_ELSEWHERE : [],
      token: options.platform.regulatorToken,
      dataFile: dataDir ? join(dataDir, "regulator-sim.sqlite") : undefined,
    });
    simulatorUrl = await simulator.listen(port, options.host === "0.0.0.0" ? "127.0.0.1" : options.host);
  }
  const regulatorUrl = options.regulatorUrl ?? simulatorUrl;
  const platform = await openPlatform({
    ...options.platform,
    regulatorUrl,
    regulatorPublicUrl: options.regulatorPublicUrl ?? regulatorUrl,
  });
  if (options.seed) await seedDemo(platform.ctx);
  const app = await buildApp(platform.ctx, {
    webDist: options.webDist ?? null,
    trustProxy: options.trustProxy ?? null,
  });
  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const base = `http://${options.host === "0.0.0.0" ? "127.0.0.1" : options.host}:${port}`;
  simulator?.connectPlatform(base);
  // Without BEIAN_PUBLIC_URL, links in notification e-mails point where this process listens.
  platform.ctx.linkBaseUrl ??= base;
  const worker = new Worker(platform.ctx);
  worker.start(options.workerPollMs);
  const gate = options.gate
    ? await startGateRuntime(
        {
          db: platform.ctx.db,
          engine: platform.ctx.engine,
          url: options.platform.databaseUrl,
          schema: options.platform.pgSchema,
        },
        options.gate,
        platform.ctx.logger,
      )
    : null;
  return {
    base,
    simulatorUrl,
    platform,
    simulator,
    gate,
    close: async () => {
      await gate?.close();
      await worker.stop();
      await simulator?.close();
      await app.close();
      await platform.close();
    },
  };
}
