import assert from "node:assert/strict";
import { test } from "node:test";
import { builtinCalendar, parseIcpNumber } from "@openbeian/core";
import { RegulatorEngine } from "../src/engine.ts";
import { SimStore } from "../src/store.ts";
import type { Submission } from "../src/submissions.ts";

/** The simulated regulator's clockwork: SMS after ~5 minutes, then the bureau's working days, then numbers. */
const START = new Date("2026-03-02T02:00:00Z"); // a Monday
const at = (ms: number) => new Date(START.getTime() + ms);
const MINUTE = 60_000;
const HEAD = { name: "张三", certificateNumber: "33010619900307123X", mobile: "13800138000" };

function submission(
  orderNumber: string,
  options: { province?: string; division?: string; head?: typeof HEAD; name?: string; type?: string } = {},
): Submission {
  const head = options.head ?? HEAD;
  return {
    messageId: `m-${orderNumber}-${Math.random()}`,
    orderNumber,
    orderType: options.type ?? "first_filing",
    province: options.province ?? "33",
    payload: {
      subject: {
        type: "personal",
        name: head.name,
        certificateNumber: head.certificateNumber,
        divisionCode: options.division ?? "330106",
        head,
      },
      websites: [{ name: options.name ?? "张三的编程笔记", domain: `${orderNumber.toLowerCase()}.cn`, head }],
    },
    receivedAt: START.toISOString(),
    deliveries: 1,
  };
}

const engine = (speed = 1, newCode?: () => string) =>
  new RegulatorEngine({ calendar: builtinCalendar, store: new SimStore(), speed, newCode });

const codeOf = (regulator: RegulatorEngine, orderNumber: string) =>
  regulator.session(orderNumber)!.messages()[0]!.code;

const verify = (regulator: RegulatorEngine, orderNumber: string, when: Date, head = HEAD) =>
  regulator.verify(
    {
      mobile: head.mobile,
      code: codeOf(regulator, orderNumber),
      certificateLast6: head.certificateNumber.slice(-6),
    },
    when,
  );

test("SMS about 5 minutes after submission, then the bureau's 30 working days in Zhejiang, then numbers", () => {
  const regulator = engine();
  regulator.receive(submission("OB1"), START);
  assert.deepEqual(regulator.tick(at(4 * MINUTE)), []);
  const [sent] = regulator.tick(at(5 * MINUTE));
  assert.equal(sent?.event.type, "sms_sent");
  assert.equal(sent?.sms?.length, 1, "the same person heads subject and website: one SMS");
  assert.equal(verify(regulator, "OB1", at(10 * MINUTE)).outcome, "all_verified");
  assert.equal(regulator.phase("OB1"), "bureau_review");
  // 30 working days after Monday 2026-03-02 (Qingming 4–6 April off): Tuesday 2026-04-14, decided at noon.
  assert.deepEqual(regulator.tick(new Date("2026-04-14T11:59:00+08:00")), []);
  const [approved] = regulator.tick(new Date("2026-04-14T12:00:00+08:00"));
  assert.equal(approved?.event.type, "bureau_approved");
  const numbers = approved?.event.type === "bureau_approved" ? approved.event.numbers : null;
  assert.equal(numbers?.subjectNumber, "浙ICP备2026000001号");
  assert.equal(numbers?.websiteNumbers["ob1.cn"], "浙ICP备2026000001号-1");
  assert.equal(parseIcpNumber(numbers?.websiteNumbers["ob1.cn"] ?? "")?.service?.sequence, 1);
  // Everything the platform must hear is in the outbox, in order: SMS text, events.
  assert.deepEqual(
    regulator.store
      .outbox("OB1")
      .map((message) => (message.kind === "sms" ? "sms" : (message.body as { type: string }).type)),
    ["sms_sent", "sms", "sms_verified", "bureau_approved"],
  );
});

