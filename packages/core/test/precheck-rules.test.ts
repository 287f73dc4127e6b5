import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DAY_MS } from "../src/clock.ts";
import type { OrderData } from "../src/filing/order-data.ts";
import type { Problem } from "../src/filing/problem.ts";
import { emptyRecords, precheck, type PrecheckContext } from "../src/precheck/index.ts";
import { makeResidentId } from "../src/validators/resident-id.ts";
import { makeUscc } from "../src/validators/uscc.ts";

/**
 * The pre-check's rules one at a time, each with a passing and a failing case,
 * named by the fact-base section or source key they come from.
 */
const TODAY = new Date("2026-03-02T01:00:00.000Z");
const days = (n: number) => new Date(TODAY.getTime() + n * DAY_MS);
const HANGZHOU_ID = makeResidentId("330106", "1990-03-07", "123");
const USCC = makeUscc("91330106MA2XXXXX0".replace(/X/g, "1"));

function person(id = HANGZHOU_ID, overrides: Record<string, unknown> = {}) {
  return {
    name: "张三",
    certificateType: "resident_id" as const,
    certificateNumber: id,
    certificateValidTo: "2040-01-01",
    mobile: "13800138000",
    emergencyPhone: "13900139000",
    email: "zhangsan@example.com",
    ...overrides,
  };
}

function personal(division = "330106", id = HANGZHOU_ID, website: Record<string, unknown> = {}): OrderData {
  return {
    subject: {
      type: "personal",
      name: "张三",
      certificateType: "resident_id",
      certificateNumber: id,
      divisionCode: division,
      address: "文三路100号",
      head: person(id),
    },
    websites: [
      {
        name: "张三的编程笔记",
        domain: "example.com",
        serviceContent: "blog",
        remark: "个人技术笔记，记录编程学习过程与读书心得，不涉及经营性内容。",
        head: person(id),
        serviceCode: "CODE1",
        ...website,
      },
    ],
  };
}

function organisation(
  division = "330106",
  overrides: Partial<NonNullable<OrderData["subject"]>> = {},
): OrderData {
  const head = person(HANGZHOU_ID, {
    name: "李四",
    officePhone: "0571-88886666",
    mobile: "13700137000",
    email: "li@example.com",
  });
  return {
    subject: {
      type: "organization",
      name: "杭州示例科技有限公司",
      certificateType: "business_licence",
      certificateNumber: USCC,
      divisionCode: division,
      address: "文三路100号",
      head,
      legalRepresentative: { name: "李四", certificateNumber: HANGZHOU_ID },
      ...overrides,
    },
    websites: [
      {
        name: "杭州示例科技官网",
        domain: "example.com",
        serviceContent: "enterprise_portal",
        head,
        serviceCode: "CODE1",
      },
    ],
  };
}

function context(overrides: Partial<PrecheckContext> = {}, holder = "张三"): PrecheckContext {
  return {
    today: TODAY,
    orderType: "first_filing",
    records: emptyRecords(),
    domains: [
      { name: "example.com", holderName: holder, realNameVerifiedAt: days(-30), expiresAt: days(400) },
    ],
    serviceCodes: [
      {
        code: "CODE1",
        state: "unused",
        serverId: "s1",
        server: {
          region: "cn-hangzhou",
          billingType: "subscription",
          paidFrom: days(-10),
          paidUntil: days(355),
          autoRenew: false,
          publicIp: "47.96.10.20",
        },
      },
    ],
    ...overrides,
  };
}

const errors = (problems: Problem[]) =>
  problems.filter((problem) => problem.severity === "error").map((problem) => problem.ruleId);
const ids = (problems: Problem[]) => problems.map((problem) => problem.ruleId);

