import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { PROVINCES } from "../src/data/provinces.ts";
import { USCC_ALPHABET, checkUscc, makeUscc, usccCheckCharacter } from "../src/validators/uscc.ts";

// Fact base §4.3 [STD-USCC]: GB 32100-2015.

const HANGZHOU = makeUscc("91330106MA2AB3CD4"); // enterprise, Hangzhou Xihu district
const BEIJING = makeUscc("91110108MA01XYW12"); // enterprise, Beijing Haidian
const CHENGDU = makeUscc("52510104MJ0123456"); // social organisation, Chengdu Jinjiang
const SHENZHEN = makeUscc("92440300L12345678"); // individual business, Shenzhen

describe("checkUscc (§4.3 [STD-USCC])", () => {
  const cases: { name: string; input: string; ok: boolean; problem?: string; normalized?: string }[] = [
    { name: "python-stdnum's example 91110000600037341L", input: "91110000600037341L", ok: true },
    { name: "generated Hangzhou code", input: HANGZHOU, ok: true },
    { name: "generated Beijing code", input: BEIJING, ok: true },
    { name: "generated Chengdu social organisation", input: CHENGDU, ok: true },
    { name: "generated Shenzhen individual business", input: SHENZHEN, ok: true },
    {
      name: "lower case and surrounding space are normalised",
      input: ` ${"91110000600037341l"} `,
      ok: true,
      normalized: "91110000600037341L",
    },
    { name: "national-level division 100000 (our choice)", input: makeUscc("11100000000013127"), ok: true },
    { name: "17 characters", input: "91110000600037341", ok: false, problem: "format" },
    { name: "19 characters", input: "91110000600037341L0", ok: false, problem: "format" },
    { name: "empty", input: "", ok: false, problem: "format" },
    { name: "a space inside (18 characters)", input: "9111000 600037341L", ok: false, problem: "charset" },
    { name: "letter I is not in the alphabet", input: "9111000060003734IL", ok: false, problem: "charset" },
    { name: "letter O is not in the alphabet", input: "91110000600037341O", ok: false, problem: "charset" },
    {
      name: "letters S V Z are not in the alphabet",
      input: "9111000060003SVZ1L",
      ok: false,
      problem: "charset",
    },
    { name: "a letter in characters 1–8", input: "A1110000600037341L", ok: false, problem: "format" },
    { name: "a letter in the division code", input: "911100A0600037341L", ok: false, problem: "format" },
    {
      name: "division 990000 names no province",
      input: makeUscc("91990000600037341"),
      ok: false,
      problem: "region",
    },
    {
      name: "division 810000 (Hong Kong) is not mainland",
      input: makeUscc("91810000600037341"),
      ok: false,
      problem: "region",
    },
    { name: "wrong check character", input: "91110000600037341M", ok: false, problem: "checksum" },
    { name: "two digits swapped", input: "91110000600073341L", ok: false, problem: "checksum" },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const result = checkUscc(c.input);
      assert.equal(result.ok, c.ok, JSON.stringify(result));
      assert.equal(result.problem, c.problem);
      if (c.normalized) assert.equal(result.normalized, c.normalized);
    });
  }
});

describe("makeUscc / usccCheckCharacter", () => {
  test("appends the check character computed with weights 3^i mod 31", () => {
    assert.equal(makeUscc("91110000600037341"), "91110000600037341L");
    assert.equal(usccCheckCharacter("91110000600037341"), "L");
  });

  test("refuses inputs that are not 17 alphabet characters", () => {
    assert.throws(() => makeUscc("9111000060003734"));
    assert.throws(() => makeUscc("9111000060003734I"));
  });
});

describe("USCC properties (§4.3)", () => {
  const alphabetChar = fc.constantFrom(...USCC_ALPHABET);
  const digit = fc.constantFrom(..."0123456789");
  const first17 = fc
    .tuple(
      fc.array(digit, { minLength: 2, maxLength: 2 }),
      fc.constantFrom(...PROVINCES.map((province) => province.code)),
      fc.array(digit, { minLength: 4, maxLength: 4 }),
      fc.array(alphabetChar, { minLength: 9, maxLength: 9 }),
    )
    .map(([head, province, rest, org]) => `${head.join("")}${province}${rest.join("")}${org.join("")}`);

  test("a valid prefix plus its check character is valid", () => {
    fc.assert(
      fc.property(first17, (prefix) => {
        const code = makeUscc(prefix);
        assert.equal(code.length, 18);
        assert.deepEqual(checkUscc(code), { ok: true, normalized: code });
      }),
      { numRuns: 500 },
    );
  });

  test("changing any one character to another alphabet character makes it invalid", () => {
    fc.assert(
      fc.property(
        first17,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 30 }),
        (prefix, position, shift) => {
          const code = makeUscc(prefix);
          const old = USCC_ALPHABET.indexOf(code[position] ?? "");
          const replacement = USCC_ALPHABET[(old + shift) % 31] ?? "";
          assert.notEqual(replacement, code[position]);
          const changed = code.slice(0, position) + replacement + code.slice(position + 1);
          assert.equal(checkUscc(changed).ok, false, `${code} → ${changed}`);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
