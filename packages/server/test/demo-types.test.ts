import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { pino } from "pino";
import { startStack, type Stack } from "../src/cli/stack.ts";
import { runDemoJourney } from "../src/demo/journey.ts";
import { DEMO_TYPES } from "../src/demo/kind-journeys.ts";
import { DEMO_PASSWORD, DEMO_USERS } from "../src/demo/seed.ts";
import { generateDataKey } from "../src/platform/crypto.ts";
import { newToken } from "../src/platform/ids.ts";
import { provinceByCode } from "@openbeian/core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Every journey `beian demo --type` runs (issue 9), end to end over HTTP on one
 * platform with the built-in simulator at high speed: the order is approved and
 * MIIT received it as the kind it is (who verified by SMS follows from that).
 */
const EXPECTED_REGULATOR_TYPE: Record<(typeof DEMO_TYPES)[number], string> = {
  first: "first_filing",
  "add-website": "add_website",
  "add-access": "add_access",
  change: "change_subject",
  "cancel-website": "cancel_website",
  "cancel-subject": "cancel_subject",
  "cancel-access": "cancel_access",
  app: "app",
};

describe("demo journeys of every order kind", () => {
  let stack: Stack;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "beian-demo-types-"));
    stack = await startStack({
      platform: {
        databaseUrl: join(dir, "demo.sqlite"),
        storageDir: join(dir, "files"),
        dataKey: Buffer.from(generateDataKey(), "base64"),
        regulatorToken: newToken(),
        logger: pino({ level: "silent" }),
      },
      host: "127.0.0.1",
      port: 0,
      workerPollMs: 50,
      seed: true,
      regulatorUrl: null,
      simulator: { port: 0, speed: 1_000_000, tickMs: 50, domainResolves: async () => null },
      gate: null,
    });
  });
  after(async () => {
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const type of DEMO_TYPES) {
    test(`${type}: approved, received by MIIT as ${EXPECTED_REGULATOR_TYPE[type]}`, async () => {
      const result = await runDemoJourney({
        baseUrl: stack.base,
        type,
        province: provinceByCode("33")!,
        subject: "personal",
        reviewer: { email: DEMO_USERS.reviewer, password: DEMO_PASSWORD },
        timeoutMs: 60_000,
        pollMs: 50,
        fileElsewhere: async (applicant) => {
          const subject = applicant.orderData().subject!;
          stack.simulator!.engine.fileElsewhere({
            domain: applicant.domain,
            websiteName: applicant.orderData().websites![0]!.name ?? "",
            subjectName: subject.name ?? "",
            certificateNumber: subject.certificateNumber ?? "",
            divisionCode: subject.divisionCode ?? "",
            provider: "某云计算有限公司",
            at: new Date(),
          });
        },
      });
      assert.equal(result.finalState, "approved", JSON.stringify(result));
      assert.equal(result.regulatorType ?? "first_filing", EXPECTED_REGULATOR_TYPE[type]);
      const sms = result.steps.some((step) => step.state === "sms_pending");
      const silent = ["cancel-website", "cancel-access"].includes(type);
      assert.equal(sms, !silent, silent ? "no SMS for this kind" : "MIIT texted someone");
      if (type === "app") assert.match(result.appNumber ?? "", /号-2A$/);
      if (type === "add-website") assert.match(result.icpWebsiteNumber ?? "", /号-2$/);
    });
  }
});