describe("pre-check rules", () => {
  test("baseline: the personal and the organisation sample orders pass", () => {
    assert.deepEqual(errors(precheck(personal(), context())), []);
    assert.deepEqual(errors(precheck(organisation(), context({}, "杭州示例科技有限公司"))), []);
  });

  test("every problem carries the province (§5)", () => {
    const problems = precheck(personal("330106", HANGZHOU_ID, { name: "ab" }), context());
    assert.ok(problems.length > 0 && problems.every((problem) => problem.province === "33"));
  });

  test("USCC checksum (§4.3 STD-USCC)", () => {
    const wrong = USCC.slice(0, 17) + (USCC[17] === "0" ? "1" : "0");
    assert.ok(
      ids(
        precheck(organisation("330106", { certificateNumber: wrong }), context({}, "杭州示例科技有限公司")),
      ).includes("uscc.checksum"),
    );
  });

  test("age: under 18 refused (§4.3 H-PROV)", () => {
    const young = makeResidentId("330106", "2010-05-01", "123");
    assert.ok(errors(precheck(personal("330106", young), context())).includes("person.too_young"));
  });

  test("temporary ID refused in Inner Mongolia, accepted in Zhejiang (§4.3 T-2017)", () => {
    const id = makeResidentId("150102", "1990-03-07", "123");
    const order = personal("150102", id);
    order.subject!.certificateType = "temporary_resident_id";
    order.subject!.head!.certificateType = "temporary_resident_id";
    assert.ok(errors(precheck(order, context())).includes("certificate.temporary_refused"));
    const zhejiang = personal();
    zhejiang.subject!.head!.certificateType = "temporary_resident_id";
    assert.ok(!ids(precheck(zhejiang, context())).includes("certificate.temporary_refused"));
  });

  test("cross-province personal filing: refused in Inner Mongolia, a residence permit in Zhejiang (§5.2 H-PROV)", () => {
    const beijingId = makeResidentId("110105", "1990-03-07", "123");
    assert.ok(
      errors(precheck(personal("150102", beijingId), context())).includes("personal.cross_province_refused"),
    );
    const inZhejiang = personal("330106", beijingId);
    assert.ok(errors(precheck(inZhejiang, context())).includes("personal.residence_permit_needed"));
    inZhejiang.subject!.residencePermit = true;
    assert.ok(!ids(precheck(inZhejiang, context())).includes("personal.residence_permit_needed"));
  });

  test("organisation head must be the legal representative where the province requires it (§5.2 T-SUBJ)", () => {
    const order = organisation("330106", {
      legalRepresentative: { name: "王五", certificateNumber: HANGZHOU_ID },
    });
    assert.ok(
      errors(precheck(order, context({}, "杭州示例科技有限公司"))).includes("subject_head.must_be_legal_rep"),
    );
  });

  test("Ningxia: the organisation itself must hold the domain (§4.1 H-PROV)", () => {
    const order = organisation("640104");
    assert.ok(errors(precheck(order, context({}, "李四"))).includes("domain.holder_mismatch"));
    assert.ok(
      !errors(precheck(organisation("330106"), context({}, "李四"))).includes("domain.holder_mismatch"),
    );
  });

  test("a mobile used by another subject (§3.2 T-SUBJ)", () => {
    const records = { ...emptyRecords(), mobilesOfOtherSubjects: ["+86 138 0013 8000"] };
    assert.ok(errors(precheck(personal(), context({ records }))).includes("mobile.used_by_other_subject"));
  });

  test("a landline is not a mobile (§4.3)", () => {
    const order = personal();
    order.subject!.head!.mobile = "0571-88886666";
    assert.ok(errors(precheck(order, context())).includes("mobile.not_mobile"));
  });

  test("domains: sub-domain, IP address, unapproved suffix, Beijing's narrower list (§4.1, §4.2 T-SUFFIX)", () => {
    assert.ok(
      errors(precheck(personal("330106", HANGZHOU_ID, { domain: "www.example.com" }), context())).includes(
        "domain.not_registrable",
      ),
    );
    assert.ok(
      errors(precheck(personal("330106", HANGZHOU_ID, { domain: "1.2.3.4" }), context())).includes(
        "domain.ip_address",
      ),
    );
    assert.ok(
      errors(precheck(personal("330106", HANGZHOU_ID, { domain: "example.io" }), context())).includes(
        "domain.suffix_not_approved",
      ),
    );
    const beijingId = makeResidentId("110105", "1990-03-07", "123");
    assert.ok(
      errors(precheck(personal("110105", beijingId, { domain: "example.asia" }), context())).includes(
        "domain.suffix_not_approved",
      ),
    );
    assert.ok(
      !errors(precheck(personal("330106", HANGZHOU_ID, { domain: "example.asia" }), context())).includes(
        "domain.suffix_not_approved",
      ),
    );
  });

  test("website names and content for personal filings (§4.4 Q-NAME, §4.5)", () => {
    const nameErrors = (name: string) =>
      errors(precheck(personal("330106", HANGZHOU_ID, { name }), context()));
    assert.ok(nameErrors("张三的技术博客").includes("name.personal_banned"));
    assert.ok(nameErrors("中国美食网").includes("name.national_prefix"));
    assert.deepEqual(nameErrors("张三的编程笔记"), []);
    assert.ok(
      errors(precheck(personal("330106", HANGZHOU_ID, { serviceContent: "portal" }), context())).length > 0,
    );
  });

  test("news content needs a pre-approval (§7)", () => {
    const order = personal("330106", HANGZHOU_ID, { name: "每日新闻速递" });
    assert.ok(
      errors(precheck(order, context())).some((id) => id.includes("news") || id.includes("pre_approval")),
    );
  });

  test("server: expiring without auto-renewal, pay-as-you-go (§6, seed)", () => {
    const expiring = context();
    expiring.serviceCodes[0]!.server = { ...expiring.serviceCodes[0]!.server, paidUntil: days(40) };
    assert.ok(errors(precheck(personal(), expiring)).includes("server.expiring"));
    expiring.serviceCodes[0]!.server.autoRenew = true;
    assert.ok(!errors(precheck(personal(), expiring)).includes("server.expiring"));
  });

  test("required materials are reported when the upload list is known (§3.4, §5.3)", () => {
    const jiangsuId = makeResidentId("320102", "1990-03-07", "123");
    const order = personal("320102", jiangsuId);
    assert.ok(
      precheck(order, context({ materials: [] })).some((problem) =>
        problem.ruleId.startsWith("material.missing."),
      ),
    );
    assert.ok(!precheck(order, context()).some((problem) => problem.ruleId.startsWith("material.missing.")));
  });

  test("an admin override changes the outcome (issue 3: rules are data)", () => {
    const young = makeResidentId("330106", "2009-01-01", "123");
    const order = personal("330106", young);
    assert.ok(errors(precheck(order, context())).includes("person.too_young"));
    const override = {
      province: "33",
      rule: "minAge" as const,
      value: 16,
      source: "admin",
      effectiveFrom: "2026-01-01",
    };
    assert.ok(!errors(precheck(order, context({ ruleOverrides: [override] }))).includes("person.too_young"));
  });

  test("one sample order with at least 12 distinct problems gets all of them in one call", () => {
    const young = makeResidentId("150102", "2012-01-01", "123");
    const order: OrderData = {
      subject: {
        type: "personal",
        name: "某某科技有限公司",
        certificateType: "temporary_resident_id",
        certificateNumber: young,
        divisionCode: "150102",
        address: "某地",
        head: {
          ...person(young),
          certificateType: "temporary_resident_id",
          name: "某某科技有限公司",
          mobile: "12345",
          emergencyPhone: "12345",
          email: "not-an-email",
        },
      },
      websites: [
        {
          name: "ab",
          domain: "www.example.io",
          serviceContent: "portal",
          remark: "短",
          head: person(young, { certificateValidTo: "2026-03-20" }),
          serviceCode: "NOPE",
        },
        {
          name: "中国新闻网",
          domain: "1.2.3.4",
          serviceContent: "blog",
          head: person(young),
          serviceCode: "CODE1",
        },
      ],
    };
    const problems = precheck(order, context({ materials: [] }));
    const distinct = new Set(problems.map((problem) => problem.ruleId));
    assert.ok(distinct.size >= 12, `only ${distinct.size}: ${[...distinct].join(", ")}`);
    for (const problem of problems) {
      assert.ok(
        problem.message.zh && problem.message.en && problem.source && problem.field,
        JSON.stringify(problem),
      );
    }
  });
});
