import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { parseIcpNumber } from "@openbeian/core";
import { NumberIssuer } from "../src/numbering.ts";
import { SimStore } from "../src/store.ts";

test("subject numbers count up per province and year in the 10-digit format", () => {
  const issuer = new NumberIssuer();
  assert.equal(issuer.issueSubject("330106", 2026), "浙ICP备2026000001号");
  assert.equal(issuer.issueSubject("330100", 2026), "浙ICP备2026000002号");
  assert.equal(issuer.issueSubject("510104", 2026), "蜀ICP备2026000001号");
  assert.equal(issuer.issueSubject("330106", 2027), "浙ICP备2027000001号");
});

test("websites and apps share the subject's service sequence: -1, -2A, -3", () => {
  const issuer = new NumberIssuer();
  const subject = issuer.issueSubject("620102", 2026);
  assert.equal(subject, "陇ICP备2026000001号");
  const numbers = [issuer.issueWebsite(subject), issuer.issueApp(subject), issuer.issueWebsite(subject)];
  assert.deepEqual(numbers, ["陇ICP备2026000001号-1", "陇ICP备2026000001号-2A", "陇ICP备2026000001号-3"]);
  assert.equal(parseIcpNumber(numbers[1]!)?.service?.kind, "app");
  assert.equal(parseIcpNumber(numbers[2]!)?.service?.sequence, 3);
});

test("counters kept in the simulator's database resume after a restart and never reuse a number", () => {
  const dir = mkdtempSync(join(tmpdir(), "sim-numbers-"));
  try {
    const file = join(dir, "sim.sqlite");
    const first = new SimStore(file);
    new NumberIssuer(first).issueSubject("110105", 2026);
    first.close();
    const second = new SimStore(file);
    assert.equal(new NumberIssuer(second).issueSubject("110105", 2026), "京ICP备2026000002号");
    assert.throws(() => new NumberIssuer(second).issueSubject("990000", 2026), /unknown division code/);
    second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
