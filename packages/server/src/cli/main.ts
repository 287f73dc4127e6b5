import { join } from "node:path";
import { parseArgs } from "node:util";
import { systemClock } from "@openbeian/core";
import { ensureCalendar, importChineseDays } from "../calendar/import.ts";
import { runWorkdaysCommand } from "../calendar/commands.ts";
import { runCheckCommand } from "./check-command.ts";
import { runPrecheckCommand } from "./precheck-command.ts";
import { buildApp } from "../http/app.ts";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "../demo/seed.ts";
import { openPlatform } from "../platform/bootstrap.ts";
import { ConfigError, loadConfig, type Config } from "../platform/config.ts";
import { migrateToLatest, openDatabase } from "../platform/db.ts";
import { Worker } from "../worker/worker.ts";

const USAGE = `beian <command> [options]

Commands:
  start       API + web + worker in one process (what \`npm start\` runs)
  migrate     bring the database schema up to date
  worker      run the background worker only (timers, outbox delivery)
  seed-demo   create the demo accounts and resources
  workdays    working-day calendar: add <date> <n> | is <date> | import | list <year> | set | delete
  check       check one value: check <id|uscc|phone|domain|icp-number|psb-number|website-name> <value>
              [--province <code or character>] [--subject personal|organisation] [--json]
  precheck    pre-check an order file: precheck <order.json> [--json] (no database needed)

Options:
  --port <n>        port to listen on (default 3000, or $PORT)
  --host <addr>     address to listen on (default 127.0.0.1)
  --data-dir <dir>  where SQLite and files live (default ./data)

Environment: DATABASE_URL (postgres://… for PostgreSQL), BEIAN_MODE=production,
BEIAN_DATA_KEY, BEIAN_REGULATOR_TOKEN, BEIAN_REGULATOR_URL, BEIAN_WORKER_POLL_MS, LOG_LEVEL.`;

export async function main(argv: string[]): Promise<number> {
  // check and precheck are pure: no configuration, no database, so they work anywhere.
  // They take their own options (--province, --subject, --json) and exit 2 on a usage error.
  if (argv[0] === "check") return runCheckCommand(argv.slice(1));
  if (argv[0] === "precheck") return runPrecheckCommand(argv.slice(1));
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "data-dir": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 1;
  }
  let config: Config;
  try {
    config = loadConfig({ flags: { port: values.port, host: values.host, dataDir: values["data-dir"] } });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`配置错误 / configuration error: ${error.message}`);
      return 2;
    }
    throw error;
  }
  switch (command) {
    case "migrate":
      return migrate(config);
    case "seed-demo":
      return seed(config);
    case "worker":
      return runWorker(config);
    case "start":
      return start(config);
    case "workdays":
      return workdays(config, positionals.slice(1));
    default:
      console.error(`unknown command "${command}"\n\n${USAGE}`);
      return 1;
  }
}

async function migrate(config: Config): Promise<number> {
  const handle = openDatabase({ url: config.databaseUrl });
  const applied = await migrateToLatest(handle.db);
  // The holiday table ships with the code; keeping it current is part of migrating.
  await importChineseDays(handle.db, systemClock.now().getTime());
  await handle.close();
  console.log(applied.length > 0 ? `applied: ${applied.join(", ")}` : "schema is up to date");
  return 0;
}

async function workdays(config: Config, args: string[]): Promise<number> {
  const handle = openDatabase({ url: config.databaseUrl });
  try {
    await migrateToLatest(handle.db);
    if (args[0] !== "import") await ensureCalendar(handle.db, systemClock.now().getTime());
    return await runWorkdaysCommand(handle.db, args, systemClock.now().getTime());
  } finally {
    await handle.close();
  }
}

async function seed(config: Config): Promise<number> {
  const platform = await openPlatform(platformOptions(config));
  const { created } = await seedDemo(platform.ctx);
  await platform.close();
  console.log(created ? "demo data created" : "demo data already present");
  return 0;
}

async function runWorker(config: Config): Promise<number> {
  const platform = await openPlatform(platformOptions(config));
  const worker = new Worker(platform.ctx);
  worker.start(config.workerPollMs);
  platform.ctx.logger.info({ worker: worker.id }, "worker started");
  await waitForSignal();
  await worker.stop();
  await platform.close();
  return 0;
}

async function start(config: Config): Promise<number> {
  const platform = await openPlatform(platformOptions(config));
  if (config.mode === "demo") await seedDemo(platform.ctx);
  const app = await buildApp(platform.ctx, { webDist: config.webDist });
  const worker = new Worker(platform.ctx);
  await app.listen({ port: config.port, host: config.host });
  worker.start(config.workerPollMs);
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const base = `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`;
  console.log(
    [
      "",
      "OpenBeian 已启动 / is running",
      `  门户 Portal        ${base}/${config.webDist ? "" : "   (web app not built: run npm run build:web)"}`,
      `  API 文档 API docs  ${base}/api/docs`,
      `  健康检查 Health    ${base}/healthz`,
      `  指标 Metrics       ${base}/metrics`,
      `  数据库 Database    ${platform.ctx.engine}${platform.ctx.engine === "sqlite" ? ` (${config.databaseUrl})` : ""}`,
      ...(config.mode === "demo"
        ? [
            "",
            `演示账号 Demo logins (password 密码: ${DEMO_PASSWORD})`,
            `  申请人 Applicant   ${DEMO_USERS.applicant}`,
            `  审核员 Reviewer    ${DEMO_USERS.reviewer}`,
            `  主管 Supervisor    ${DEMO_USERS.supervisor}`,
            `  管理员 Admin       ${DEMO_USERS.admin}`,
          ]
        : []),
      "",
    ].join("\n"),
  );
  await waitForSignal();
  await worker.stop();
  await app.close();
  await platform.close();
  return 0;
}

function platformOptions(config: Config) {
  return {
    databaseUrl: config.databaseUrl,
    storageDir: join(config.dataDir, "files"),
    regulatorUrl: config.regulatorUrl,
    dataKey: config.dataKey,
    regulatorToken: config.regulatorToken,
    secureCookies: config.secureCookies,
    sessionTtlMs: config.sessionTtlMs,
  };
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}
