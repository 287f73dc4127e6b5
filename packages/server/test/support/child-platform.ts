import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { openDatabase, type DatabaseHandle, type Engine } from "../../src/platform/db.ts";
import { PG_URL } from "./platform.ts";

/**
 * The platform as real processes, for the crash-safety and multi-instance tests:
 * `beian start` (API + worker) and `beian worker`, started as an operator would
 * on one store (a SQLite file in a temporary directory, or a fresh PostgreSQL
 * database), killed with SIGKILL and started again on the same data. Each
 * process keeps the tail of its output for the failure message.
 */
const ROOT = fileURLToPath(new URL("../../../..", import.meta.url));
const BEIAN = fileURLToPath(new URL("../../bin/beian.mjs", import.meta.url));
const DAY_MS = 24 * 60 * 60 * 1000;

/** One platform's data: the database, the files directory and the secrets every process shares. */
export interface PlatformStore {
  engine: Engine;
  dir: string;
  databaseUrl: string;
  dataKey: string;
  regulatorToken: string;
  /** A connection of the test's own, for reading what the processes wrote. */
  open(): DatabaseHandle;
  remove(): Promise<void>;
}

export async function createStore(engine: Engine, label: string): Promise<PlatformStore> {
  const dir = mkdtempSync(join(tmpdir(), `beian-${label}-`));
  let databaseUrl = join(dir, "openbeian.sqlite");
  let dropDatabase = async () => {};
  if (engine === "postgres") {
    const name = `openbeian_${label.replaceAll("-", "_")}_${randomBytes(4).toString("hex")}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  return {
    engine,
    dir,
    databaseUrl,
    dataKey: randomBytes(32).toString("base64"),
    regulatorToken: randomBytes(24).toString("base64url"),
    open: () => openDatabase({ url: databaseUrl, poolSize: 2 }),
    remove: async () => {
      await dropDatabase();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ChildOptions {
  command: "start" | "worker";
  /** `start` only: the API's port. */
  port?: number;
  /** BEIAN_CLOCK_OFFSET_MS: where the process's clock stands relative to the system's. */
  clockOffsetMs?: number;
  /** Extra environment (a webhook receiver allowed on 127.0.0.1, a poll interval). */
  env?: Record<string, string>;
  /** Ready when the output says so; the first start migrates and seeds, so allow for a slow machine. */
  timeoutMs?: number;
}

const KEEP_OUTPUT = 20_000;

export class PlatformProcess {
  private output = "";
  private readonly exited: Promise<void>;

  private constructor(
    readonly child: ChildProcess,
    readonly base: string | null,
  ) {
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString("utf8")).slice(-KEEP_OUTPUT);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
  }

  /** Starts `beian <command>` on the store and resolves once it says it is ready. */
  static start(store: PlatformStore, options: ChildOptions): Promise<PlatformProcess> {
    const args = [BEIAN, options.command, "--data-dir", store.dir];
    if (options.command === "start") args.push("--port", String(options.port), "--host", "127.0.0.1");
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: childEnv(store, options),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const running = new PlatformProcess(child, options.port ? `http://127.0.0.1:${options.port}` : null);
    const ready = options.command === "start" ? /is running/ : /worker started/;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`beian ${options.command} was not ready in time:\n${running.output}`));
      }, options.timeoutMs ?? 90_000);
      const onData = () => {
        if (!ready.test(running.output)) return;
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        child.stderr?.off("data", onData);
        resolve(running);
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", onData);
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(
            `beian ${options.command} exited (${code ?? signal}) before it was ready:\n${running.output}`,
          ),
        );
      });
    });
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** A crash: SIGKILL, nothing flushed, no shutdown hook. */
  kill(): Promise<void> {
    return this.stop("SIGKILL");
  }

  /** An orderly stop (SIGTERM), or the given signal; resolves once the process has exited. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    if (this.running) this.child.kill(signal);
    await this.exited;
  }

  /** The tail of what the process printed. */
  log(): string {
    return this.output;
  }
}

/**
 * The environment of a child: the store's database and secrets, no simulator and
 * no gate (the test plays the regulator), a fast worker poll, DNS that fails at
 * once (a closed local port: no lookups leave the machine), webhooks allowed to
 * the test's receiver on 127.0.0.1. Settings of the surrounding shell that would
 * change any of that are dropped.
 */
function childEnv(store: PlatformStore, options: ChildOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith("BEIAN_") && name !== "DATABASE_URL" && name !== "PORT") env[name] = value;
  }
  return {
    ...env,
    DATABASE_URL: store.databaseUrl,
    BEIAN_DATA_KEY: store.dataKey,
    BEIAN_REGULATOR_TOKEN: store.regulatorToken,
    BEIAN_SIMULATOR: "off",
    BEIAN_GATE: "off",
    BEIAN_WEB_DIST: join(store.dir, "no-web"),
    BEIAN_WORKER_POLL_MS: "50",
    BEIAN_DNS_SERVERS: "127.0.0.1:9",
    BEIAN_WEBHOOK_ALLOW_PRIVATE: "true",
    BEIAN_CLOCK_OFFSET_MS: String(options.clockOffsetMs ?? 0),
    // The API logs every request at info; a worker says it started only at info.
    LOG_LEVEL: options.command === "worker" ? "info" : "warn",
    ...options.env,
  };
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The clock offset that puts a child's "now" at `at` (a fixed date, as the
 * in-process tests use): the stories stay inside the years the working-day
 * calendar has data for, whatever the machine's date.
 */
export function offsetTo(at: string): number {
  return Date.parse(at) - Date.now();
}

export const daysMs = (days: number) => days * DAY_MS;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads until `done` says so (every 20 ms), or fails after `timeoutMs` naming the last reading. */
export async function waitUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last reading ${String(value)}`);
    await sleep(20);
  }
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
