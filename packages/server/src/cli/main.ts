import { join } from "node:path";
import { parseArgs } from "node:util";
import { systemClock } from "@openbeian/core";
import { ensureCalendar, importChineseDays } from "../calendar/import.ts";
import { runWorkdaysCommand } from "../calendar/commands.ts";
import { runAuditCommand } from "./audit-command.ts";
import { runBackupCommand } from "./backup-command.ts";
import { runCheckCommand } from "./check-command.ts";
import { runDemoCommand } from "./demo-command.ts";
import { runFooterCampaignCommand } from "./footer-campaign-command.ts";
import { runFooterCommand } from "./footer-command.ts";
import { runGateCommand } from "./gate-command.ts";
import { runKeysCommand } from "./keys-command.ts";
import { runPrecheckCommand } from "./precheck-command.ts";
import { platformOptions } from "./platform-options.ts";
import { startStack } from "./stack.ts";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "../demo/seed.ts";
import { openPlatform } from "../platform/bootstrap.ts";
import { ConfigError, loadConfig, type Config } from "../platform/config.ts";
import { migrateToLatest, openDatabase } from "../platform/db.ts";
import { productionDeliveryCheck } from "../platform/notify-config.ts";
import { runWatchSweep } from "../watch/sweep.ts";
import { Worker } from "../worker/worker.ts";
import { waitForSignal } from "./usage.ts";

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
  footer      check a site's footer: footer <url> [--expect <ICP number>] [--expect-psb <number>];
              footer --all: a campaign over every filed website, with a progress bar
              [--timeout <ms>] [--json] (no database needed)
  watch       one pass of the filing watch now (expiries, domains not pointing here) [--json]
  audit       audit verify [--json]: check the audit log's hash chain, report the first altered or
              deleted record (exit 1 when broken)
  gate        the access gate: gate serve [--gate-port <n>] [--workers <n>] | gate export-nginx <dir>
  backup      backup <dir> [--json]: a consistent copy of the database and files while running
              (the data key is not included; see beian backup --help)
  restore     restore <dir> [--json]: a backup into an empty data directory / database, checked
  keys        the data key: keys rotate [--batch-size <n>] [--max-batches <n>] | keys verify | keys new
              [--json] (see beian keys --help)
  demo        one complete first filing end to end: demo [--url <platform>] [--province <p>]
              [--subject personal|organisation] [--json] (see beian demo --help)

Options:
  --port <n>        port to listen on (default 3000, or $PORT)
  --host <addr>     address to listen on (default 127.0.0.1)
  --data-dir <dir>  where SQLite and files live (default ./data)
  --sim-port <n>    port of the built-in regulator simulator (default 3100, or $BEIAN_SIM_PORT)
  --sim-speed <n>   simulator time compression (default 10000, or $BEIAN_SIM_SPEED; 1 = real time)
  --gate-port <n>   port of the access gate (default 8080, or $BEIAN_GATE_PORT; BEIAN_GATE=off: none)
  --gate-tls-port <n>  its HTTPS port when BEIAN_GATE_TLS_CERT and BEIAN_GATE_TLS_KEY are set (default 8443)

