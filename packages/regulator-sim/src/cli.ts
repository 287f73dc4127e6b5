import { parseArgs } from "node:util";
import { MAX_BUREAU_WORKING_DAYS } from "./engine.ts";
import { createSimulator, type SimulatorOptions } from "./http-server.ts";

const USAGE = `regulator-sim [options]   the simulated MIIT / provincial bureaus, as its own process

Options:
  --port <n>             port (default 3100; 0 picks a free one)
  --host <addr>          address (default 127.0.0.1)
  --token <secret>       shared secret with the platform (or $BEIAN_REGULATOR_TOKEN)
  --platform-url <url>   the platform to report to (or $BEIAN_PLATFORM_URL)
  --data <file>          SQLite file for the simulator's state (default: in memory)
  --speed <n>            time compression: 1 real time, 1440 a day per minute (default 1)
  --bureau-days <list>   working days per province, e.g. 33=30,11=15 (default 20, Zhejiang 30)
  --sms-delay-ms <n>     delay from submission to the SMS before compression (default 300000)
  --sms-window-ms <n>    time to verify the SMS (default 86400000, not compressed)
  --sync-delay-ms <n>    delay before the platform hears of a bureau decision (default 0)
  --verify-rate-limit <n> SMS verification requests per minute per address (default 30)
  --no-dns               do not look up the filed domains in DNS`;

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parse(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const token = values.token ?? process.env.BEIAN_REGULATOR_TOKEN;
  if (!token || token.length < 24) {
    console.error("--token (or BEIAN_REGULATOR_TOKEN) of at least 24 characters is required\n\n" + USAGE);
    return 2;
  }
  let options: SimulatorOptions;
  try {
    options = {
      token,
      platformUrl: values["platform-url"] ?? process.env.BEIAN_PLATFORM_URL ?? null,
      dataFile: values.data,
      speed: positive("--speed", values.speed, { zero: false }),
      bureauWorkingDays: parseBureauDays(values["bureau-days"]),
      smsDelayMs: positive("--sms-delay-ms", values["sms-delay-ms"]),
      smsWindowMs: positive("--sms-window-ms", values["sms-window-ms"]),
      syncDelayMs: positive("--sync-delay-ms", values["sync-delay-ms"]),
      domainResolves: values["no-dns"] ? async () => null : undefined,
      verifyRateLimit: positive("--verify-rate-limit", values["verify-rate-limit"]),
    };
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const simulator = createSimulator(options);
  const url = await simulator.listen(Number(values.port), values.host);
  console.log(`regulator-sim listening on ${url} (短信核验 ${url}/sms, 管局操作台 ${url}/operator)`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await simulator.close();
  return 0;
}

function positive(name: string, value: string | undefined, { zero = true } = {}): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || (!zero && number === 0))
    throw new Error(`${name} must be a number ${zero ? "of 0 or more" : "greater than 0"}`);
  return number;
}

/** "33=30,11=15" → { "33": 30, "11": 15 } */
export function parseBureauDays(value: string | undefined): Record<string, number> | undefined {
  if (!value) return undefined;
  const table: Record<string, number> = {};
  for (const pair of value.split(",")) {
    const [province, days] = pair.split("=");
    if (!province || !/^\d{2}$/.test(province.trim()) || !days || !/^\d{1,3}$/.test(days.trim()))
      throw new Error(`--bureau-days: "${pair}" is not <2-digit province code>=<working days>`);
    if (Number(days) < 1 || Number(days) > MAX_BUREAU_WORKING_DAYS)
      throw new Error(`--bureau-days: ${days} is not from 1 to ${MAX_BUREAU_WORKING_DAYS} working days`);
    table[province.trim()] = Number(days);
  }
  return table;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      port: { type: "string", default: "3100" },
      host: { type: "string", default: "127.0.0.1" },
      token: { type: "string" },
      "platform-url": { type: "string" },
      data: { type: "string" },
      speed: { type: "string" },
      "bureau-days": { type: "string" },
      "sms-delay-ms": { type: "string" },
      "sms-window-ms": { type: "string" },
      "sync-delay-ms": { type: "string" },
      "no-dns": { type: "boolean" },
      "verify-rate-limit": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
