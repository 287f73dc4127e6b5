import assert from "node:assert/strict";
import { test } from "node:test";
import { parseIcpNumber } from "@openbeian/core";
import { NumberIssuer } from "../src/numbering.ts";

test("subject numbers count up per province and year in the 10-digit format", () => {
  const issuer = new NumberIssuer();
  assert.equal(issuer.issueSubject("330106", 2026), "浙ICP备2026000001号");
  assert.equal(issuer.issueSubject("330100", 2026), "浙ICP备2026000002号");
  assert.equal(issuer.issueSubject("510104", 2026), "蜀ICP备2026000001号");
  assert.equal(issuer.issueSubject("330106", 2027), "浙ICP备2027000001号");
});

test("website numbers count up per subject and parse back", () => {
  const issuer = new NumberIssuer();
  const subject = issuer.issueSubject("620102", 2026);
  assert.equal(subject, "陇ICP备2026000001号");
  const first = issuer.issueWebsite(subject);
  const second = issuer.issueWebsite(subject);
  assert.deepEqual([first, second], ["陇ICP备2026000001号-1", "陇ICP备2026000001号-2"]);
  assert.equal(parseIcpNumber(second)?.service?.sequence, 2);
});

test("the issuer resumes from a snapshot and never reuses a number", () => {
  const issuer = new NumberIssuer();
  issuer.issueSubject("110105", 2026);
  const resumed = new NumberIssuer(issuer.snapshot());
  assert.equal(resumed.issueSubject("110105", 2026), "京ICP备2026000002号");
  assert.throws(() => resumed.issueSubject("990000", 2026), /unknown division code/);
});