test("the speed factor compresses the whole wait", () => {
  const regulator = engine(1440); // a day becomes a minute
  regulator.receive(submission("OB2"), START);
  assert.equal(regulator.tick(at(1000))[0]?.event.type, "sms_sent");
  verify(regulator, "OB2", at(2000));
  const reports = regulator.tick(at(60 * MINUTE));
  assert.equal(reports[0]?.event.type, "bureau_approved");
});

test("an unanswered SMS times out after 24 hours and the order goes back; a resubmission starts again", () => {
  const regulator = engine();
  regulator.receive(submission("OB3"), START);
  regulator.tick(at(5 * MINUTE));
  const [timedOut] = regulator.tick(at(5 * MINUTE + 24 * 60 * MINUTE + 1));
  assert.equal(timedOut?.event.type, "sms_timed_out");
  assert.equal(regulator.phase("OB3"), "returned");
  regulator.receive(submission("OB3"), at(2 * 24 * 60 * MINUTE));
  assert.equal(regulator.tick(at(2 * 24 * 60 * MINUTE + 5 * MINUTE))[0]?.event.type, "sms_sent");
});

test("five wrong codes fail the verification and return the order", () => {
  const regulator = engine();
  regulator.receive(submission("OB5"), START);
  regulator.tick(at(5 * MINUTE));
  const wrong = codeOf(regulator, "OB5") === "000000" ? "111111" : "000000";
  const outcomes = Array.from(
    { length: 5 },
    (_, index) =>
      regulator.verify(
        { mobile: HEAD.mobile, code: wrong, certificateLast6: "07123X" },
        at((6 + index) * MINUTE),
      ).outcome,
  );
  assert.deepEqual(outcomes, ["wrong", "wrong", "wrong", "wrong", "failed"]);
  assert.equal(regulator.phase("OB5"), "returned");
  const last = regulator.store.outbox("OB5").at(-1)?.body;
  assert.deepEqual(last, { type: "sms_failed", attempts: 5 });
  assert.equal(verify(regulator, "OB5", at(12 * MINUTE)).outcome, "not_found", "nothing waits any more");
});

test("a resend gives a new code, at most twice, without moving the 24-hour window", () => {
  // Codes in sequence, so the old code and the new one always differ.
  let next = 100000;
  const regulator = engine(1, () => String(next++));
  regulator.receive(submission("OB6"), START);
  regulator.tick(at(5 * MINUTE));
  const first = codeOf(regulator, "OB6");
  const request = { mobile: HEAD.mobile, certificateLast6: "07123x" };
  assert.ok(regulator.resend(request, at(6 * MINUTE)), "first resend");
  assert.ok(regulator.resend(request, at(7 * MINUTE)), "second resend");
  assert.equal(regulator.resend(request, at(8 * MINUTE)), null, "no third resend");
  assert.equal(regulator.store.outbox("OB6").filter((message) => message.kind === "sms").length, 3);
  assert.notEqual(codeOf(regulator, "OB6"), first, "a new code");
  assert.equal(
    regulator.verify({ ...request, code: first }, at(9 * MINUTE)).outcome,
    "wrong",
    "the old code is void",
  );
  assert.equal(regulator.session("OB6")?.sentAt.getTime(), at(5 * MINUTE).getTime(), "the window stays");
  assert.equal(verify(regulator, "OB6", at(10 * MINUTE)).outcome, "all_verified");
});

test("an operator can reject an order in bureau review with reasons", () => {
  const regulator = engine();
  regulator.receive(submission("OB4", { province: "11", division: "110105" }), START);
  regulator.tick(at(5 * MINUTE));
  verify(regulator, "OB4", at(6 * MINUTE));
  const report = regulator.decide("OB4", { approve: false, reasons: ["网站名称与内容不符"] }, at(7 * MINUTE));
  assert.deepEqual(report?.event, { type: "bureau_rejected", reasons: ["网站名称与内容不符"] });
  assert.equal(
    regulator.decide("OB4", { approve: true }, at(8 * MINUTE)),
    null,
    "decided orders stay decided",
  );
  assert.equal(regulator.order("OB4")?.decision?.by, "operator");
});

