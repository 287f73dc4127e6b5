import assert from "node:assert/strict";
import { test } from "node:test";
import { MAX_WRONG_ENTRIES, SMS_WINDOW_MS, SmsSession, whoVerifies } from "../src/sms.ts";

/** Fact base §2.5: who verifies per order type, 6-digit codes, 24 hours, 5 wrong tries, 2 resends. */
const head = { name: "张三", certificateNumber: "33010619900307123X", mobile: "13800138000" };
const otherHead = { name: "李四", certificateNumber: "110105198506150213", mobile: "+86 139 0013 9000" };
const order = { subject: { head }, websites: [{ head: otherHead }] };
const SENT = new Date("2026-03-02T02:00:00Z");
const later = (ms: number) => new Date(SENT.getTime() + ms);

test("who verifies follows the order type; the same person verifies once (§2.5)", () => {
  assert.deepEqual(
    whoVerifies("first_filing", order).map((verifier) => [
      verifier.role,
      verifier.mobile,
      verifier.certificateLast6,
    ]),
    [
      ["subject_head", "13800138000", "07123X"],
      ["website_head", "13900139000", "150213"],
    ],
  );
  assert.equal(whoVerifies("first_filing", { subject: { head }, websites: [{ head }] }).length, 1);
  assert.deepEqual(
    whoVerifies("add_access", order).map((verifier) => verifier.role),
    ["website_head"],
  );
  assert.deepEqual(whoVerifies("cancel_access", order), []);
  assert.throws(() => whoVerifies("nonsense", order));
});

test("codes are 6 digits, one per person, and the order is verified when everyone has verified", () => {
  const session = new SmsSession("OB1", whoVerifies("first_filing", order), SENT);
  const [first, second] = session.messages();
  assert.match(first?.code ?? "", /^\d{6}$/);
  assert.match(first?.text ?? "", /短信核验码为\d{6}/);
  assert.equal(
    session.verify({ mobile: "138 0013 8000", code: first!.code, certificateLast6: "07123x" }, later(60_000)),
    "verified",
  );
  assert.equal(session.state(later(60_000)), "pending");
  assert.equal(
    session.verify({ mobile: "13900139000", code: second!.code, certificateLast6: "150213" }, later(120_000)),
    "all_verified",
  );
  assert.equal(session.state(later(120_000)), "verified");
});

test("the code must come with the right mobile and certificate ending; five wrong entries fail the order", () => {
  const session = new SmsSession("OB2", whoVerifies("first_filing", order), SENT);
  const code = session.messages()[0]!.code;
  assert.equal(
    session.verify({ mobile: "13800138000", code, certificateLast6: "000000" }, later(1000)),
    "wrong",
  );
  for (let i = 2; i < MAX_WRONG_ENTRIES; i++) {
    assert.equal(
      session.verify({ mobile: "13800138000", code: "000000", certificateLast6: "07123X" }, later(1000)),
      "wrong",
    );
  }
  assert.equal(
    session.verify({ mobile: "13800138000", code: "000000", certificateLast6: "07123X" }, later(1000)),
    "failed",
  );
  assert.equal(session.state(later(2000)), "failed");
  assert.equal(
    session.verify({ mobile: "13800138000", code, certificateLast6: "07123X" }, later(3000)),
    "closed",
  );
});

test("the window is 24 hours; resends give new codes at most twice and do not move the window", () => {
  let next = 100000;
  const session = new SmsSession("OB3", whoVerifies("first_filing", order), SENT, () => String(next++));
  const first = session.messages()[0]!.code;
  const resent = session.resend("13800138000", later(1000));
  assert.ok(resent && resent.code !== first);
  assert.ok(session.resend("13800138000", later(2000)));
  assert.equal(session.resend("13800138000", later(3000)), null, "a third resend is refused");
  assert.equal(
    session.verify({ mobile: "13800138000", code: first, certificateLast6: "07123X" }, later(4000)),
    "wrong",
    "the old code is void",
  );
  assert.equal(session.state(later(SMS_WINDOW_MS)), "pending");
  assert.equal(session.state(later(SMS_WINDOW_MS + 1)), "timed_out");
});
