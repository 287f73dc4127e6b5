import { join } from "node:path";
import { DEMO_PASSWORD, DEMO_USERS } from "../demo/seed.ts";
import type { Config } from "../platform/config.ts";
import { refusesDelivery } from "./delivery-check.ts";
import { platformOptions } from "./platform-options.ts";
import { startStack } from "./stack.ts";
import { waitForSignal } from "./usage.ts";

/** `beian start`: the API, the web app, the worker, the gate and (unless told otherwise) the regulator simulator in one process. */
export async function start(config: Config): Promise<number> {
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
