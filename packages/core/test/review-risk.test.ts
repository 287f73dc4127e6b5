import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { REASON_TEMPLATES } from "../src/review/reason-templates.ts";
import {
  assessRisk,
  hasHighRisk,
  isCheapProduct,
  maskContact,
  DEFAULT_CHEAP_PRODUCTS,
  type RiskInput,
} from "../src/review/risk.ts";

const base: RiskInput = {
  now: new Date("2026-03-02T04:00:00Z"),
  subjectType: "personal",
  websiteCount: 1,
  domains: [{ domain: "example.cn", addresses: ["47.96.10.20"], serverIp: "47.96.10.20" }],
  sharedContacts: [],
  serverProducts: ["ecs.e-c1m2.large"],
  missedCalls: 0,
};
const signals = (input: Partial<RiskInput>) =>
  assessRisk({ ...base, ...input }).signals.map((signal) => [signal.id, signal.level]);

describe("fake-filing risk signals", () => {
  test("a plain order has none", () => {
    assert.deepEqual(assessRisk(base), { score: 0, signals: [] });
  });

  test("many websites: 3 medium, 5 high, naming the count", () => {
    assert.deepEqual(signals({ websiteCount: 2 }), []);
    assert.deepEqual(signals({ websiteCount: 3 }), [["websites.many", "medium"]]);
    const five = assessRisk({ ...base, websiteCount: 5 });
    assert.deepEqual(five.signals[0]?.message, { zh: "订单包含5个网站", en: "The order holds 5 websites" });
    assert.equal(five.signals[0]?.level, "high");
    assert.equal(five.score, 5);
  });

  test("a newly registered organisation: < 90 days medium, < 30 high; personal subjects never", () => {
    const org = { subjectType: "organization" as const };
    assert.deepEqual(signals({ ...org, registeredOn: "2025-12-01" }), []);
    assert.deepEqual(signals({ ...org, registeredOn: "2025-12-10" }), [
      ["subject.newly_registered", "medium"],
    ]);
    const fresh = assessRisk({ ...base, ...org, registeredOn: "2026-02-20" });
    assert.equal(fresh.signals[0]?.level, "high");
    assert.match(fresh.signals[0]?.message.zh ?? "", /成立于2026-02-20，距今仅10天/);
    assert.deepEqual(signals({ registeredOn: "2026-02-20" }), []);
    assert.deepEqual(signals({ ...org, registeredOn: "not a date" }), []);
  });

  test("domains: not resolving is low, resolving elsewhere medium, a failed lookup says nothing", () => {
    assert.deepEqual(signals({ domains: [{ domain: "a.cn", addresses: [], serverIp: "1.2.3.4" }] }), [
      ["domain.unresolved", "low"],
    ]);
    const elsewhere = assessRisk({
      ...base,
      domains: [{ domain: "a.cn", addresses: ["8.8.8.8"], serverIp: "1.2.3.4" }],
    });
    assert.deepEqual(
      elsewhere.signals.map((signal) => signal.level),
      ["medium"],
    );
    assert.match(elsewhere.signals[0]?.message.zh ?? "", /a\.cn解析到8\.8\.8\.8，而非服务器IP 1\.2\.3\.4/);
    assert.deepEqual(signals({ domains: [{ domain: "a.cn", addresses: null, serverIp: "1.2.3.4" }] }), []);
    assert.deepEqual(signals({ domains: [{ domain: "a.cn", addresses: ["8.8.8.8"], serverIp: null }] }), []);
  });

  test("a contact shared with other accounts is high", () => {
    const shared = assessRisk({
      ...base,
      sharedContacts: [
        { kind: "mobile", masked: "138****8000", others: 2 },
        { kind: "email", masked: "z***@example.cn", others: 0 },
      ],
    });
    assert.deepEqual(
      shared.signals.map((signal) => [signal.id, signal.level]),
      [["contact.shared", "high"]],
    );
    assert.match(shared.signals[0]?.message.zh ?? "", /138\*\*\*\*8000（另有2个主体或订单使用）/);
    assert.ok(!shared.signals[0]?.message.zh.includes("example.cn"));
    assert.ok(hasHighRisk(shared));
  });

  test("the cheapest plans are low, configurable with wildcards", () => {
    assert.deepEqual(signals({ serverProducts: ["ecs.t5-lc2m1.nano"] }), [["server.cheapest", "low"]]);
    assert.deepEqual(signals({ serverProducts: ["ecs.t6-c1m1.NANO"] }), [["server.cheapest", "low"]]);
    assert.deepEqual(signals({ serverProducts: ["ecs.t6-c4m1.large"] }), [["server.cheapest", "low"]]);
    assert.deepEqual(signals({ serverProducts: ["ecs.t6-c4m1.large"], cheapProducts: ["ecs.s6-*"] }), []);
    assert.ok(isCheapProduct("ecs.s6-c1m1.small", ["ecs.s6-*"]));
    assert.ok(!isCheapProduct("anything", [""]));
    assert.ok(!isCheapProduct("ecs.g7.large", DEFAULT_CHEAP_PRODUCTS));
  });

  test("two missed calls are high", () => {
    assert.deepEqual(signals({ missedCalls: 1 }), []);
    const missed = assessRisk({ ...base, missedCalls: 2 });
    assert.deepEqual(missed.signals[0]?.message, {
      zh: "审核员致电2次未接通",
      en: "2 review calls went unanswered",
    });
  });

  test("the score sums high 5, medium 2, low 1", () => {
    const risk = assessRisk({
      ...base,
      websiteCount: 3,
      missedCalls: 2,
      serverProducts: ["ecs.t5-lc2m1.nano"],
      domains: [{ domain: "a.cn", addresses: [], serverIp: null }],
    });
    assert.equal(risk.score, 2 + 5 + 1 + 1);
  });

  test("contacts are masked for display", () => {
    assert.equal(maskContact("mobile", "13800138000"), "138****8000");
    assert.equal(maskContact("email", "zhangsan@example.cn"), "z***@example.cn");
  });
});

describe("return reason templates", () => {
  test("ids are unique, texts bilingual, the common fields covered", () => {
    const ids = REASON_TEMPLATES.map((template) => template.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const template of REASON_TEMPLATES) {
      assert.ok(template.text.zh.trim() && template.text.en.trim(), template.id);
    }
    const fields = new Set(REASON_TEMPLATES.map((template) => template.field));
    for (const field of [
      "websites.*.name",
      "websites.*.remark",
      "subject.head.mobile",
      "materials.id_front",
      "materials.face_capture",
      "subject.address",
      "websites.*.domain",
    ]) {
      assert.ok(fields.has(field), field);
    }
    assert.ok(REASON_TEMPLATES.some((template) => template.ruleId === "domain.holder_mismatch"));
  });
});