Environment: DATABASE_URL (postgres://… for PostgreSQL), BEIAN_MODE=production,
BEIAN_DATA_KEY (BEIAN_DATA_KEY_PREVIOUS while rotating), BEIAN_REGULATOR_TOKEN, BEIAN_REGULATOR_URL (an external regulator: no simulator starts),
BEIAN_REGULATOR_PUBLIC_URL, BEIAN_SIMULATOR=off, BEIAN_SIM_SYNC_DELAY_MS, BEIAN_WORKER_POLL_MS, LOG_LEVEL;
the gate: BEIAN_GATE_UPSTREAM (host:port to proxy filed sites to; unset: a decision header for a
front proxy), BEIAN_GATE_BLOCK_STATUS (default 451), BEIAN_GATE_POLL_MS (default 250).`;

export async function main(argv: string[]): Promise<number> {
  // check, precheck and footer need no configuration and no database, so they work anywhere.
  // They take their own options (--province, --subject, --json…) and exit 2 on a usage error.
  if (argv[0] === "check") return runCheckCommand(argv.slice(1));
  if (argv[0] === "precheck") return runPrecheckCommand(argv.slice(1));
  if (argv[0] === "footer") {
    // --all works on the platform's database; one URL needs nothing.
    const args = argv.slice(1);
    return args.includes("--all") ? runFooterCampaignCommand(args) : runFooterCommand(args);
  }
  // demo brings its own platform (or talks to one at --url): no local configuration needed.
  if (argv[0] === "demo") return runDemoCommand(argv.slice(1));
  // keys takes its own options (--batch-size, --max-batches) and exits 2 on a usage error.
  if (argv[0] === "keys") return runKeysCommand(argv.slice(1));
  // So do backup and restore (exit 2 on a usage error; --help prints their contract).
  if (argv[0] === "backup" || argv[0] === "restore") return runBackupCommand(argv[0], argv.slice(1));
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "data-dir": { type: "string" },
      "sim-port": { type: "string" },
      "sim-speed": { type: "string" },
      "gate-port": { type: "string" },
      "gate-tls-port": { type: "string" },
      workers: { type: "string" },
      json: { type: "boolean" },
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
    config = loadConfig({
      flags: {
        port: values.port,
        host: values.host,
        dataDir: values["data-dir"],
        simPort: values["sim-port"],
        simSpeed: values["sim-speed"],
        gatePort: values["gate-port"],
        gateTlsPort: values["gate-tls-port"],
      },
    });
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
    case "watch":
      return watchOnce(config, values.json === true);
    case "gate":
      return runGateCommand(config, positionals.slice(1), { workers: values.workers });
    case "audit":
      return runAuditCommand(config, positionals.slice(1), values.json === true);
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

async function watchOnce(config: Config, json: boolean): Promise<number> {
  const platform = await openPlatform(platformOptions(config));
  try {
    const summary = await runWatchSweep(platform.ctx);
    console.log(
      json
        ? JSON.stringify(summary)
        : `filing watch: ${summary.websites} websites, ${summary.open} open findings (${summary.opened} new, ${summary.resolved} resolved), ${summary.notified} owners told, ${summary.unresolvable} lookups failed`,
    );
    return 0;
  } finally {
    await platform.close();
  }
}

async function seed(config: Config): Promise<number> {
  const platform = await openPlatform(platformOptions(config));
  const { created } = await seedDemo(platform.ctx);
  await platform.close();
  console.log(created ? "demo data created" : "demo data already present");
  return 0;
}

/** start and worker deliver messages: production refuses a missing SMTP server (see productionDeliveryCheck). */
function refusesDelivery(config: Config): boolean {
  const { refusal, warnings } = productionDeliveryCheck(config.mode, config.mail, config.sms);
  for (const warning of warnings) console.error(`警告 / warning: ${warning}`);
  if (refusal) console.error(`配置错误 / configuration error: ${refusal}`);
  return refusal !== null;
}

async function runWorker(config: Config): Promise<number> {
  if (refusesDelivery(config)) return 2;
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
  if (refusesDelivery(config)) return 2;
  const stack = await startStack({
    platform: platformOptions(config),
    host: config.host,
    port: config.port,
    webDist: config.webDist,
    trustProxy: config.trustProxy,
    workerPollMs: config.workerPollMs,
    seed: config.mode === "demo",
    regulatorUrl: config.regulatorUrl,
    regulatorPublicUrl: config.regulatorPublicUrl,
    gate: config.gate,
    simulator: config.simulator && {
      port: config.simulator.port,
      speed: config.simulator.speed,
      syncDelayMs: config.simulator.syncDelayMs,
      dataDir: config.dataDir,
    },
  });
  const { base, platform, simulatorUrl, gate } = stack;
  console.log(
    [
      "",
      "OpenBeian 已启动 / is running",
      `  门户 Portal        ${base}/${config.webDist ? "" : "   (web app not built: run npm run build:web)"}`,
      `  API 文档 API docs  ${base}/api/docs`,
      `  健康检查 Health    ${base}/healthz`,
      `  指标 Metrics       ${base}/metrics`,
      `  接入网关 Gate      ${gate ? `${gate.url}${gate.tlsUrl ? ` ${gate.tlsUrl}` : ""} (${gate.sync.filed().size} filed domains)` : "off"}`,
      `  数据库 Database    ${platform.ctx.engine}${platform.ctx.engine === "sqlite" ? ` (${config.databaseUrl})` : ""}`,
      ...(simulatorUrl && config.simulator
        ? [
            "",
            `工信部/管局模拟器 Regulator simulator  ${simulatorUrl}`,
            `  短信核验 SMS verification  ${simulatorUrl}/sms`,
            `  管局操作台 Bureau operator ${simulatorUrl}/operator   (令牌 token: BEIAN_REGULATOR_TOKEN, in ${join(config.dataDir, "secrets.json")})`,
            `  速度 Speed ×${config.simulator.speed}: 20 working days of bureau review take about ${minutesFor(config.simulator.speed)} min.`,
            "  Change it with --sim-speed <n> or BEIAN_SIM_SPEED (1 = real time); use a real regulator with BEIAN_REGULATOR_URL.",
          ]
        : [`  监管接口 Regulator  ${config.regulatorUrl ?? "none: approved orders wait in the queue"}`]),
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
  await stack.close();
  return 0;
}

/** About 28 calendar days for 20 working days, compressed. */
function minutesFor(speed: number): string {
  return ((28 * 24 * 60) / speed).toFixed(speed > 4000 ? 0 : 1);
}
