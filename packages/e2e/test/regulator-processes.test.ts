/**
 * The platform and the regulator simulator as separate processes talking HTTP,
 * as they run in production: `beian demo` files end to end against the running
 * platform; an unanswered SMS and five wrong codes return the order; a bureau
 * rejection goes back to editing and through initial review again; the
 * simulator down during submission loses and doubles nothing.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { provinceByCode, type Province } from "@openbeian/core";
import { DEMO_PASSWORD, DEMO_USERS, DemoApplicant, DemoReviewer, type OrderView } from "@openbeian/server";
import {
  BEIAN,
  ENGINES,
  REGULATOR_SIM,
  eventually,
  freePort,
  freshPgDatabase,
  runProcess,
  startProcess,
  type RunningProcess,
} from "./support/processes.ts";

const ZHEJIANG = provinceByCode("33") as Province;
/** Beijing's bureau is given 250 working days here, so its orders wait for the operator's decision. */
const BEIJING = provinceByCode("11") as Province;
const SMS_WINDOW_MS = 6000;

for (const engine of ENGINES) {
  describe(`platform and regulator simulator as separate processes (${engine})`, () => {
    const token = randomBytes(24).toString("base64url");
    let dir = "";
    let simulator: RunningProcess;
    let platform: RunningProcess;
    let simulatorArgs: string[] = [];
    let base = "";
    let simulatorUrl = "";
    let reviewer: DemoReviewer;
    let dropDatabase = async () => {};

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), "openbeian-processes-"));
      const [simulatorPort, platformPort] = [await freePort(), await freePort()];
      simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
      base = `http://127.0.0.1:${platformPort}`;
      simulatorArgs = [
        ...["--port", String(simulatorPort), "--platform-url", base],
        ...["--data", join(dir, "regulator-sim.sqlite"), "--speed", "1000000", "--bureau-days", "11=250"],
        ...["--sms-window-ms", String(SMS_WINDOW_MS), "--no-dns", "--verify-rate-limit", "100000"],
      ];
      simulator = await startProcess(
        REGULATOR_SIM,
        simulatorArgs,
        { BEIAN_REGULATOR_TOKEN: token },
        /listening on/,
      );
      let databaseUrl = join(dir, "platform.sqlite");
      if (engine === "postgres") {
        const database = await freshPgDatabase(`openbeian_processes_${randomBytes(4).toString("hex")}`);
        databaseUrl = database.url;
        dropDatabase = database.drop;
      }
      platform = await startProcess(
        BEIAN,
        ["start", "--port", String(platformPort), "--gate-port", "0", "--data-dir", dir],
        {
          DATABASE_URL: databaseUrl,
          BEIAN_REGULATOR_URL: simulatorUrl,
          BEIAN_REGULATOR_TOKEN: token,
          BEIAN_DATA_KEY: randomBytes(32).toString("base64"),
          BEIAN_WORKER_POLL_MS: "100",
          BEIAN_WEB_DIST: join(dir, "no-web"),
          LOG_LEVEL: "warn",
        },
        /is running/,
      );
      reviewer = await DemoReviewer.logIn(base, { email: DEMO_USERS.reviewer, password: DEMO_PASSWORD });
    });

    after(async () => {
      await platform?.stop();
      await simulator?.stop();
      await dropDatabase();
      rmSync(dir, { recursive: true, force: true });
    });

    const waiting = (seconds = 30) => ({ deadline: Date.now() + seconds * 1000, pollMs: 100 });
    const actions = (order: OrderView) => order.timeline.map((entry) => entry.action);
    const operator = (path: string, body?: unknown) =>
      fetch(`${simulatorUrl}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    async function approvedBySms(province: Province) {
      const applicant = await DemoApplicant.signUp(base, province, "personal");
      const submitted = await applicant.fileAndSubmit();
      await reviewer.approve(submitted.id);
      await applicant.waitFor("the SMS", (order) => order.state === "sms_pending", waiting());
      return { applicant, number: submitted.number };
    }

    test("beian demo --url files end to end and prints the contract's JSON as its last line", async () => {
      const run = await runProcess(BEIAN, ["demo", "--url", base, "--json", "--timeout", "120"]);
      assert.equal(run.code, 0, `demo failed:\n${run.stdout}\n${run.stderr}`);
      const result = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "") as {
        orderId: string;
        domain: string;
        finalState: string;
        icpSubjectNumber: string;
        icpWebsiteNumber: string;
        province: string;
        steps: { state: string; at: string }[];
      };
      assert.deepEqual(Object.keys(result), [
        "orderId",
        "domain",
        "finalState",
        "icpSubjectNumber",
        "icpWebsiteNumber",
        "province",
        "steps",
      ]);
      assert.equal(result.finalState, "approved");
      assert.equal(result.province, "33");
      assert.match(result.icpSubjectNumber, /^浙ICP备2026\d{6}号$/);
      assert.equal(result.icpWebsiteNumber, `${result.icpSubjectNumber}-1`);
      assert.deepEqual(
        result.steps.map((step) => step.state),
        ["draft", "provider_review", "queued_for_bureau", "sms_pending", "bureau_review", "approved"],
      );
    });

    test("an unanswered SMS times out and returns the order; the reviewer submits it again", async () => {
      const { applicant } = await approvedBySms(ZHEJIANG);
      const returned = await applicant.waitFor(
        "the SMS window to close",
        (order) => order.state === "regulator_returned",
        waiting(SMS_WINDOW_MS / 1000 + 20),
      );
      assert.ok(actions(returned).includes("sms_timed_out"), `timeline: ${actions(returned).join(", ")}`);
      const resubmittedAt = new Date().toISOString();
      await reviewer.approve(applicant.orderId);
      await applicant.waitFor("a new SMS", (order) => order.state === "sms_pending", waiting());
      await applicant.verifyAllSms(waiting(), resubmittedAt);
      const approved = await applicant.waitFor("approval", (order) => order.state === "approved", waiting());
      assert.match(approved.records?.subjectNumber ?? "", /^浙ICP备2026\d{6}号$/);
    });

    test("five wrong codes fail the SMS verification and return the order to the provider", async () => {
      const { applicant } = await approvedBySms(ZHEJIANG);
      const [person] = applicant.people;
      const { code, verifyUrl } = await applicant.codeFor(person!, waiting());
      const wrong = code === "000000" ? "111111" : "000000";
      const answers: unknown[] = [];
      for (let attempt = 0; attempt < 5; attempt++)
        answers.push((await applicant.verifySms(person!, wrong, verifyUrl)).body);
      assert.deepEqual(
        answers.map((answer) => (answer as { code: string }).code),
        ["SMS_WRONG_CODE", "SMS_WRONG_CODE", "SMS_WRONG_CODE", "SMS_WRONG_CODE", "SMS_FAILED"],
      );
      const returned = await applicant.waitFor(
        "the order to come back",
        (order) => order.state === "regulator_returned",
        waiting(),
      );
      const failed = returned.timeline.find((entry) => entry.action === "sms_failed");
      assert.ok(failed, `timeline: ${actions(returned).join(", ")}`);
      assert.equal(
        (await applicant.verifySms(person!, code, verifyUrl)).status,
        404,
        "nothing waits any more",
      );
    });

    test("a bureau rejection goes back to editing and through initial review again", async () => {
      const { applicant, number } = await approvedBySms(BEIJING);
      await applicant.verifyAllSms(waiting());
      await applicant.waitFor("bureau review", (order) => order.state === "bureau_review", waiting());
      const rejected = await operator(`/api/orders/${number}/decision`, {
        approve: false,
        reasons: ["网站名称与网站内容不符"],
      });
      assert.equal(rejected.status, 200);
      const back = await applicant.waitFor(
        "the rejection",
        (order) => order.state === "bureau_rejected",
        waiting(),
      );
      assert.match(JSON.stringify(back.timeline.at(-1)?.detail), /网站名称与网站内容不符/);

      const resubmitted = await applicant.editAndResubmit((data) => {
        data.websites![0]!.name = "张三的技术随笔";
      });
      assert.equal(resubmitted.state, "provider_review", "a rejected order passes initial review again");
      const secondRound = new Date().toISOString();
      await reviewer.approve(applicant.orderId);
      await applicant.waitFor("the second SMS", (order) => order.state === "sms_pending", waiting());
      await applicant.verifyAllSms(waiting(), secondRound);
      await applicant.waitFor("bureau review", (order) => order.state === "bureau_review", waiting());
      assert.equal((await operator(`/api/orders/${number}/decision`, { approve: true })).status, 200);
      const approved = await applicant.waitFor("approval", (order) => order.state === "approved", waiting());
      assert.match(approved.records?.subjectNumber ?? "", /^京ICP备2026\d{6}号$/);
      assert.equal(approved.data.websites?.[0]?.name, "张三的技术随笔");
    });

    test("with the simulator down the bridge retries; nothing is lost or doubled", async () => {
      await simulator.stop("SIGKILL");
      const applicant = await DemoApplicant.signUp(base, ZHEJIANG, "personal");
      const submitted = await applicant.fileAndSubmit();
      await reviewer.approve(submitted.id);
      const failing = await eventually("a failed delivery", async () => {
        const messages = await reviewer.regulatorMessages(submitted.id);
        const outbound = messages.items.find((item) => item.direction === "outbound");
        return outbound && outbound.attempts >= 1 && outbound.lastError ? outbound : null;
      });
      assert.equal(failing.status, "pending");

      simulator = await startProcess(
        REGULATOR_SIM,
        simulatorArgs,
        { BEIAN_REGULATOR_TOKEN: token },
        /listening on/,
      );
      await applicant.waitFor(
        "the SMS after the retry",
        (order) => order.state === "sms_pending",
        waiting(60),
      );
      await applicant.verifyAllSms(waiting());
      await applicant.waitFor("approval", (order) => order.state === "approved", waiting());
      const received = (await (await operator("/api/submissions")).json()) as {
        items: { orderNumber: string; deliveries: number }[];
      };
      const mine = received.items.filter((item) => item.orderNumber === submitted.number);
      assert.equal(mine.length, 1, "one submission");
      assert.equal(mine[0]?.deliveries, 1, "delivered once");
      const messages = await reviewer.regulatorMessages(submitted.id);
      assert.deepEqual(
        messages.items.map((item) => `${item.direction}:${item.type}`),
        ["outbound:submit", "inbound:sms_sent", "inbound:sms_verified", "inbound:bureau_approved"],
      );
    });
  });
}
