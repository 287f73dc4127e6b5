import type { Province } from "@openbeian/core";
import { DemoApplicant, DemoReviewer, WaitTimeout, type OrderView } from "./applicant.ts";
import { fileAddAccess, fileKind, type DemoType } from "./kind-journeys.ts";

/**
 * One complete first filing through the platform's real HTTP API, as people
 * would do it: an applicant signs up, registers a domain and a server, files
 * and submits; the reviewer approves; the SMS codes are read from the
 * platform's SMS channel and verified on the regulator's 短信核验 page; the
 * bureau decides. `beian demo` prints the result; it doubles as a smoke test.
 */
export interface DemoOptions {
  baseUrl: string;
  /** Which journey (issue 9); a first filing by default. */
  type?: DemoType;
  /** For add-access: makes MIIT hold the applicant's website as filed through another provider. */
  fileElsewhere?: (applicant: DemoApplicant) => Promise<void>;
  province: Province;
  subject: "personal" | "organisation";
  reviewer: { email: string; password: string };
  /** How long to wait for the regulator in all. */
  timeoutMs: number;
  pollMs?: number;
  log?: (line: string) => void;
}

export interface DemoResult {
  type: DemoType;
  /** What MIIT received the order as (变更主体 …); null for a first filing before the bureau. */
  regulatorType: string | null;
  /** The first filing the typed order acts on (null for a first filing or an add-access). */
  firstOrderId: string | null;
  /** APP备案: the app's number. */
  appNumber: string | null;
  orderId: string;
  domain: string;
  finalState: string;
  icpSubjectNumber: string | null;
  icpWebsiteNumber: string | null;
  province: string;
  steps: { state: string; at: string }[];
}

export class DemoFailure extends Error {
  constructor(
    message: string,
    readonly result: Partial<DemoResult>,
  ) {
    super(message);
  }
}

export async function runDemoJourney(options: DemoOptions): Promise<DemoResult> {
  const partial: Partial<DemoResult> = { province: options.province.code, type: options.type ?? "first" };
  try {
    return await journey(options, partial);
  } catch (error) {
    if (error instanceof DemoFailure) throw error;
    if (error instanceof WaitTimeout)
      throw new DemoFailure(error.message, {
        ...partial,
        finalState: error.order.state,
        steps: stepsOf(error.order),
      });
    throw new DemoFailure(describe(error), partial);
  }
}

/** A refused submission lists its problems, so the operator sees what the province requires. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const body = /answered \d+: (\{.*)$/s.exec(message)?.[1];
  try {
    const parsed = JSON.parse(body ?? "") as {
      details?: { problems?: { severity: string; field: string; message: { zh: string } }[] };
    };
    const errors = parsed.details?.problems?.filter((problem) => problem.severity === "error") ?? [];
    if (errors.length > 0)
      return `${message.slice(0, message.indexOf(":"))}: ${errors.map((problem) => `${problem.field}: ${problem.message.zh}`).join("; ")}`;
  } catch {
    // not a problem list: the message as it is
  }
  return message;
}

async function journey(options: DemoOptions, partial: Partial<DemoResult>): Promise<DemoResult> {
  const log = options.log ?? (() => {});
  const deadline = Date.now() + options.timeoutMs;
  const waiting = { deadline, pollMs: options.pollMs };
  const type = options.type ?? "first";

  log(`注册申请人 sign up the applicant (${options.subject})`);
  const applicant = await DemoApplicant.signUp(options.baseUrl, options.province, options.subject);
  partial.domain = applicant.domain;
  if (type === "add-access") {
    if (!options.fileElsewhere) throw new Error("add-access needs MIIT to hold a filing made elsewhere");
    log("工信部记录：该网站已在其他接入商备案 MIIT holds the website as filed elsewhere");
    await options.fileElsewhere(applicant);
    const reviewer = await DemoReviewer.logIn(options.baseUrl, options.reviewer);
    log("办理新增接入 file the add-access order");
    const outcome = await fileAddAccess(applicant, reviewer, waiting, log);
    partial.orderId = outcome.order.id;
    return finish(applicant, outcome.order, outcome.domain, null, options, partial);
  }

  log("填写并提交订单 fill in and submit the order");
  const submitted = await applicant.fileAndSubmit();
  partial.orderId = submitted.id;

  log("审核员初审通过 the reviewer approves");
  const reviewer = await DemoReviewer.logIn(options.baseUrl, options.reviewer);
  await reviewer.approve(submitted.id);

  log("等待工信部短信 wait for MIIT's SMS");
  const sent = await applicant.waitFor("the SMS", (order) => order.state !== "queued_for_bureau", waiting);
  if (sent.state === "sms_pending") {
    log("短信核验 verify the SMS codes on the regulator's page");
    await applicant.verifyAllSms(waiting);
  }

  log("等待管局审核 wait for the bureau");
  const final = await applicant.waitFor(
    "the bureau's decision",
    (order) => !["queued_for_bureau", "sms_pending", "bureau_review"].includes(order.state),
    waiting,
  );
  if (type === "first") return finish(applicant, final, applicant.domain, null, options, partial);
  if (final.state !== "approved")
    throw new DemoFailure(`the first filing ended ${final.state}, not approved`, {
      ...partial,
      finalState: final.state,
      steps: stepsOf(final),
    });
  log(`办理${type} file the ${type} order on the filing`);
  const outcome = await fileKind(applicant, reviewer, type, waiting, log);
  partial.orderId = outcome.order.id;
  return finish(applicant, outcome.order, outcome.domain, final, options, partial);
}

/** The result of the journey's last order; numbers from its records, else the first filing's. */
async function finish(
  applicant: DemoApplicant,
  final: OrderView & { regulatorType?: string | null },
  domain: string,
  first: OrderView | null,
  options: DemoOptions,
  partial: Partial<DemoResult>,
): Promise<DemoResult> {
  const records = final.records?.websites?.length ? final.records : (first?.records ?? null);
  const type = options.type ?? "first";
  const apps =
    type === "app"
      ? await applicant.session.get<{ items: { orderId: string; appNumber: string }[] }>("/api/apps")
      : { items: [] };
  const result: DemoResult = {
    type,
    regulatorType: final.regulatorType ?? null,
    firstOrderId: first?.id ?? null,
    appNumber: apps.items.find((app) => app.orderId === final.id)?.appNumber ?? null,
    orderId: final.id,
    domain,
    finalState: final.state,
    icpSubjectNumber: records?.subjectNumber ?? null,
    icpWebsiteNumber: records?.websites?.find((website) => website.domain === domain)?.websiteNumber ?? null,
    province: options.province.code,
    steps: stepsOf(final),
  };
  if (final.state !== "approved")
    throw new DemoFailure(`the order ended ${final.state}, not approved`, { ...partial, ...result });
  return result;
}

function stepsOf(order: OrderView): { state: string; at: string }[] {
  return order.timeline
    .filter((entry) => entry.toState)
    .map((entry) => ({ state: entry.toState!, at: entry.at }));
}
