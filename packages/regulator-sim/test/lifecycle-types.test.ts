import assert from "node:assert/strict";
import { test } from "node:test";
import { builtinCalendar } from "@openbeian/core";
import { RegulatorEngine, type Report } from "../src/engine.ts";
import { SimStore } from "../src/store.ts";
import type { Submission } from "../src/submissions.ts";

/**
 * The simulated bureau over a filing's life (issue 9): an added website gets the
 * next service number; a website cancellation needs no SMS (reported as received
 * by the bureau) and issues nothing; a subject cancellation asks the subject head
 * only; a cancelled subject files again under a new subject number, and no
 * cancelled number ever comes back.
 */
const START = new Date("2026-03-02T02:00:00Z");
const HOUR = 60 * 60 * 1000;
const HEAD = { name: "张三", certificateNumber: "33010619900307123X", mobile: "13800138000" };
const WEBSITE_HEAD = { name: "李四", certificateNumber: "330106199203041234", mobile: "13900139000" };

let clock = START.getTime();
const later = (ms: number) => new Date((clock += ms));

function submission(orderNumber: string, type: string, domains: string[]): Submission {
  return {
    messageId: `m-${orderNumber}`,
    orderNumber,
    orderType: type,
    province: "33",
    payload: {
      subject: {
        type: "personal",
        name: "张三",
        certificateNumber: HEAD.certificateNumber,
        divisionCode: "330106",
        head: HEAD,
      },
      websites: domains.map((domain) => ({ name: "张三的编程笔记", domain, head: WEBSITE_HEAD })),
    },
    receivedAt: new Date(clock).toISOString(),
    deliveries: 1,
  };
}

/** Receives the order, answers every SMS it sends, and runs the clock until the bureau decides. */
function file(regulator: RegulatorEngine, orderNumber: string, type: string, domains: string[]) {
  regulator.receive(submission(orderNumber, type, domains), new Date(clock));
  const reports: Report[] = [...regulator.tick(later(10 * 60 * 1000))];
  const session = regulator.session(orderNumber);
  const texted = session ? session.messages().map((message) => message.mobile) : [];
  for (const message of session?.messages() ?? []) {
    const person = message.mobile === HEAD.mobile ? HEAD : WEBSITE_HEAD;
    regulator.verify(
      { mobile: message.mobile, code: message.code, certificateLast6: person.certificateNumber.slice(-6) },
      later(60_000),
    );
  }
  for (let day = 0; day < 60 && !reports.some((report) => report.event.type.startsWith("bureau_a")); day++) {
    reports.push(...regulator.tick(later(24 * HOUR)));
  }
  const approved = reports.find((report) => report.event.type === "bureau_approved");
  assert.ok(approved, `${orderNumber} is approved: ${JSON.stringify(reports.map((report) => report.event))}`);
  return {
    texted,
    events: reports.map((report) => report.event.type),
    numbers: approved.event.type === "bureau_approved" ? approved.event.numbers : undefined,
  };
}

test("add, cancel and re-file: SMS per order type, numbers only counted up", () => {
  const regulator = new RegulatorEngine({ calendar: builtinCalendar, store: new SimStore(), speed: 1000 });
  const first = file(regulator, "OB1", "first_filing", ["a.cn"]);
  assert.deepEqual(first.texted.sort(), [HEAD.mobile, WEBSITE_HEAD.mobile].sort(), "both heads verify");
  assert.equal(first.numbers?.websiteNumbers["a.cn"], "浙ICP备2026000001号-1");

  const added = file(regulator, "OB2", "add_website", ["b.cn"]);
  assert.deepEqual(added.numbers, {
    subjectNumber: "浙ICP备2026000001号",
    websiteNumbers: { "b.cn": "浙ICP备2026000001号-2" },
  });

  const cancelled = file(regulator, "OB3", "cancel_website", ["b.cn"]);
  assert.deepEqual(cancelled.texted, [], "注销网站: nobody verifies");
  assert.ok(cancelled.events.includes("bureau_received"), "the platform hears that the bureau has it");
  assert.equal(cancelled.numbers, undefined, "a cancellation issues nothing");

  const change = file(regulator, "OB4", "change_access", ["a.cn"]);
  assert.deepEqual(change.texted, [], "变更接入: no SMS");

  const gone = file(regulator, "OB5", "cancel_subject", ["a.cn"]);
  assert.deepEqual(gone.texted, [HEAD.mobile], "注销主体: the subject head verifies");
  assert.equal(
    regulator.store.filedSubject(HEAD.certificateNumber),
    undefined,
    "the subject left the records",
  );

  const again = file(regulator, "OB6", "first_filing", ["a.cn"]);
  assert.equal(again.numbers?.subjectNumber, "浙ICP备2026000002号", "a new subject number");
  assert.equal(again.numbers?.websiteNumbers["a.cn"], "浙ICP备2026000002号-1");
  const issued = [first, added, again].flatMap((filing) =>
    Object.values(filing.numbers?.websiteNumbers ?? {}),
  );
  assert.equal(new Set(issued).size, issued.length, "no number issued twice");
});
