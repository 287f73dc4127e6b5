import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DAY_MS } from "../src/clock.ts";
import type { OrderData, Person, Subject, Website } from "../src/filing/order-data.ts";
import type { Problem } from "../src/filing/problem.ts";
import {
  emptyRecords,
  precheck,
  type PrecheckContext,
  type PrecheckDomain,
  type PrecheckServiceCode,
} from "../src/precheck/index.ts";
import { makeResidentId } from "../src/validators/resident-id.ts";

const TODAY = new Date("2026-03-02T01:00:00.000Z");
const daysFromToday = (days: number) => new Date(TODAY.getTime() + days * DAY_MS);
const ID = makeResidentId("330106", "1990-03-07", "123");

function makePerson(overrides: Partial<Person> = {}): Person {
  return {
    name: "张三",
    certificateType: "resident_id",
    certificateNumber: ID,
    certificateValidFrom: "2020-01-01",
    certificateValidTo: "2040-01-01",
    mobile: "13800138000",
    emergencyPhone: "13900139000",
    email: "zhangsan@example.com",
    ...overrides,
  };
}

interface OrderOverrides {
  subject?: Partial<Subject>;
  subjectHead?: Partial<Person>;
  website?: Partial<Website>;
  websiteHead?: Partial<Person>;
  /** Replaces the website list outright. */
  websites?: Website[];
}

/** A complete, valid first filing of a personal blog; each test changes one thing. */
function makeOrder(overrides: OrderOverrides = {}): OrderData {
  const website: Website = {
    name: "张三的编程笔记",
    domain: "example.com",
    homeUrl: "https://example.com",
    serviceContent: "blog",
    languages: ["zh-CN"],
    remark: "个人技术博客，记录编程学习笔记和开源项目经验，不涉及任何经营性内容。",
    head: makePerson(overrides.websiteHead),
    serviceCode: "BSN-0001",
    ...overrides.website,
  };
  return {
    subject: {
      type: "personal",
      name: "张三",
      certificateType: "resident_id",
      certificateNumber: ID,
      divisionCode: "330106",
      address: "浙江省杭州市西湖区文三路100号",
      head: makePerson(overrides.subjectHead),
      ...overrides.subject,
    },
    websites: overrides.websites ?? [website],
  };
}

type Domain = PrecheckDomain;
type ServiceCode = Omit<PrecheckServiceCode, "server"> & { serverEligible?: boolean };

const eligibleServer = {
  region: "cn-hangzhou",
  billingType: "subscription" as const,
  paidFrom: daysFromToday(-30),
  paidUntil: daysFromToday(335),
  autoRenew: false,
  publicIp: "47.96.10.20",
};

function code(overrides: Partial<ServiceCode> = {}): PrecheckServiceCode {
  const { serverEligible = true, ...rest } = overrides;
  return {
    code: "BSN-0001",
    state: "unused",
    serverId: "server-1",
    server: serverEligible ? eligibleServer : { ...eligibleServer, region: "cn-hongkong" },
    ...rest,
  };
}

function makeContext(
  overrides: {
    domain?: Partial<Domain>;
    serviceCode?: Partial<ServiceCode>;
    today?: Date;
  } & Partial<PrecheckContext> = {},
): PrecheckContext {
  const { domain, serviceCode, ...rest } = overrides;
  return {
    today: overrides.today ?? TODAY,
    orderType: "first_filing",
    records: emptyRecords(),
    domains: [
      {
        name: "example.com",
        holderName: "张三",
        realNameVerifiedAt: daysFromToday(-60),
        expiresAt: daysFromToday(400),
        ...domain,
      },
    ],
    serviceCodes: [code(serviceCode), code({ code: "BSN-0002", state: "used" })],
    ...rest,
  };
}

const brief = (problems: Problem[]) =>
  problems.map(({ ruleId, field, severity }) => ({ ruleId, field, severity }));