test("the bureau's own checks: website names, an already filed subject, 主办者冲突, a resolving domain", () => {
  const regulator = engine(1_000_000);
  const other = { name: "李四", certificateNumber: "110105198506150213", mobile: "13900139000" };
  const third = { name: "王五", certificateNumber: "110105198801010011", mobile: "13700137000" };
  regulator.receive(submission("BADNAME", { name: "ab" }), START);
  regulator.receive(submission("FIRST", { head: other }), START);
  // The same subject again, from another provider, while FIRST is in review.
  regulator.receive({ ...submission("CONFLICT", { head: other }), receivedAt: at(1).toISOString() }, at(1), {
    provider: "other-isp",
  });
  regulator.receive(submission("RESOLVES", { head: third }), START);
  regulator.addFindings("RESOLVES", regulator.order("RESOLVES")!.submission.messageId, ["域名已解析"]);
  regulator.tick(at(1000));
  for (const [orderNumber, head] of [
    ["BADNAME", HEAD],
    ["FIRST", other],
    ["CONFLICT", other],
    ["RESOLVES", third],
  ] as const) {
    const session = regulator.session(orderNumber)!;
    for (const message of session.messages())
      regulator.verify(
        { mobile: message.mobile, code: message.code, certificateLast6: head.certificateNumber.slice(-6) },
        at(2000),
      );
  }
  regulator.tick(at(10 * MINUTE));
  assert.equal(regulator.phase("FIRST"), "approved");
  const reasons = (orderNumber: string) => regulator.order(orderNumber)?.decision?.reasons.join(" ") ?? "";
  assert.equal(regulator.phase("BADNAME"), "rejected");
  assert.match(reasons("BADNAME"), /网站名称“ab”不符合要求/);
  assert.match(reasons("CONFLICT"), /主办者冲突/);
  assert.match(reasons("RESOLVES"), /域名已解析/);
  // FIRST is filed now: a first filing for that subject contradicts the record.
  regulator.receive(submission("AGAIN", { head: other }), at(11 * MINUTE));
  regulator.tick(at(12 * MINUTE));
  verify(regulator, "AGAIN", at(12 * MINUTE), other);
  regulator.tick(at(30 * MINUTE));
  assert.match(reasons("AGAIN"), /已有备案号浙ICP备2026000001号/);
  // …while adding a website to it keeps the subject number and takes the next suffix.
  regulator.receive(submission("ADD", { head: other, type: "add_website" }), at(31 * MINUTE));
  regulator.tick(at(32 * MINUTE));
  verify(regulator, "ADD", at(32 * MINUTE), other);
  const [added] = regulator.tick(at(60 * MINUTE));
  assert.deepEqual(added?.event, {
    type: "bureau_approved",
    numbers: { subjectNumber: "浙ICP备2026000001号", websiteNumbers: { "add.cn": "浙ICP备2026000001号-2" } },
  });
});

test("numbers stay distinct and gapless per province across many approvals", () => {
  const regulator = engine(1_000_000);
  const people = Array.from({ length: 200 }, (_, index) => ({
    name: "张三",
    certificateNumber: `3301061990${String(index).padStart(7, "0")}X`,
    mobile: `138${String(index).padStart(8, "0")}`,
  }));
  people.forEach((head, index) => regulator.receive(submission(`OBN${index}`, { head }), START));
  regulator.tick(at(1000));
  people.forEach((head, index) => verify(regulator, `OBN${index}`, at(2000), head));
  const approvals = regulator
    .tick(at(10 * MINUTE))
    .filter((report) => report.event.type === "bureau_approved");
  const subjects = approvals.map((report) =>
    report.event.type === "bureau_approved" ? (report.event.numbers?.subjectNumber ?? "") : "",
  );
  assert.equal(new Set(subjects).size, 200);
  const serials = subjects.map((number) => Number(/2026(\d{6})号/.exec(number)?.[1])).sort((a, b) => a - b);
  assert.deepEqual(
    serials,
    Array.from({ length: 200 }, (_, index) => index + 1),
  );
});
