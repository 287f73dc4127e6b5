import type { Province } from "@openbeian/core";
import { DemoApplicant, DemoReviewer, WaitTimeout, type OrderView } from "./applicant.ts";

/**
 * One complete first filing through the platform's real HTTP API, as people
 * would do it: an applicant signs up, registers a domain and a server, files
 * and submits; the reviewer approves; the SMS codes are read from the
 * platform's SMS channel and verified on the regulator's 短信核验 page; the
 * bureau decides. `beian demo` prints the result; it doubles as a smoke test.
 */
export interface DemoOptions {
  baseUrl: string;
  province: Province;
  subject: "personal" | "organisation";
  reviewer: { email: string; password: string };
  /** How long to wait for the regulator in all. */
  timeoutMs: number;
  pollMs?: number;
  log?: (line: string) => void;
}

export interface DemoResult {
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
  const partial: Partial<DemoResult> = { province: options.province.code };
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

  log(`注册申请人 sign up the applicant (${options.subject})`);
  const applicant = await DemoApplicant.signUp(options.baseUrl, options.province, options.subject);
  partial.domain = applicant.domain;

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
  const result: DemoResult = {
    orderId: final.id,
    domain: applicant.domain,
    finalState: final.state,
    icpSubjectNumber: final.records?.subjectNumber ?? null,
    icpWebsiteNumber:
      final.records?.websites?.find((website) => website.domain === applicant.domain)?.websiteNumber ?? null,
    province: options.province.code,
    steps: stepsOf(final),
  };
  if (final.state !== "approved")
    throw new DemoFailure(`the order ended ${final.state}, not approved`, result);
  return result;
}

function stepsOf(order: OrderView): { state: string; at: string }[] {
  return order.timeline
    .filter((entry) => entry.toState)
    .map((entry) => ({ state: entry.toState!, at: entry.at }));
}
