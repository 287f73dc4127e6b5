import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  ICP_PREFIX_CHARACTERS,
  PROVINCES,
  provinceByCode,
  provinceByIcpPrefix,
} from "../src/data/provinces.ts";

describe("provinces", () => {
  test("the 31 mainland provinces, with unique codes and ICP prefixes", () => {
    assert.equal(PROVINCES.length, 31);
    assert.equal(new Set(PROVINCES.map((province) => province.code)).size, 31);
    assert.equal(new Set(PROVINCES.map((province) => province.icpPrefix)).size, 31);
    for (const province of PROVINCES) {
      assert.match(province.code, /^\d{2}$/);
      assert.equal([...province.icpPrefix].length, 1, province.en);
      assert.ok(province.bureauReviewWorkingDays > 0);
    }
    assert.equal([...ICP_PREFIX_CHARACTERS].length, 31);
  });

  test("provinceByCode takes a 2-digit or a 6-digit division code", () => {
    assert.equal(provinceByCode("33")?.en, "Zhejiang");
    assert.equal(provinceByCode("330106")?.en, "Zhejiang");
    assert.equal(provinceByCode("110105")?.icpPrefix, "京");
    for (const code of ["", "9", "99", "990101", "81", "71"])
      assert.equal(provinceByCode(code), undefined, code);
  });

  test("the ICP prefixes that differ from everyday abbreviations", () => {
    assert.equal(provinceByIcpPrefix("蜀")?.code, "51");
    assert.equal(provinceByIcpPrefix("黔")?.code, "52");
    assert.equal(provinceByIcpPrefix("滇")?.code, "53");
    assert.equal(provinceByIcpPrefix("陇")?.code, "62");
    for (const prefix of ["川", "贵", "云", "甘"])
      assert.equal(provinceByIcpPrefix(prefix), undefined, prefix);
  });

  test("Zhejiang's bureau takes 30 working days, the others 20", () => {
    for (const province of PROVINCES) {
      assert.equal(province.bureauReviewWorkingDays, province.code === "33" ? 30 : 20, province.en);
    }
  });
});
