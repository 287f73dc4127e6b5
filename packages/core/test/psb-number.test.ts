import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { PROVINCES } from "../src/data/provinces.ts";
import { PSB_PREFIX_CHARACTERS, checkPsbNumber, type PsbNumberResult } from "../src/validators/psb-number.ts";

// Fact base §5.5 (format, observed numbers) and §5.1 (PSB prefixes, 川/贵/云/甘 uncertain).

describe("checkPsbNumber", () => {
  const cases: { name: string; input: string; expected: Partial<PsbNumberResult> }[] = [
    {
      name: "§5.5 [T-FOOT] Beijing, Baidu's number",
      input: "京公网安备11000002000001号",
      expected: {
        ok: true,
        normalized: "京公网安备11000002000001号",
        provinceCode: "11",
        divisionCode: "110000",
      },
    },
    {
      name: "§5.5 [T-FOOT] Shenzhen Nanshan, Tencent's number",
      input: "粤公网安备44030502008569号",
      expected: { ok: true, provinceCode: "44", divisionCode: "440305" },
    },
    {
      name: "§5.5 Chongqing Yongchuan, one space after 备 is dropped",
      input: "渝公网安备 50011802010624号",
      expected: {
        ok: true,
        normalized: "渝公网安备50011802010624号",
        provinceCode: "50",
        divisionCode: "500118",
      },
    },
    {
      name: "§5.1 Sichuan with the everyday character 川",
      input: "川公网安备51010402000001号",
      expected: { ok: true, provinceCode: "51" },
    },
    {
      name: "§5.1 Sichuan with the ICP character 蜀 (uncertain, accepted)",
      input: "蜀公网安备51010402000001号",
      expected: { ok: true, provinceCode: "51", normalized: "蜀公网安备51010402000001号" },
    },
    {
      name: "§5.1 Guizhou 贵",
      input: "贵公网安备52010202000001号",
      expected: { ok: true, provinceCode: "52" },
    },
    {
      name: "§5.1 Guizhou 黔",
      input: "黔公网安备52010202000001号",
      expected: { ok: true, provinceCode: "52" },
    },
    {
      name: "§5.1 Yunnan 云",
      input: "云公网安备53010202000001号",
      expected: { ok: true, provinceCode: "53" },
    },
    {
      name: "§5.1 Yunnan 滇",
      input: "滇公网安备53010202000001号",
      expected: { ok: true, provinceCode: "53" },
    },
    {
      name: "§5.1 Gansu 甘",
      input: "甘公网安备62010202000001号",
      expected: { ok: true, provinceCode: "62" },
    },
    {
      name: "§5.1 Gansu 陇",
      input: "陇公网安备62010202000001号",
      expected: { ok: true, provinceCode: "62" },
    },
    { name: "§5.5 surrounding white space", input: " 京公网安备11000002000001号\n", expected: { ok: true } },
    {
      name: "§5.5 division code from another province",
      input: "京公网安备44030502008569号",
      expected: { ok: false, provinceCode: "11", divisionCode: "440305", problem: "region" },
    },
    {
      name: "§5.5 division code naming no province",
      input: "京公网安备99000002000001号",
      expected: { ok: false, problem: "region" },
    },
    {
      name: "§5.1 Hong Kong has no PSB prefix",
      input: "港公网安备11000002000001号",
      expected: { ok: false, provinceCode: null, problem: "prefix" },
    },
    {
      name: "§5.5 13 digits",
      input: "京公网安备1100000200000号",
      expected: { ok: false, problem: "format" },
    },
    {
      name: "§5.5 15 digits",
      input: "京公网安备110000020000011号",
      expected: { ok: false, problem: "format" },
    },
    {
      name: "§5.5 two spaces",
      input: "京公网安备  11000002000001号",
      expected: { ok: false, problem: "format" },
    },
    {
      name: "§5.5 missing 号",
      input: "京公网安备11000002000001",
      expected: { ok: false, problem: "format" },
    },
    {
      name: "§5.5 an ICP number is not a PSB number",
      input: "京ICP备11018762号",
      expected: { ok: false, problem: "format" },
    },
    { name: "§5.5 empty", input: "", expected: { ok: false, normalized: null, problem: "format" } },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const result = checkPsbNumber(c.input);
      for (const [key, value] of Object.entries(c.expected)) {
        assert.deepEqual(result[key as keyof PsbNumberResult], value, `${key} in ${JSON.stringify(result)}`);
      }
      assert.equal(result.problem === undefined, result.ok);
    });
  }

  test("§5.1 every province's PSB prefix with its own division code passes", () => {
    for (const province of PROVINCES) {
      const result = checkPsbNumber(`${province.psbPrefix}公网安备${province.code}010002000001号`);
      assert.equal(result.ok, true, province.en);
      assert.equal(result.provinceCode, province.code);
    }
  });

  test("§5.1 the accepted prefix characters: 31 provinces plus 4 alternates", () => {
    assert.equal([...PSB_PREFIX_CHARACTERS].length, 35);
  });
});
