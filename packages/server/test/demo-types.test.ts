import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { runDemoJourney } from "../src/demo/journey.ts";
import { DEMO_TYPES } from "../src/demo/kind-journeys.ts";
import { DEMO_PASSWORD, DEMO_USERS } from "../src/demo/seed.ts";
import { filedElsewhereBy, startDemoStack } from "../src/demo/standalone.ts";
import { provinceByCode } from "@openbeian/core";

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
  let demo: Awaited<ReturnType<typeof startDemoStack>>;
  before(async () => {
    demo = await startDemoStack(1_000_000);
  });
  after(() => demo.close());

  for (const type of DEMO_TYPES) {
    test(`${type}: approved, received by MIIT as ${EXPECTED_REGULATOR_TYPE[type]}`, async () => {
      const result = await runDemoJourney({
        baseUrl: demo.stack.base,
        type,
        province: provinceByCode("33")!,
        subject: "personal",
        reviewer: { email: DEMO_USERS.reviewer, password: DEMO_PASSWORD },
        timeoutMs: 60_000,
        pollMs: 50,
        fileElsewhere: filedElsewhereBy(demo.stack.simulator!),
      });
      assert.equal(result.finalState, "approved", JSON.stringify(result));
      assert.equal(result.regulatorType, EXPECTED_REGULATOR_TYPE[type]);
      const sms = result.steps.some((step) => step.state === "sms_pending");
      const silent = ["cancel-website", "cancel-access"].includes(type);
      assert.equal(sms, !silent, silent ? "no SMS for this kind" : "MIIT texted someone");
      if (type === "app") assert.match(result.appNumber ?? "", /号-2A$/);
      if (type === "add-website") assert.match(result.icpWebsiteNumber ?? "", /号-2$/);
    });
  }
});