/** Asserts that the problems are exactly these (ruleId, field) pairs, all errors unless said otherwise. */
function assertProblems(
  problems: Problem[],
  expected: { ruleId: string; field: string; severity?: Problem["severity"] }[],
): void {
  const sort = (list: { ruleId: string; field: string; severity: string }[]) =>
    [...list].sort((a, b) => `${a.ruleId} ${a.field}`.localeCompare(`${b.ruleId} ${b.field}`));
  assert.deepEqual(
    sort(brief(problems)),
    sort(expected.map((item) => ({ ...item, severity: item.severity ?? "error" }))),
  );
  for (const problem of problems) {
    assert.ok(problem.message.zh && problem.message.en, `${problem.ruleId} has both messages`);
    assert.ok(problem.source, `${problem.ruleId} names its source`);
  }
}

describe("precheck: a complete order", () => {
  test("a complete valid personal order has no problems", () => {
    assert.deepEqual(precheck(makeOrder(), makeContext()), []);
  });

  test("a long-term certificate needs no end date", () => {
    const order = makeOrder({ subjectHead: { certificateValidTo: undefined, certificateLongTerm: true } });
    assert.deepEqual(precheck(order, makeContext()), []);
  });

  test("a service code already bound to this order is fine", () => {
    assert.deepEqual(precheck(makeOrder(), makeContext({ serviceCode: { state: "bound" } })), []);
  });

  test("the domain is matched after normalisation", () => {
    assert.deepEqual(precheck(makeOrder({ website: { domain: "Example.COM." } }), makeContext()), []);
  });

  test("a lower-case x in the head's ID number still equals the subject's", () => {
    let sequence = 0;
    let id = ID;
    while (!id.endsWith("X"))
      id = makeResidentId("330106", "1990-03-07", String(sequence++).padStart(3, "0"));
    const order = makeOrder({
      subject: { certificateNumber: id },
      subjectHead: { certificateNumber: id.toLowerCase() },
      websiteHead: { certificateNumber: id },
    });
    assert.deepEqual(precheck(order, makeContext()), []);
  });

  test("the data is not modified", () => {
    const order = makeOrder({ website: { remark: "太短" } });
    const copy = structuredClone(order);
    precheck(order, makeContext());
    assert.deepEqual(order, copy);
  });
});

