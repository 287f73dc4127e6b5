import cluster from "node:cluster";
import { readRecords, writeNginxExport } from "@openbeian/gate";
import { startGateRuntime } from "../gate-sync/gate-runtime.ts";
import { databaseGateSource } from "../gate-sync/database-source.ts";
import type { Config } from "../platform/config.ts";
import { migrateToLatest, openDatabase } from "../platform/db.ts";
import { createLogger } from "../platform/logger.ts";
import { waitForSignal } from "./usage.ts";

const USAGE = `beian gate <serve|export-nginx>

  serve [--gate-port <n>] [--workers <n>]
        the access gate on its own, fed by the platform database (DATABASE_URL or --data-dir);
        --workers forks that many processes sharing the port, each with its own set
  export-nginx <dir>
        writes beian-map.conf (a map of every filed domain, for the http block) and
        beian-gate.conf (the snippet for a server block) with the block pages, for nginx`;

export async function runGateCommand(
  config: Config,
  args: string[],
  options: { workers?: string },
): Promise<number> {
  const [command, ...rest] = args;
  if (command === "serve") return serve(config, options.workers);
  if (command === "export-nginx") {
    if (rest.length !== 1) {
      console.error(`export-nginx needs one directory\n\n${USAGE}`);
      return 2;
    }
    return exportNginx(config, rest[0]!);
  }
  console.error(USAGE);
  return command ? 2 : 1;
}

async function serve(config: Config, workersFlag: string | undefined): Promise<number> {
  if (!config.gate) {
    console.error("the gate is off (BEIAN_GATE=off)");
    return 2;
  }
  const workers = workersFlag === undefined ? 1 : Number(workersFlag);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    console.error(`--workers must be a whole number from 1 to 64, got "${workersFlag}"`);
    return 2;
  }
  if (workers > 1 && cluster.isPrimary) {
    // Migrate once here: workers migrating a fresh SQLite file at the same time would collide.
    const handle = openDatabase({ url: config.databaseUrl, poolSize: 1 });
    await migrateToLatest(handle.db);
    await handle.close();
    // The workers share the listening socket; each loads the set and follows the log itself.
    let stopping = false;
    cluster.on("exit", (worker, code, signal) => {
      if (stopping) return;
      console.error(`gate worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
      cluster.fork();
    });
    for (let index = 0; index < workers; index++) cluster.fork();
    await waitForSignal();
    stopping = true;
    const exited = Object.values(cluster.workers ?? {}).map(
      (worker) =>
        new Promise<void>((resolve) => {
          worker?.once("exit", () => resolve());
          worker?.process.kill("SIGTERM");
        }),
    );
    await Promise.all(exited);
    return 0;
  }
  const logger = createLogger();
  const handle = openDatabase({ url: config.databaseUrl, poolSize: 2, applicationName: "openbeian-gate" });
  if (cluster.isPrimary) await migrateToLatest(handle.db);
  const gate = await startGateRuntime(
    { db: handle.db, engine: handle.engine, url: config.databaseUrl },
    config.gate,
    logger,
  );
  console.log(
    `接入网关 Gate ${gate.url}${gate.tlsUrl ? ` ${gate.tlsUrl}` : ""}: ${gate.sync.filed().size} filed domains (pid ${process.pid})`,
  );
  await waitForSignal();
  await gate.close();
  await handle.close();
  // A worker stays alive while its channel to the primary is open.
  cluster.worker?.disconnect();
  return 0;
}

async function exportNginx(config: Config, dir: string): Promise<number> {
  const handle = openDatabase({ url: config.databaseUrl, poolSize: 2 });
  try {
    await migrateToLatest(handle.db);
    const source = databaseGateSource({ db: handle.db, engine: handle.engine });
    // The records a gate loads, read through the same rules.
    const filed: string[] = [];
    const statuses = await readRecords(source, (domain) => filed.push(domain));
    const result = await writeNginxExport(
      dir,
      { filed, statuses },
      { blockStatus: config.gate?.blockStatus },
    );
    console.log(`wrote ${result.files.join(", ")}: ${result.filedDomains} filed domains`);
    return 0;
  } finally {
    await handle.close();
  }
}
