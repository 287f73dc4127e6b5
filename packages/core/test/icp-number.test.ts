import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { PROVINCES, provinceByCode } from "../src/data/provinces.ts";
import { formatSubjectNumber, formatWebsiteNumber, parseIcpNumber } from "../src/validators/icp-number.ts";

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
