import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  BEIJING_SUFFIXES,
  GENERAL_SUFFIXES,
  SUFFIX_LISTS,
  suffixToAscii,
} from "../src/data/approved-suffixes.ts";
import { analyzeDomain } from "../src/validators/domain.ts";
import { checkSuffix, suffixListFor } from "../src/validators/suffix.ts";

const ON = new Date("2026-03-02T01:00:00Z");

describe("approved suffix data (§4.2)", () => {
  test("[T-SUFFIX] general list is dated 2020-07-24 and holds the .cn levels, IDN TLDs and gTLDs", () => {
    assert.equal(GENERAL_SUFFIXES.source, "T-SUFFIX");
    assert.equal(GENERAL_SUFFIXES.effectiveFrom, "2020-07-24");
    for (const suffix of [
      "cn",
      "com.cn",
      "gov.cn",
      "政务.cn",
      "bj.cn",
      "mo.cn",
      "中国",
      "公司",
      "网站",
      "com",
      "tv",
      "cc",
      "asia",
    ]) {
      assert.ok(GENERAL_SUFFIXES.suffixes.includes(suffix), suffix);
    }
    for (const suffix of ["app", "io", "me", "org", "tel", "hk"]) {
      assert.ok(!GENERAL_SUFFIXES.suffixes.includes(suffix), suffix);
    }
  });

  test("entries are unique, lower case, without a leading dot", () => {
    for (const list of SUFFIX_LISTS) {
      assert.equal(new Set(list.suffixes).size, list.suffixes.length, list.id);
      for (const suffix of list.suffixes) {
        assert.equal(suffix, suffix.toLowerCase());
        assert.ok(!suffix.startsWith(".") && !suffix.endsWith("."), suffix);
      }
    }
  });

  test("the 33 province .xx.cn levels of [T-SUFFIX] are listed (ac.cn aside)", () => {
    const twoLetter = GENERAL_SUFFIXES.suffixes.filter(
      (suffix) => /^[a-z]{2}\.cn$/.test(suffix) && suffix !== "ac.cn",
    );
    assert.equal(twoLetter.length, 33);
  });

  test("IDN suffixes have the expected Punycode form", () => {
    assert.equal(suffixToAscii("中国"), "xn--fiqs8s");
    assert.equal(suffixToAscii("政务.cn"), "xn--zfr164b.cn");
    assert.equal(suffixToAscii("公司"), "xn--55qx5d");
    assert.equal(suffixToAscii("com.cn"), "com.cn");
  });

  test("[T-PROV] Beijing: general list minus hk.cn, tw.cn and .asia, plus .tel, from 2019-01-01", () => {
    assert.equal(BEIJING_SUFFIXES.effectiveFrom, "2019-01-01");
    assert.equal(BEIJING_SUFFIXES.provinceCode, "11");
    assert.ok(BEIJING_SUFFIXES.suffixes.includes("tel"));
    for (const suffix of ["asia", "hk.cn", "tw.cn"])
      assert.ok(!BEIJING_SUFFIXES.suffixes.includes(suffix), suffix);
    assert.equal(BEIJING_SUFFIXES.suffixes.length, GENERAL_SUFFIXES.suffixes.length - 3 + 1);
  });
});

