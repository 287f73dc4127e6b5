import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DAY_MS } from "../src/clock.ts";
import {
  REGIONS,
  serverEligibility,
  type EligibilityReason,
  type ServerFacts,
} from "../src/resources/eligibility.ts";

const NOW = new Date("2026-03-02T01:00:00.000Z");
const days = (n: number) => new Date(NOW.getTime() + n * DAY_MS);

/** A mainland subscription server, paid for a year from 10 days ago, with a public IP. */
function makeServer(overrides: Partial<ServerFacts> = {}): ServerFacts {
  return {
    region: "cn-hangzhou",
    billingType: "subscription",
    paidFrom: days(-10),
    paidUntil: days(355),
    autoRenew: false,
    publicIp: "47.96.1.2",
    ...overrides,
  };
}

const codes = (reasons: EligibilityReason[]) => reasons.map((reason) => reason.code).sort();

describe("serverEligibility", () => {
  test("a mainland subscription of 3 months or more with a public IP is eligible", () => {
    assert.deepEqual(serverEligibility(makeServer(), NOW), []);
    const exactlyThreeMonths = makeServer({
      paidFrom: new Date("2026-03-01T00:00:00Z"),
      paidUntil: new Date("2026-06-01T00:00:00Z"),
    });
    assert.deepEqual(serverEligibility(exactlyThreeMonths, NOW), []);
  });

  test("every mainland region is eligible and every other region is not", () => {
    for (const region of REGIONS) {
      const reasons = codes(serverEligibility(makeServer({ region: region.id }), NOW));
      assert.deepEqual(reasons, region.mainland ? [] : ["not_mainland"], region.id);
    }
  });

  test("Hong Kong is not mainland", () => {
    const reasons = serverEligibility(makeServer({ region: "cn-hongkong" }), NOW);
    assert.deepEqual(codes(reasons), ["not_mainland"]);
    assert.ok(reasons[0]?.message.zh && reasons[0].message.en);
  });

  test("an unknown region is not mainland", () => {
    assert.deepEqual(codes(serverEligibility(makeServer({ region: "us-east-1" }), NOW)), ["not_mainland"]);
  });

  test("pay-as-you-go is refused (and is not also called too short)", () => {
    const server = makeServer({ billingType: "pay_as_you_go", paidFrom: days(-1), paidUntil: days(1) });
    assert.deepEqual(codes(serverEligibility(server, NOW)), ["not_subscription"]);
  });

  test("30 days without auto-renewal is too short", () => {
    const server = makeServer({ paidFrom: days(-1), paidUntil: days(29), autoRenew: false });
    assert.deepEqual(codes(serverEligibility(server, NOW)), ["too_short"]);
  });

  test("30 days with auto-renewal is fine", () => {
    const server = makeServer({ paidFrom: days(-1), paidUntil: days(29), autoRenew: true });
    assert.deepEqual(serverEligibility(server, NOW), []);
  });

  test("89 days without auto-renewal is too short", () => {
    const server = makeServer({ paidFrom: days(-1), paidUntil: days(88) });
    assert.deepEqual(codes(serverEligibility(server, NOW)), ["too_short"]);
  });

  test(
    "a three-month subscription is eligible even when the months are short (1 February to 1 May)",
    {},
    () => {
      const server = makeServer({
        paidFrom: new Date("2026-02-01T00:00:00+08:00"),
        paidUntil: new Date("2026-05-01T00:00:00+08:00"),
      });
      assert.deepEqual(serverEligibility(server, NOW), []);
    },
  );

  test("no public IP", () => {
    assert.deepEqual(codes(serverEligibility(makeServer({ publicIp: null }), NOW)), ["no_public_ip"]);
    assert.deepEqual(codes(serverEligibility(makeServer({ publicIp: "" }), NOW)), ["no_public_ip"]);
  });

  test("an expired server, including one expiring at this very moment", () => {
    const lapsed = makeServer({ paidFrom: days(-400), paidUntil: days(-35) });
    assert.deepEqual(codes(serverEligibility(lapsed, NOW)), ["expired"]);
    const atNow = makeServer({ paidFrom: days(-365), paidUntil: NOW });
    assert.deepEqual(codes(serverEligibility(atNow, NOW)), ["expired"]);
    const oneMinuteLeft = makeServer({ paidFrom: days(-365), paidUntil: new Date(NOW.getTime() + 60_000) });
    assert.deepEqual(serverEligibility(oneMinuteLeft, NOW), []);
  });

  test("every failing reason is reported at once, each with zh and en text", () => {
    const server = makeServer({
      region: "ap-singapore",
      billingType: "pay_as_you_go",
      publicIp: null,
      paidFrom: days(-30),
      paidUntil: days(-1),
    });
    const reasons = serverEligibility(server, NOW);
    assert.deepEqual(codes(reasons), ["expired", "no_public_ip", "not_mainland", "not_subscription"]);
    for (const reason of reasons) assert.ok(reason.message.zh.length > 0 && reason.message.en.length > 0);
    const short = makeServer({
      region: "cn-hongkong",
      paidFrom: days(-1),
      paidUntil: days(29),
      publicIp: null,
    });
    assert.deepEqual(codes(serverEligibility(short, NOW)), ["no_public_ip", "not_mainland", "too_short"]);
  });
});
