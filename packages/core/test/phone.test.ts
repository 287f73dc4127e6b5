import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { checkPhone, mobilePrefix, type PhoneKind, type PhoneResult } from "../src/validators/phone.ts";

// Fact base §4.3 (mobile: 11 digits, mainland segment able to receive MIIT SMS) and
// §5.2 (landlines, local numbers). Expectations follow libphonenumber-js/max metadata.

interface Case {
  name: string;
  input: string;
  kind: PhoneKind;
  expected: Partial<PhoneResult>;
}

const cases: Case[] = [
  // §4.3 mobile
  {
    name: "§4.3 plain 11-digit mobile",
    input: "13800138000",
    kind: "mobile",
    expected: { ok: true, normalized: "13800138000", type: "mobile" },
  },
  {
    name: "§4.3 +86 with spaces",
    input: "+86 138 0013 8000",
    kind: "mobile",
    expected: { ok: true, normalized: "13800138000", type: "mobile" },
  },
  {
    name: "§4.3 0086 prefix",
    input: "0086 13800138000",
    kind: "mobile",
    expected: { ok: true, normalized: "13800138000", type: "mobile" },
  },
  {
    name: "§4.3 86 prefix with dashes",
    input: "86-138-0013-8000",
    kind: "mobile",
    expected: { ok: true, normalized: "13800138000", type: "mobile" },
  },
  {
    name: "§4.3 (+86) in parentheses",
    input: "(+86)13800138000",
    kind: "any",
    expected: { ok: true, normalized: "13800138000", type: "mobile" },
  },
  {
    name: "§4.3 a 170 virtual-operator number is a mobile",
    input: "17012345678",
    kind: "mobile",
    expected: { ok: true, type: "mobile" },
  },
  {
    name: "§4.3 12-digit mobile is refused",
    input: "138001380001",
    kind: "mobile",
    expected: { ok: false, normalized: null, problem: "format" },
  },
  {
    name: "§4.3 10-digit mobile is refused",
    input: "1380013800",
    kind: "mobile",
    expected: { ok: false, problem: "format" },
  },
  {
    name: "§4.3 data-only segment 148 cannot receive SMS",
    input: "14800138000",
    kind: "mobile",
    expected: { ok: false, problem: "format" },
  },
  {
    name: "§4.3 letters are refused",
    input: "1380013800O",
    kind: "mobile",
    expected: { ok: false, problem: "format" },
  },
  {
    name: "§4.3 dots are refused",
    input: "138.0013.8000",
    kind: "mobile",
    expected: { ok: false, problem: "format" },
  },
  {
    name: "§4.3 a landline where a mobile is needed",
    input: "0571-88888888",
    kind: "mobile",
    expected: { ok: false, normalized: "0571-88888888", type: "landline", problem: "not_mobile" },
  },
  // §5.2 landlines
  {
    name: "§5.2 Hangzhou landline with dash",
    input: "0571-88888888",
    kind: "landline",
    expected: { ok: true, normalized: "0571-88888888", type: "landline", areaCode: "0571" },
  },
  {
    name: "§5.2 Beijing landline with the area code in parentheses",
    input: "(010)12345678",
    kind: "landline",
    expected: { ok: true, normalized: "010-12345678", type: "landline", areaCode: "010" },
  },
  {
    name: "§5.2 landline without separators",
    input: "02012345678",
    kind: "any",
    expected: { ok: true, normalized: "020-12345678", type: "landline", areaCode: "020" },
  },
  {
    name: "§5.2 landline with +86 and no trunk 0",
    input: "+86 571 8888 8888",
    kind: "landline",
    expected: { ok: true, normalized: "0571-88888888", areaCode: "0571" },
  },
  {
    name: "§5.2 landline with a 7-digit subscriber number",
    input: "0915-1234567",
    kind: "landline",
    expected: { ok: true, normalized: "0915-1234567", areaCode: "0915" },
  },
  {
    name: "§5.2 landline without area code is refused",
    input: "88888888",
    kind: "landline",
    expected: { ok: false, problem: "format" },
  },
  {
    name: "§5.2 area code without trunk 0 or +86 is refused",
    input: "1062345678",
    kind: "landline",
    expected: { ok: false, problem: "format" },
  },
  {
    name: "§5.2 extensions are refused",
    input: "0571-88888888-123",
    kind: "landline",
    expected: { ok: false, problem: "format" },
  },
  {
    name: "§5.2 a mobile where a landline is needed",
    input: "13800138000",
    kind: "landline",
    expected: { ok: false, normalized: "13800138000", type: "mobile", problem: "not_landline" },
  },
  // 400 / 800 numbers: neither mobile nor landline (our decision, documented in phone.ts)
  {
    name: "400 number is not a mobile",
    input: "400-812-3123",
    kind: "mobile",
    expected: { ok: false, type: null, normalized: null, problem: "not_mobile" },
  },
  {
    name: "400 number is not a landline",
    input: "4008123123",
    kind: "landline",
    expected: { ok: false, type: null, problem: "not_landline" },
  },
  {
    name: "800 number is refused for kind any",
    input: "800-810-0000",
    kind: "any",
    expected: { ok: false, type: null, problem: "not_landline" },
  },
  // not mainland
  {
    name: "US number",
    input: "+1 650 253 0000",
    kind: "any",
    expected: { ok: false, problem: "not_mainland" },
  },
  {
    name: "Hong Kong number",
    input: "+852 2123 4567",
    kind: "any",
    expected: { ok: false, problem: "not_mainland" },
  },
  { name: "empty", input: "", kind: "any", expected: { ok: false, problem: "format" } },
];

describe("checkPhone", () => {
  for (const c of cases) {
    test(`${c.name}: ${JSON.stringify(c.input)} as ${c.kind}`, () => {
      const result = checkPhone(c.input, c.kind);
      for (const [key, value] of Object.entries(c.expected)) {
        assert.deepEqual(result[key as keyof PhoneResult], value, `${key} in ${JSON.stringify(result)}`);
      }
    });
  }

  test("the ok result carries no problem, the refusal always one", () => {
    for (const c of cases) {
      const result = checkPhone(c.input, c.kind);
      assert.equal(result.problem === undefined, result.ok, c.name);
    }
  });

  test("normalised output checks again to itself", () => {
    for (const c of cases) {
      const result = checkPhone(c.input, c.kind);
      if (result.ok && result.normalized)
        assert.equal(checkPhone(result.normalized, c.kind).normalized, result.normalized);
    }
  });
});

describe("mobilePrefix (§5.2 local segments)", () => {
  test("returns the first 7 digits of a valid mobile", () => {
    assert.equal(mobilePrefix("13800138000"), "1380013");
    assert.equal(mobilePrefix("+86 139 5712 3456"), "1395712");
  });

  test("returns null for landlines and invalid numbers", () => {
    assert.equal(mobilePrefix("0571-88888888"), null);
    assert.equal(mobilePrefix("138001380001"), null);
    assert.equal(mobilePrefix(""), null);
  });
});
