import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { PROVINCES, provinceByCode } from "../src/data/provinces.ts";
import {
  analyzeRecordNumber,
  formatSubjectNumber,
  formatWebsiteNumber,
  parseIcpNumber,
  type RecordNumberAnalysis,
} from "../src/validators/icp-number.ts";

const SUBJECT = "浙ICP备2026001234号";

describe("parseIcpNumber: subject numbers", () => {
  test("parses a 10-digit subject number", () => {
    const parsed = parseIcpNumber(SUBJECT);
    assert.ok(parsed);
    assert.equal(parsed.province.code, "33");
    assert.equal(parsed.subjectNumber, SUBJECT);
    assert.equal(parsed.serial, "2026001234");
    assert.equal(parsed.service, undefined);
  });

  test("parses an older 8-digit subject number", () => {
    const parsed = parseIcpNumber("京ICP备12345678号");
    assert.equal(parsed?.province.code, "11");
    assert.equal(parsed?.serial, "12345678");
    assert.equal(parsed?.service, undefined);
  });

  test("rejects serials of other lengths", () => {
    for (const serial of ["", "1234567", "123456789", "12345678901"]) {
      assert.equal(parseIcpNumber(`浙ICP备${serial}号`), null, serial);
    }
  });

  test("accepts the ICP prefixes 蜀 黔 滇 陇 (Sichuan, Guizhou, Yunnan, Gansu)", () => {
    for (const [prefix, code] of [
      ["蜀", "51"],
      ["黔", "52"],
      ["滇", "53"],
      ["陇", "62"],
    ] as const) {
      assert.equal(parseIcpNumber(`${prefix}ICP备2026001234号`)?.province.code, code, prefix);
    }
  });

  test("rejects the everyday abbreviations 川 and 甘, and 贵 / 云, which are not ICP prefixes", () => {
    for (const prefix of ["川", "甘", "贵", "云"]) {
      assert.equal(parseIcpNumber(`${prefix}ICP备2026001234号`), null, prefix);
    }
  });

  test("accepts every province's own prefix", () => {
    for (const province of PROVINCES) {
      assert.equal(parseIcpNumber(`${province.icpPrefix}ICP备12345678号`)?.province, province);
    }
  });

  test("rejects other shapes", () => {
    for (const input of [
      "",
      "ICP备2026001234号",
      "浙ICP证2026001234号", // an ICP licence, not a filing
      "浙icp备2026001234号",
      "浙ICP备2026001234",
      "浙ICP备2026001234号号",
      "浙浙ICP备2026001234号",
      "港ICP备2026001234号",
      "浙ICP备２０２６００１２３４号",
    ]) {
      assert.equal(parseIcpNumber(input), null, input);
    }
  });

  test("trims surrounding white space", () => {
    assert.equal(parseIcpNumber(`  ${SUBJECT}-1 `)?.service?.sequence, 1);
  });
});

describe("parseIcpNumber: service numbers", () => {
  test("-1 is a website", () => {
    const parsed = parseIcpNumber(`${SUBJECT}-1`);
    assert.deepEqual(parsed?.service, { sequence: 1, kind: "website" });
    assert.equal(parsed?.subjectNumber, SUBJECT);
    assert.equal(parsed?.serial, "2026001234");
  });

  test("-2A is an app, -3X a mini program, -4K a quick app", () => {
    assert.deepEqual(parseIcpNumber(`${SUBJECT}-2A`)?.service, { sequence: 2, kind: "app" });
    assert.deepEqual(parseIcpNumber(`${SUBJECT}-3X`)?.service, { sequence: 3, kind: "mini_program" });
    assert.deepEqual(parseIcpNumber(`${SUBJECT}-4K`)?.service, { sequence: 4, kind: "quick_app" });
  });

  test("sequences run up to four digits", () => {
    assert.deepEqual(parseIcpNumber(`${SUBJECT}-9999`)?.service, { sequence: 9999, kind: "website" });
    assert.equal(parseIcpNumber(`${SUBJECT}-10000`), null);
  });

  test("-0 is rejected, with or without a suffix", () => {
    for (const suffix of ["-0", "-0A", "-0X", "-0K", "-00"]) {
      assert.equal(parseIcpNumber(`${SUBJECT}${suffix}`), null, suffix);
    }
  });

  test("unknown suffixes and malformed sequences are rejected", () => {
    for (const suffix of ["-", "-1B", "-1a", "-A", "-1AX", "-1 2", "—1", "-1-2"]) {
      assert.equal(parseIcpNumber(`${SUBJECT}${suffix}`), null, suffix);
    }
  });

  test("a service number names its subject number; a subject number has no service", () => {
    const subject = parseIcpNumber(SUBJECT);
    const website = parseIcpNumber(`${SUBJECT}-7`);
    assert.equal(subject?.service, undefined);
    assert.ok(website?.service);
    assert.equal(website.subjectNumber, subject?.subjectNumber);
  });
});