describe("checkSuffix (§4.1 rule 1, §4.2)", () => {
  const general: { name: string; input: string; ok: boolean; suffix: string }[] = [
    { name: "[T-SUFFIX] .com", input: "example.com", ok: true, suffix: "com" },
    { name: "[T-SUFFIX] .cn", input: "example.cn", ok: true, suffix: "cn" },
    {
      name: "[T-SUFFIX] .com.cn is the longest match",
      input: "www.example.com.cn",
      ok: true,
      suffix: "com.cn",
    },
    { name: "[T-SUFFIX] .gov.cn", input: "example.gov.cn", ok: true, suffix: "gov.cn" },
    { name: "[T-SUFFIX] province .bj.cn", input: "example.bj.cn", ok: true, suffix: "bj.cn" },
    { name: "[T-SUFFIX] .中国 in Unicode", input: "例子.中国", ok: true, suffix: "中国" },
    { name: "[T-SUFFIX] .中国 in Punycode", input: "xn--fsqu00a.xn--fiqs8s", ok: true, suffix: "中国" },
    { name: "[T-SUFFIX] .政务.cn", input: "example.政务.cn", ok: true, suffix: "政务.cn" },
    { name: "[T-SUFFIX] .asia outside Beijing", input: "example.asia", ok: true, suffix: "asia" },
    { name: "[T-SUFFIX] a bare suffix string", input: ".com.cn", ok: true, suffix: "com.cn" },
    { name: "§4.2 .app is not filable", input: "example.app", ok: false, suffix: "app" },
    { name: "§4.2 .io is not filable", input: "example.io", ok: false, suffix: "io" },
    { name: "§4.2 .me is not filable", input: "example.me", ok: false, suffix: "me" },
    { name: "§4.2 .org is not on the list (.org.cn is)", input: "example.org", ok: false, suffix: "org" },
    { name: "§4.2 .tel only in Beijing", input: "example.tel", ok: false, suffix: "tel" },
    { name: "§4.2 .hk is not .hk.cn", input: "example.hk", ok: false, suffix: "hk" },
  ];
  for (const c of general) {
    test(`general list: ${c.name}`, () => {
      const result = checkSuffix(c.input, { on: ON });
      assert.equal(result.ok, c.ok, JSON.stringify(result));
      assert.equal(result.suffix, c.suffix);
      assert.equal(result.list, "general");
      assert.equal(result.source, "T-SUFFIX");
      assert.equal(result.effectiveFrom, "2020-07-24");
    });
  }

  const beijing: { name: string; input: string; ok: boolean; suffix: string }[] = [
    { name: "[T-PROV] accepts .tel", input: "example.tel", ok: true, suffix: "tel" },
    { name: "[T-PROV] refuses .asia", input: "example.asia", ok: false, suffix: "asia" },
    {
      name: "[T-PROV] refuses .hk.cn although .cn is listed",
      input: "example.hk.cn",
      ok: false,
      suffix: "hk.cn",
    },
    { name: "[T-PROV] refuses .tw.cn", input: "www.example.tw.cn", ok: false, suffix: "tw.cn" },
    { name: "[T-PROV] accepts .com.cn", input: "example.com.cn", ok: true, suffix: "com.cn" },
    { name: "[Q-LIM] accepts .中国", input: "例子.中国", ok: true, suffix: "中国" },
    { name: "[J-BJ] refuses .io", input: "example.io", ok: false, suffix: "io" },
  ];
  for (const c of beijing) {
    test(`Beijing list: ${c.name}`, () => {
      const result = checkSuffix(c.input, { on: ON, provinceCode: "11" });
      assert.equal(result.ok, c.ok, JSON.stringify(result));
      assert.equal(result.suffix, c.suffix);
      assert.equal(result.list, "beijing");
    });
  }

  test("takes a DomainAnalysis too and reports the ASCII suffix", () => {
    const result = checkSuffix(analyzeDomain("www.例子.中国"), { on: ON });
    assert.deepEqual(
      { ok: result.ok, suffix: result.suffix, suffixAscii: result.suffixAscii },
      { ok: true, suffix: "中国", suffixAscii: "xn--fiqs8s" },
    );
  });

  test("other provinces use the general list", () => {
    assert.equal(checkSuffix("example.asia", { on: ON, provinceCode: "33" }).ok, true);
    assert.equal(checkSuffix("example.tel", { on: ON, provinceCode: "33" }).list, "general");
  });

  test("Beijing's list applies from 2019-01-01, China time", () => {
    assert.equal(suffixListFor("11", new Date("2018-12-31T15:59:59Z")).id, "general");
    assert.equal(suffixListFor("11", new Date("2018-12-31T16:00:00Z")).id, "beijing");
    assert.equal(
      checkSuffix("example.tel", { on: new Date("2018-06-01T00:00:00Z"), provinceCode: "11" }).ok,
      false,
    );
  });

  test("a day before every list still uses the oldest general list", () => {
    assert.equal(suffixListFor(undefined, new Date("2015-01-01T00:00:00Z")).id, "general");
  });
});