describe("precheck: one rule at a time", () => {
  test("missing subject fields are required", () => {
    const order = makeOrder({ subject: { name: undefined, address: "   ", divisionCode: undefined } });
    assertProblems(precheck(order, makeContext()), [
      { ruleId: "required", field: "subject.name" },
      { ruleId: "required", field: "subject.address" },
      { ruleId: "required", field: "subject.divisionCode" },
    ]);
  });

  test("missing head and website fields are required, with their full path", () => {
    const order = makeOrder({
      subjectHead: { email: undefined },
      websiteHead: { mobile: "" },
      website: { name: undefined, serviceContent: undefined },
    });
    assertProblems(precheck(order, makeContext()), [
      { ruleId: "required", field: "subject.head.email" },
      { ruleId: "required", field: "websites.0.head.mobile" },
      { ruleId: "required", field: "websites.0.name" },
      { ruleId: "required", field: "websites.0.serviceContent" },
    ]);
  });

  test("a certificate end date is required unless it is long-term", () => {
    const order = makeOrder({ websiteHead: { certificateValidTo: undefined } });
    assertProblems(precheck(order, makeContext()), [
      { ruleId: "required", field: "websites.0.head.certificateValidTo" },
    ]);
  });

  test("an unknown division code", () => {
    assertProblems(precheck(makeOrder({ subject: { divisionCode: "990101" } }), makeContext()), [
      { ruleId: "division.unknown", field: "subject.divisionCode" },
    ]);
  });

  test("a wrong ID check character, reported on the subject", () => {
    const wrong = ID.slice(0, 17) + (ID.endsWith("0") ? "1" : "0");
    const order = makeOrder({ subject: { certificateNumber: wrong } });
    const problems = precheck(order, makeContext());
    // The head's number (still right) now also differs from the subject's.
    assertProblems(problems, [
      { ruleId: "resident_id.checksum", field: "subject.certificateNumber" },
      { ruleId: "personal.head_is_subject", field: "subject.head.certificateNumber" },
    ]);
  });

  test("ID problems are reported on the person whose number is wrong", () => {
    const future = makeResidentId("330106", "2027-01-01", "123");
    const order = makeOrder({ websiteHead: { certificateNumber: future } });
    // A different certificate makes a different person, who may not share the subject head's contacts.
    assertProblems(precheck(order, makeContext()), [
      { ruleId: "resident_id.future_birth_date", field: "websites.0.head.certificateNumber" },
      { ruleId: "contact.shared_between_heads", field: "websites.0.head.mobile" },
      { ruleId: "contact.shared_between_heads", field: "websites.0.head.email" },
    ]);
    const short = makeOrder({ websiteHead: { certificateNumber: ID.slice(0, 15) } });
    assertProblems(precheck(short, makeContext()), [
      { ruleId: "resident_id.format", field: "websites.0.head.certificateNumber" },
      { ruleId: "contact.shared_between_heads", field: "websites.0.head.mobile" },
      { ruleId: "contact.shared_between_heads", field: "websites.0.head.email" },
    ]);
  });

  test("the subject head must be the subject: name", () => {
    assertProblems(precheck(makeOrder({ subjectHead: { name: "李四" } }), makeContext()), [
      { ruleId: "personal.head_is_subject", field: "subject.head.name" },
    ]);
  });

  test("the subject head must be the subject: certificate number", () => {
    const other = makeResidentId("110105", "1985-06-15", "456");
    assertProblems(precheck(makeOrder({ subjectHead: { certificateNumber: other } }), makeContext()), [
      { ruleId: "personal.head_is_subject", field: "subject.head.certificateNumber" },
      { ruleId: "contact.shared_between_heads", field: "websites.0.head.mobile" },
      { ruleId: "contact.shared_between_heads", field: "websites.0.head.email" },
    ]);
  });

  test("a personal order holds one website", () => {
    const first = makeOrder().websites![0]!;
    const order = makeOrder({ websites: [first, { ...first, name: "张三的相册" }] });
    assertProblems(precheck(order, makeContext()), [
      { ruleId: "websites.too_many_in_order", field: "websites" },
    ]);
  });

  test("an order without a website", () => {
    assertProblems(precheck(makeOrder({ websites: [] }), makeContext()), [
      { ruleId: "website.required", field: "websites" },
    ]);
  });

  test("a remark shorter than 20 characters", () => {
    assertProblems(precheck(makeOrder({ website: { remark: "我的个人博客" } }), makeContext()), [
      { ruleId: "website.remark_too_short", field: "websites.0.remark" },
    ]);
    assertProblems(precheck(makeOrder({ website: { remark: `  ${"博".repeat(19)}  ` } }), makeContext()), [
      { ruleId: "website.remark_too_short", field: "websites.0.remark" },
    ]);
    assert.deepEqual(precheck(makeOrder({ website: { remark: "博".repeat(20) } }), makeContext()), []);
  });

  test("a missing remark is required", () => {
    assertProblems(precheck(makeOrder({ website: { remark: undefined } }), makeContext()), [
      { ruleId: "required", field: "websites.0.remark" },
    ]);
  });

  test("a malformed domain", () => {
    assertProblems(precheck(makeOrder({ website: { domain: "https://example.com/" } }), makeContext()), [
      { ruleId: "domain.format", field: "websites.0.domain" },
    ]);
  });

  test("a domain not registered in the account", () => {
    assertProblems(precheck(makeOrder({ website: { domain: "example.net" } }), makeContext()), [
      { ruleId: "domain.not_in_account", field: "websites.0.domain" },
    ]);
  });

  test("a domain held by someone else", () => {
    assertProblems(precheck(makeOrder(), makeContext({ domain: { holderName: "李四" } })), [
      { ruleId: "domain.holder_mismatch", field: "websites.0.domain" },
    ]);
  });

  test("a domain expiring within 90 days", () => {
    assertProblems(precheck(makeOrder(), makeContext({ domain: { expiresAt: daysFromToday(89) } })), [
      { ruleId: "domain.expiring", field: "websites.0.domain" },
    ]);
    assert.deepEqual(precheck(makeOrder(), makeContext({ domain: { expiresAt: daysFromToday(91) } })), []);
  });

  test("the order type follows from the records: a filed domain or subject is not a first filing (§1.2)", () => {
    const cases = [
      [{ subject: null, domain: "this_provider" }, "order_type.already_filed_here"],
      [{ subject: null, domain: "other_provider" }, "order_type.add_access"],
      [{ subject: "this_account", domain: null }, "order_type.add_website"],
      [{ subject: "other_account", domain: null }, "order_type.claim_or_transfer"],
      [{ subject: "other_provider", domain: null }, "order_type.add_website_subject_elsewhere"],
    ] as const;
    for (const [records, ruleId] of cases) {
      const context = makeContext({
        records: { ...emptyRecords(), subject: records.subject, domains: { "example.com": records.domain } },
      });
      assertProblems(precheck(makeOrder(), context), [{ ruleId, field: "websites.0.domain" }]);
    }
    const fresh = makeContext({ records: { ...emptyRecords(), domains: { "example.com": null } } });
    assert.deepEqual(precheck(makeOrder(), fresh), []);
  });

  test("a domain without real-name verification", () => {
    assertProblems(precheck(makeOrder(), makeContext({ domain: { realNameVerifiedAt: null } })), [
      { ruleId: "domain.not_real_name", field: "websites.0.domain" },
    ]);
  });

  test("real-name verification less than 3 working days old is a warning only (seed; §4.1, §11)", () => {
    // Today is Monday 2026-03-02; Saturday 2026-02-28 is a make-up working day (State Council 2026).
    const verified = (date: string) =>
      makeContext({ domain: { realNameVerifiedAt: new Date(`${date}T10:00:00+08:00`) } });
    const problems = precheck(makeOrder(), verified("2026-02-27"));
    assertProblems(problems, [
      { ruleId: "domain.real_name_recent", field: "websites.0.domain", severity: "warning" },
    ]);
    assert.equal(problems.filter((problem) => problem.severity === "error").length, 0);
    assert.deepEqual(precheck(makeOrder(), verified("2026-02-26")), []);
  });

  test("a service code that is used, void, taken, unknown, or on an ineligible server (§6)", () => {
    const at = (ruleId: string) => [{ ruleId, field: "websites.0.serviceCode" }];
    assertProblems(
      precheck(makeOrder({ website: { serviceCode: "BSN-0002" } }), makeContext()),
      at("service_code.unavailable"),
    );
    assertProblems(
      precheck(makeOrder({ website: { serviceCode: "BSN-9999" } }), makeContext()),
      at("service_code.not_found"),
    );
    assertProblems(
      precheck(makeOrder(), makeContext({ serviceCode: { state: "void" } })),
      at("service_code.unavailable"),
    );
    assertProblems(
      precheck(makeOrder(), makeContext({ serviceCode: { state: "taken" } })),
      at("service_code.unavailable"),
    );
    assertProblems(
      precheck(makeOrder(), makeContext({ serviceCode: { serverEligible: false } })),
      at("server.not_mainland"),
    );
    assert.deepEqual(precheck(makeOrder(), makeContext({ serviceCode: { state: "bound" } })), []);
    assertProblems(
      precheck(makeOrder(), makeContext({ serviceCode: { state: "in_filing" } })),
      at("service_code.unavailable"),
    );
  });

  test("a missing service code is required", () => {
    assertProblems(precheck(makeOrder({ website: { serviceCode: undefined } }), makeContext()), [
      { ruleId: "required", field: "websites.0.serviceCode" },
    ]);
  });

  test("the subject head's emergency phone equals their mobile", () => {
    assertProblems(precheck(makeOrder({ subjectHead: { emergencyPhone: "13800138000" } }), makeContext()), [
      { ruleId: "contact.emergency_distinct", field: "subject.head.emergencyPhone" },
    ]);
  });

  test("the website head's emergency phone equals the subject head's mobile", () => {
    assertProblems(precheck(makeOrder({ websiteHead: { emergencyPhone: "13800138000" } }), makeContext()), [
      { ruleId: "contact.emergency_distinct", field: "websites.0.head.emergencyPhone" },
    ]);
  });

  test("the website head's emergency phone equals the website head's own mobile", () => {
    const order = makeOrder({ websiteHead: { mobile: "13700137000", emergencyPhone: "13700137000" } });
    assertProblems(precheck(order, makeContext()), [
      { ruleId: "contact.emergency_distinct", field: "websites.0.head.emergencyPhone" },
    ]);
  });

  test("an emergency phone equal to the mobile but written differently", () => {
    assertProblems(
      precheck(makeOrder({ subjectHead: { emergencyPhone: "+86 138 0013 8000" } }), makeContext()),
      [{ ruleId: "contact.emergency_distinct", field: "subject.head.emergencyPhone" }],
    );
  });

  test("malformed mobile, phone and e-mail", () => {
    const order = makeOrder({
      subjectHead: { mobile: "12345678901", emergencyPhone: "call me", email: "zhangsan@" },
    });
    assertProblems(precheck(order, makeContext()), [
      { ruleId: "mobile.format", field: "subject.head.mobile" },
      { ruleId: "phone.format", field: "subject.head.emergencyPhone" },
      { ruleId: "email.format", field: "subject.head.email" },
    ]);
  });

  test("a certificate expiring within 90 days", () => {
    assertProblems(
      precheck(makeOrder({ subjectHead: { certificateValidTo: "2026-05-30" } }), makeContext()),
      [{ ruleId: "certificate.expiring", field: "subject.head.certificateValidTo" }],
    );
    assertProblems(
      precheck(makeOrder({ websiteHead: { certificateValidTo: "2025-12-31" } }), makeContext()),
      [{ ruleId: "certificate.expiring", field: "websites.0.head.certificateValidTo" }],
    );
    assert.deepEqual(
      precheck(makeOrder({ subjectHead: { certificateValidTo: "2026-06-30" } }), makeContext()),
      [],
    );
  });
});

