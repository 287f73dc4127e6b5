import assert from "node:assert/strict";
import { test } from "node:test";
import { builtinCalendar, parseIcpNumber } from "@openbeian/core";
import { RegulatorEngine } from "../src/engine.ts";
import { NumberIssuer } from "../src/numbering.ts";
import type { Submission } from "../src/submissions.ts";

/** The simulated regulator's clockwork: SMS after ~5 minutes, then the bureau's working days, then numbers. */
const START = new Date("2026-03-02T02:00:00Z"); // a Monday
const at = (ms: number) => new Date(START.getTime() + ms);
const MINUTE = 60_000;

function submission(orderNumber: string, province = "33", division = "330106"): Submission {
  const head = { name: "张三", certificateNumber: "33010619900307123X", mobile: "13800138000" };
  return {
    messageId: `m-${orderNumber}`,
    orderNumber,
    orderType: "first_filing",
    province,
    payload: { subject: { divisionCode: division, head }, websites: [{ domain: "example.cn", head }] },
    receivedAt: START.toISOString(),
    deliveries: 1,
  };
}

const engine = (speed = 1) =>
  new RegulatorEngine({
    calendar: builtinCalendar,
    issuer: new NumberIssuer(),
    bureauWorkingDays: { "33": 30 },
    speed,
  });

test("SMS about 5 minutes after submission, then the bureau's 30 working days in Zhejiang, then numbers", () => {
  const regulator = engine();
  regulator.receive(submission("OB1"), START);
  assert.deepEqual(regulator.tick(at(4 * MINUTE)), []);
  const [sent] = regulator.tick(at(5 * MINUTE));
  assert.equal(sent?.event.type, "sms_sent");
  assert.equal(sent?.sms?.length, 1, "the same person heads subject and website: one SMS");
  const code = regulator.session("OB1")!.messages()[0]!.code;
  regulator
    .session("OB1")!
    .verify({ mobile: "13800138000", code, certificateLast6: "07123X" }, at(10 * MINUTE));
  const [verified] = regulator.tick(at(10 * MINUTE));
  assert.equal(verified?.event.type, "sms_verified");
  // 30 working days after Monday 2026-03-02 (Qingming 4–6 April off): Tuesday 2026-04-14, decided at noon.
  assert.deepEqual(regulator.tick(new Date("2026-04-14T11:59:00+08:00")), []);
  const [approved] = regulator.tick(new Date("2026-04-14T12:00:00+08:00"));
  assert.equal(approved?.event.type, "bureau_approved");
  const numbers = approved?.event.type === "bureau_approved" ? approved.event.numbers : null;
  assert.equal(numbers?.subjectNumber, "浙ICP备2026000001号");
  assert.equal(numbers?.websiteNumbers["example.cn"], "浙ICP备2026000001号-1");
  assert.equal(parseIcpNumber(numbers?.websiteNumbers["example.cn"] ?? "")?.service?.sequence, 1);
});

test("the speed factor compresses the whole wait", () => {
  const regulator = engine(1440); // a day becomes a minute
  regulator.receive(submission("OB2"), START);
  const [sent] = regulator.tick(at(1000));
  assert.equal(sent?.event.type, "sms_sent");
  const code = regulator.session("OB2")!.messages()[0]!.code;
  regulator.session("OB2")!.verify({ mobile: "13800138000", code, certificateLast6: "07123X" }, at(2000));
  regulator.tick(at(2000));
  const reports = regulator.tick(at(60 * MINUTE));
  assert.equal(reports[0]?.event.type, "bureau_approved");
});

test("an unanswered SMS times out after 24 hours and the order goes back", () => {
  const regulator = engine();
  regulator.receive(submission("OB3"), START);
  regulator.tick(at(5 * MINUTE));
  const [timedOut] = regulator.tick(at(5 * MINUTE + 24 * 60 * MINUTE + 1));
  assert.equal(timedOut?.event.type, "sms_timed_out");
  assert.equal(regulator.phase("OB3"), "returned");
  // Resubmitted by the provider: a new SMS follows.
  regulator.receive(submission("OB3"), at(2 * 24 * 60 * MINUTE));
  assert.equal(regulator.tick(at(2 * 24 * 60 * MINUTE + 5 * MINUTE))[0]?.event.type, "sms_sent");
});

test("an operator can reject an order in bureau review with reasons", () => {
  const regulator = engine();
  regulator.receive(submission("OB4", "11", "110105"), START);
  regulator.tick(at(5 * MINUTE));
  const code = regulator.session("OB4")!.messages()[0]!.code;
  regulator
    .session("OB4")!
    .verify({ mobile: "13800138000", code, certificateLast6: "07123X" }, at(6 * MINUTE));
  regulator.tick(at(6 * MINUTE));
  const report = regulator.decide("OB4", { approve: false, reasons: ["网站名称与内容不符"] }, at(7 * MINUTE));
  assert.deepEqual(report?.event, { type: "bureau_rejected", reasons: ["网站名称与内容不符"] });
  assert.equal(
    regulator.decide("OB4", { approve: true }, at(8 * MINUTE)),
    null,
    "decided orders stay decided",
  );
});

test("numbers stay distinct and gapless per province across many approvals", () => {
  const regulator = engine(1_000_000);
  for (let i = 0; i < 200; i++) regulator.receive(submission(`OBN${i}`), START);
  regulator.tick(at(1000));
  for (let i = 0; i < 200; i++) {
    const session = regulator.session(`OBN${i}`)!;
    session.verify(
      { mobile: "13800138000", code: session.messages()[0]!.code, certificateLast6: "07123X" },
      at(2000),
    );
  }
  regulator.tick(at(2000));
  const approvals = regulator
    .tick(at(10 * MINUTE))
    .filter((report) => report.event.type === "bureau_approved");
  const subjects = approvals.map((report) =>
    report.event.type === "bureau_approved" ? report.event.numbers.subjectNumber : "",
  );
  assert.equal(new Set(subjects).size, 200);
  const serials = subjects.map((number) => Number(/2026(\d{6})号/.exec(number)?.[1])).sort((a, b) => a - b);
  assert.deepEqual(
    serials,
    Array.from({ length: 200 }, (_, index) => index + 1),
  );
});
