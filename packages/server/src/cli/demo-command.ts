import { parseArgs } from "node:util";
import { DEMO_PASSWORD, DEMO_USERS } from "../demo/seed.ts";
import type { DemoApplicant } from "../demo/applicant.ts";
import { DemoFailure, runDemoJourney, type DemoResult } from "../demo/journey.ts";
import { DEMO_TYPES, type DemoType } from "../demo/kind-journeys.ts";
import { parseProvince } from "./check-command.ts";
import { UsageError } from "./usage.ts";
import { filedElsewhereBy, startDemoStack } from "../demo/standalone.ts";

export const DEMO_USAGE = `beian demo [--type <type>] [--url <base URL>] [--province <code or character>] [--subject personal|organisation] [--json]

Drives one complete journey through the platform's HTTP API: sign-up, domain and server,
order, initial review, MIIT's SMS verification, the bureau's decision. Without --url it
starts a platform with the regulator simulator on a temporary database.

Types: first (default: a first filing); add-website, change, cancel-website,
cancel-subject, cancel-access, app (a first filing, then that order on it); add-access
(a website MIIT holds as filed through another provider, added here; needs the built-in
simulator, so not with --url).

Options:
  --type <type>            the journey (default first)
  --url <url>              a running platform (its demo reviewer account approves)
  --province <p>           filing province: 33, 330106 or 浙 (default 33)
  --subject <s>            personal (default) or organisation
  --timeout <seconds>      how long to wait for the regulator (default 600)
  --reviewer <email>       reviewer login on --url (default ${DEMO_USERS.reviewer})
  --reviewer-password <p>  (default the demo password, or $BEIAN_DEMO_REVIEWER_PASSWORD)
  --json                   print the result as JSON on the last line

Exit codes: 0 filed, 1 a step failed, 2 usage error.`;

/** Speed of the simulator the demo starts itself: the bureau's weeks pass in seconds. */
const STANDALONE_SPEED = 1_000_000;

export async function runDemoCommand(argv: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        url: { type: "string" },
        type: { type: "string", default: "first" },
        province: { type: "string", default: "33" },
        subject: { type: "string", default: "personal" },
        timeout: { type: "string", default: "600" },
        reviewer: { type: "string", default: DEMO_USERS.reviewer },
        "reviewer-password": { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${DEMO_USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(DEMO_USAGE);
    return 0;
  }
  let province;
  try {
    province = parseProvince(values.province);
  } catch (error: unknown) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${DEMO_USAGE}`);
    return 2;
  }
  const subject = values.subject.trim().toLowerCase();
  if (subject !== "personal" && subject !== "organisation" && subject !== "organization") {
    console.error(`--subject must be personal or organisation, got "${values.subject}"\n\n${DEMO_USAGE}`);
    return 2;
  }
  const type = values.type.trim().toLowerCase() as DemoType;
  if (!DEMO_TYPES.includes(type)) {
    console.error(`--type must be one of ${DEMO_TYPES.join(", ")}, got "${values.type}"\n\n${DEMO_USAGE}`);
    return 2;
  }
  if (type === "add-access" && values.url) {
    console.error(
      `--type add-access needs the built-in simulator (it records the filing made elsewhere): drop --url\n\n${DEMO_USAGE}`,
    );
    return 2;
  }
  const timeout = Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) {
    console.error(`--timeout must be a positive number of seconds\n\n${DEMO_USAGE}`);
    return 2;
  }
  // Progress goes to stderr with --json, so the last line of stdout is the result alone.
  const log = (line: string) => (values.json ? console.error(line) : console.log(line));

  let baseUrl = values.url?.replace(/\/+$/, "");
  let cleanup = async () => {};
  let fileElsewhere: ((applicant: DemoApplicant) => Promise<void>) | undefined;
  if (!baseUrl) {
    const demo = await startDemoStack(STANDALONE_SPEED);
    log(
      `临时平台 temporary platform ${demo.stack.base} (simulator ${demo.stack.simulatorUrl}, speed ×${STANDALONE_SPEED})`,
    );
    baseUrl = demo.stack.base;
    if (demo.stack.simulator) fileElsewhere = filedElsewhereBy(demo.stack.simulator);
    cleanup = demo.close;
  }

  let result: Partial<DemoResult>;
  let failure: string | null = null;
  try {
    result = await runDemoJourney({
      baseUrl,
      type,
      ...(fileElsewhere ? { fileElsewhere } : {}),
      province,
      subject: subject === "personal" ? "personal" : "organisation",
      reviewer: {
        email: values.reviewer,
        password: values["reviewer-password"] ?? process.env.BEIAN_DEMO_REVIEWER_PASSWORD ?? DEMO_PASSWORD,
      },
      timeoutMs: timeout * 1000,
      log,
    });
  } catch (error) {
    failure = (error as Error).message;
    result = error instanceof DemoFailure ? error.result : {};
  } finally {
    await cleanup();
  }
  const output = {
    orderId: result.orderId ?? null,
    domain: result.domain ?? null,
    finalState: result.finalState ?? null,
    icpSubjectNumber: result.icpSubjectNumber ?? null,
    icpWebsiteNumber: result.icpWebsiteNumber ?? null,
    province: result.province ?? province.code,
    steps: result.steps ?? [],
    // The first-filing demo's JSON is a contract as it stands; other types add their keys after it.
    ...(type === "first"
      ? {}
      : {
          type,
          regulatorType: result.regulatorType ?? null,
          appNumber: result.appNumber ?? null,
          firstOrderId: result.firstOrderId ?? null,
        }),
    ...(failure ? { error: failure } : {}),
  };
  if (values.json) console.log(JSON.stringify(output));
  else if (failure) console.error(`演示失败 demo failed: ${failure}`);
  else
    console.log(
      [
        type === "first"
          ? `备案成功 filed: ${output.icpWebsiteNumber} (${output.domain})`
          : `${type} 办结 done: order ${output.orderId} as ${output.regulatorType ?? "—"} (${output.appNumber ?? output.icpWebsiteNumber ?? output.domain})`,
        ...output.steps.map((step) => `  ${step.at}  ${step.state}`),
      ].join("\n"),
    );
  return failure ? 1 : 0;
}