describe("precheck: everything at once", () => {
  test("an empty order reports every missing field in one go", () => {
    assertProblems(precheck({}, makeContext()), [
      { ruleId: "required", field: "subject.type" },
      { ruleId: "required", field: "subject.name" },
      { ruleId: "required", field: "subject.divisionCode" },
      { ruleId: "required", field: "subject.address" },
      { ruleId: "required", field: "subject.certificateType" },
      { ruleId: "required", field: "subject.certificateNumber" },
      { ruleId: "required", field: "subject.head.name" },
      { ruleId: "required", field: "subject.head.certificateType" },
      { ruleId: "required", field: "subject.head.certificateNumber" },
      { ruleId: "required", field: "subject.head.mobile" },
      { ruleId: "required", field: "subject.head.emergencyPhone" },
      { ruleId: "required", field: "subject.head.email" },
      { ruleId: "required", field: "subject.head.certificateValidTo" },
      { ruleId: "website.required", field: "websites" },
    ]);
  });

  test("an empty website reports each of its missing fields", () => {
    const problems = precheck(makeOrder({ websites: [{}] }), makeContext());
    const fields = problems
      .filter((problem) => problem.ruleId === "required")
      .map((problem) => problem.field);
    assert.deepEqual(fields.sort(), [
      "websites.0.domain",
      "websites.0.head.certificateNumber",
      "websites.0.head.certificateType",
      "websites.0.head.certificateValidTo",
      "websites.0.head.email",
      "websites.0.head.emergencyPhone",
      "websites.0.head.mobile",
      "websites.0.head.name",
      "websites.0.name",
      "websites.0.remark",
      "websites.0.serviceCode",
      "websites.0.serviceContent",
    ]);
    assert.equal(problems.length, fields.length);
  });

  test("unrelated problems in different parts of the order are all reported", () => {
    const order = makeOrder({
      subject: { divisionCode: "990101" },
      subjectHead: { name: "李四" },
      website: { remark: "博客", domain: "example.net", serviceCode: "BSN-0002" },
      websiteHead: { certificateValidTo: "2026-04-01" },
    });
    assertProblems(precheck(order, makeContext()), [
      { ruleId: "division.unknown", field: "subject.divisionCode" },
      { ruleId: "personal.head_is_subject", field: "subject.head.name" },
      { ruleId: "website.remark_too_short", field: "websites.0.remark" },
      { ruleId: "domain.not_in_account", field: "websites.0.domain" },
      { ruleId: "service_code.unavailable", field: "websites.0.serviceCode" },
      { ruleId: "certificate.expiring", field: "websites.0.head.certificateValidTo" },
    ]);
  });
});
