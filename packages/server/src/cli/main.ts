import { parseArgs } from "node:util";

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
  files       files sweep [--dry-run] [--grace-hours <n>] [--json]: remove stored files no row points at
              (the worker does it daily; see beian files --help)
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

/**
 * Each command's module is imported when that command runs: `beian check` or
 * `beian footer <url>` then loads what it uses, not the whole platform (which took
 * about a second more of start-up for every command).
 */
export async function main(argv: string[]): Promise<number> {
  // check, precheck and footer need no configuration and no database, so they work anywhere.
  // They take their own options (--province, --subject, --json…) and exit 2 on a usage error.
  if (argv[0] === "check") return (await import("./check-command.ts")).runCheckCommand(argv.slice(1));
  if (argv[0] === "precheck")
    return (await import("./precheck-command.ts")).runPrecheckCommand(argv.slice(1));
  if (argv[0] === "footer") {
    // --all works on the platform's database; one URL needs nothing.
    const args = argv.slice(1);
    return args.includes("--all")
      ? (await import("./footer-campaign-command.ts")).runFooterCampaignCommand(args)
      : (await import("./footer-command.ts")).runFooterCommand(args);
  }
  // demo brings its own platform (or talks to one at --url): no local configuration needed.
  if (argv[0] === "demo") return (await import("./demo-command.ts")).runDemoCommand(argv.slice(1));
  // keys takes its own options (--batch-size, --max-batches) and exits 2 on a usage error.
  if (argv[0] === "keys") return (await import("./keys-command.ts")).runKeysCommand(argv.slice(1));
  // So does files (sweep --dry-run, --grace-hours).
  if (argv[0] === "files") return (await import("./files-command.ts")).runFilesCommand(argv.slice(1));
  // So do backup and restore (exit 2 on a usage error; --help prints their contract).
  if (argv[0] === "backup" || argv[0] === "restore")
    return (await import("./backup-command.ts")).runBackupCommand(argv[0], argv.slice(1));
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
  const loaded = (await import("./platform-options.ts")).configOrExit({
    port: values.port,
    host: values.host,
    dataDir: values["data-dir"],
    simPort: values["sim-port"],
    simSpeed: values["sim-speed"],
    gatePort: values["gate-port"],
    gateTlsPort: values["gate-tls-port"],
  });
  if (!loaded.ok) return loaded.exitCode;
  const { config } = loaded;
  switch (command) {
    case "migrate":
      return (await import("./platform-commands.ts")).migrate(config);
    case "seed-demo":
      return (await import("./platform-commands.ts")).seed(config);
    case "worker":
      return (await import("./platform-commands.ts")).runWorker(config);
    case "start":
      return (await import("./start-command.ts")).start(config);
    case "workdays":
      return (await import("./platform-commands.ts")).workdays(config, positionals.slice(1));
    case "watch":
      return (await import("./platform-commands.ts")).watchOnce(config, values.json === true);
    case "gate":
      return (await import("./gate-command.ts")).runGateCommand(config, positionals.slice(1), {
        workers: values.workers,
      });
    case "audit":
      return (await import("./audit-command.ts")).runAuditCommand(
        config,
        positionals.slice(1),
        values.json === true,
      );
    default:
      console.error(`unknown command "${command}"\n\n${USAGE}`);
      return 1;
  }
}