describe("formatting", () => {
  test("formatSubjectNumber and formatWebsiteNumber build what parseIcpNumber reads", () => {
    const zhejiang = provinceByCode("330106");
    assert.ok(zhejiang);
    const subject = formatSubjectNumber(zhejiang, "2026001234");
    assert.equal(subject, SUBJECT);
    assert.equal(formatWebsiteNumber(subject, 2), `${SUBJECT}-2`);
  });

  test("property: formatted numbers parse back to their parts", () => {
    const serial = fc
      .constantFrom(8, 10)
      .chain((length) =>
        fc
          .array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length })
          .map((d) => d.join("")),
      );
    fc.assert(
      fc.property(
        fc.constantFrom(...PROVINCES),
        serial,
        fc.integer({ min: 1, max: 9999 }),
        (province, serialDigits, sequence) => {
          const subject = formatSubjectNumber(province, serialDigits);
          const parsedSubject = parseIcpNumber(subject);
          assert.equal(parsedSubject?.province, province);
          assert.equal(parsedSubject?.serial, serialDigits);
          assert.equal(parsedSubject?.service, undefined);
          const parsedWebsite = parseIcpNumber(formatWebsiteNumber(subject, sequence));
          assert.equal(parsedWebsite?.subjectNumber, subject);
          assert.deepEqual(parsedWebsite?.service, { sequence, kind: "website" });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("analyzeRecordNumber (§1.6, §5.1)", () => {
  const cases: { name: string; input: string; expected: Partial<RecordNumberAnalysis> }[] = [
    {
      name: "§1.6 [T-FOOT] 8-digit Beijing filing number",
      input: "京ICP备11018762号",
      expected: { ok: true, kind: "filing", provinceCode: "11", subjectNumber: "京ICP备11018762号" },
    },
    {
      name: "§1.6 8-digit Sichuan number with the ICP prefix 蜀",
      input: "蜀ICP备12014244号",
      expected: { ok: true, kind: "filing", provinceCode: "51" },
    },
    {
      name: "§1.6 10-digit Gansu number with the ICP prefix 陇",
      input: "陇ICP备2021003158号",
      expected: { ok: true, kind: "filing", provinceCode: "62", subjectNumber: "陇ICP备2021003158号" },
    },
    {
      name: "§1.6 [H-APP] app service -2A",
      input: "浙ICP备2025131364号-2A",
      expected: {
        ok: true,
        kind: "filing",
        provinceCode: "33",
        subjectNumber: "浙ICP备2025131364号",
        serviceSuffix: "-2A",
        service: { sequence: 2, kind: "app" },
      },
    },
    {
      name: "§1.6 [H-APP] mini program -1X",
      input: "苏ICP备2026036865号-1X",
      expected: { ok: true, serviceSuffix: "-1X", service: { sequence: 1, kind: "mini_program" } },
    },
    {
      name: "§1.6 [T-HUBEI] website -1",
      input: "鄂ICP备2019123456号-1",
      expected: { ok: true, provinceCode: "42", service: { sequence: 1, kind: "website" } },
    },
    {
      name: "§1.6 quick app -4K",
      input: "黔ICP备2026001234号-4K",
      expected: { ok: true, provinceCode: "52", service: { sequence: 4, kind: "quick_app" } },
    },
    {
      name: "§1.6 [T-FOOT] ICP licence",
      input: "京ICP证150476号",
      expected: { ok: true, kind: "licence", provinceCode: "11", subjectNumber: "京ICP证150476号" },
    },
    {
      name: "§1.6 licence with a website suffix (seen on real sites; our reading)",
      input: "京ICP证150476号-1",
      expected: { ok: true, kind: "licence", serviceSuffix: "-1", service: { sequence: 1, kind: "website" } },
    },
    {
      name: "§1.6 [T-FOOT] B2 licence",
      input: "粤B2-20090059",
      expected: { ok: true, kind: "b2", provinceCode: "44", subjectNumber: "粤B2-20090059" },
    },
    {
      name: "§1.6 Tencent's mini-program number on its B2 licence",
      input: "粤B2-20090059-1626X",
      expected: {
        ok: true,
        kind: "b2",
        subjectNumber: "粤B2-20090059",
        serviceSuffix: "-1626X",
        service: { sequence: 1626, kind: "mini_program" },
      },
    },
    {
      name: "§1.6 cross-regional B2 without a province (our reading)",
      input: "B2-20090059",
      expected: { ok: true, kind: "b2", provinceCode: null },
    },
    {
      name: "§5.1 B2 with the everyday character 川 (uncertain, accepted)",
      input: "川B2-20090059",
      expected: { ok: true, kind: "b2", provinceCode: "51" },
    },
    {
      name: "§5.1 filing numbers never use 川",
      input: "川ICP备12014244号",
      expected: { ok: false, kind: "filing", provinceCode: null, problem: "prefix" },
    },
    {
      name: "§5.1 filing numbers never use 甘",
      input: "甘ICP备2021003158号",
      expected: { ok: false, problem: "prefix" },
    },
    {
      name: "§5.1 Hong Kong has no ICP prefix",
      input: "港ICP证150476号",
      expected: { ok: false, kind: "licence", problem: "prefix" },
    },
    {
      name: "§1.6 9-digit filing serial",
      input: "京ICP备110187621号",
      expected: { ok: false, kind: "filing", provinceCode: "11", problem: "format" },
    },
    {
      name: "§1.6 7-digit licence serial",
      input: "京ICP证1504760号",
      expected: { ok: false, kind: "licence", problem: "format" },
    },
    {
      name: "§1.6 7-digit B2 serial",
      input: "粤B2-2009005",
      expected: { ok: false, kind: "b2", problem: "format" },
    },
    {
      name: "§1.6 -0 is no service",
      input: "京ICP备11018762号-0",
      expected: { ok: false, subjectNumber: "京ICP备11018762号", problem: "service_suffix" },
    },
    {
      name: "§1.6 unknown service letter",
      input: "京ICP备11018762号-1B",
      expected: { ok: false, problem: "service_suffix" },
    },
    {
      name: "§1.6 five-digit sequence",
      input: "粤B2-20090059-10000",
      expected: { ok: false, problem: "service_suffix" },
    },
    {
      name: "§1.6 lower-case icp",
      input: "京icp备11018762号",
      expected: { ok: false, kind: null, problem: "format" },
    },
    {
      name: "§1.6 missing 号",
      input: "京ICP备11018762",
      expected: { ok: false, kind: null, problem: "format" },
    },
    {
      name: "§1.6 a PSB number is not an ICP number",
      input: "京公网安备11000002000001号",
      expected: { ok: false, kind: null },
    },
    { name: "empty", input: "", expected: { ok: false, kind: null, provinceCode: null, problem: "format" } },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const result = analyzeRecordNumber(c.input);
      for (const [key, value] of Object.entries(c.expected)) {
        assert.deepEqual(
          result[key as keyof RecordNumberAnalysis],
          value,
          `${key} in ${JSON.stringify(result)}`,
        );
      }
      assert.equal(result.problem === undefined, result.ok);
    });
  }

  test("§5.1 agrees with parseIcpNumber on filing numbers", () => {
    for (const input of [
      "京ICP备11018762号",
      "浙ICP备2025131364号-2A",
      "川ICP备12014244号",
      "浙ICP备2026001234号-0",
    ]) {
      const parsed = parseIcpNumber(input);
      const analysis = analyzeRecordNumber(input);
      assert.equal(analysis.ok, parsed !== null, input);
      if (parsed) {
        assert.equal(analysis.provinceCode, parsed.province.code);
        assert.equal(analysis.subjectNumber, parsed.subjectNumber);
        assert.deepEqual(analysis.service, parsed.service);
      }
    }
  });

  test("§5.1 every province's ICP prefix is read, 8 and 10 digits", () => {
    for (const province of PROVINCES) {
      for (const serial of ["12345678", "2026001234"]) {
        const result = analyzeRecordNumber(`${province.icpPrefix}ICP备${serial}号`);
        assert.equal(result.provinceCode, province.code, province.en);
        assert.equal(result.ok, true);
      }
    }
  });
});
