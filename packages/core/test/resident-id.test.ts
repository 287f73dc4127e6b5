import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { checkResidentId, makeResidentId, residentIdCheckCharacter } from "../src/validators/resident-id.ts";

const TODAY = new Date("2026-03-02T01:00:00.000Z");
const VALID = makeResidentId("330106", "1990-03-07", "123");

/** Tries sequences until the check character comes out as X. */
function idEndingInX(): string {
  for (let sequence = 0; sequence < 1000; sequence++) {
    const id = makeResidentId("330106", "1990-03-07", String(sequence).padStart(3, "0"));
    if (id.endsWith("X")) return id;
  }
  throw new Error("no sequence gives the check character X");
}

/** Replaces the check character with a different valid-looking one. */
function withWrongCheck(id: string): string {
  const right = id.slice(-1);
  const wrong = "0123456789X".split("").find((candidate) => candidate !== right) as string;
  return id.slice(0, 17) + wrong;
}

describe("makeResidentId / residentIdCheckCharacter", () => {
  test("builds an 18-character number from area, birth date and sequence", () => {
    assert.equal(VALID.length, 18);
    assert.ok(VALID.startsWith("33010619900307123"));
  });

  test("agrees with the GB 11643 worked example 11010519491231002X", () => {
    assert.equal(residentIdCheckCharacter("11010519491231002"), "X");
    assert.equal(checkResidentId("11010519491231002X", TODAY).ok, true);
  });
});

describe("checkResidentId", () => {
  test("accepts a valid number and reports its birth date", () => {
    assert.deepEqual(checkResidentId(VALID, TODAY), { ok: true, normalized: VALID, birthDate: "1990-03-07" });
  });

  test("trims surrounding spaces", () => {
    const result = checkResidentId(`  ${VALID}\n`, TODAY);
    assert.equal(result.ok, true);
    assert.equal(result.normalized, VALID);
  });

  test("normalises a lowercase x check character to X", () => {
    const id = idEndingInX();
    const lower = id.slice(0, 17) + "x";
    const result = checkResidentId(lower, TODAY);
    assert.equal(result.ok, true);
    assert.equal(result.normalized, id);
    assert.ok(result.normalized.endsWith("X"));
  });

  test("rejects a wrong check character", () => {
    const result = checkResidentId(withWrongCheck(VALID), TODAY);
    assert.equal(result.ok, false);
    assert.equal(result.problem, "checksum");
    assert.equal(result.birthDate, "1990-03-07");
  });

  test("rejects X where a digit is expected, and a digit where X is expected", () => {
    assert.equal(checkResidentId(VALID.slice(0, 17) + "X", TODAY).problem, "checksum");
    assert.equal(checkResidentId(idEndingInX().slice(0, 17) + "0", TODAY).problem, "checksum");
  });

  test("rejects an impossible birth date such as 1990-02-30", () => {
    // The check character is correct, so only the date is wrong.
    const id = makeResidentId("330106", "1990-02-30", "123");
    assert.ok(id.includes("19900230"));
    const result = checkResidentId(id, TODAY);
    assert.equal(result.ok, false);
    assert.equal(result.problem, "birth_date");
  });

  test("rejects other impossible dates: month 13, day 00, 1899, 29 February of a common year", () => {
    for (const birth of ["1990-13-01", "1990-01-00", "1899-12-31", "2023-02-29"]) {
      assert.equal(
        checkResidentId(makeResidentId("330106", birth, "123"), TODAY).problem,
        "birth_date",
        birth,
      );
    }
    assert.equal(checkResidentId(makeResidentId("330106", "2024-02-29", "123"), TODAY).ok, true);
  });

  test("rejects a birth date after `today`", () => {
    const tomorrow = makeResidentId("330106", "2026-03-03", "123");
    const result = checkResidentId(tomorrow, TODAY);
    assert.equal(result.ok, false);
    assert.equal(result.problem, "future_birth_date");
    assert.equal(result.birthDate, "2026-03-03");
    assert.equal(checkResidentId(makeResidentId("330106", "2026-03-02", "123"), TODAY).ok, true);
  });

  test("judges the future against the `today` passed in, not the system clock", () => {
    assert.equal(checkResidentId(VALID, new Date("1985-01-01T00:00:00Z")).problem, "future_birth_date");
    assert.equal(checkResidentId(VALID, new Date("1990-03-07T12:00:00Z")).ok, true);
  });

  test("rejects an unknown area code", () => {
    for (const area of ["990106", "000000", "190000", "700000"]) {
      const result = checkResidentId(makeResidentId(area, "1990-03-07", "123"), TODAY);
      assert.equal(result.ok, false, area);
      assert.equal(result.problem, "area", area);
    }
  });

  test("rejects wrong lengths and stray characters as format problems", () => {
    for (const input of [
      "",
      VALID.slice(0, 17),
      `${VALID}0`,
      "330106900307123", // the old 15-digit form
      `${VALID.slice(0, 8)}A${VALID.slice(9)}`,
      `${VALID.slice(0, 9)} ${VALID.slice(9)}`,
      `X${VALID.slice(1)}`,
      "３３０１０６１９９００３０７１２３６", // full-width digits
    ]) {
      const result = checkResidentId(input, TODAY);
      assert.equal(result.ok, false, input);
      assert.equal(result.problem, "format", input);
    }
  });

  test("property: every generated number is valid; changing one character breaks it", () => {
    const digits = (length: number) =>
      fc
        .array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length })
        .map((d) => d.join(""));
    const birth = fc
      .date({
        min: new Date("1900-01-01T00:00:00Z"),
        max: new Date("2026-03-01T00:00:00Z"),
        noInvalidDate: true,
      })
      .map((date) => date.toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.constantFrom("110105", "330106", "440305", "510107", "650102"),
        birth,
        digits(3),
        fc.integer({ min: 14, max: 17 }),
        fc.integer({ min: 1, max: 10 }),
        (area, date, sequence, position, delta) => {
          const id = makeResidentId(area, date, sequence);
          assert.equal(checkResidentId(id, TODAY).ok, true, id);
          assert.equal(checkResidentId(id.toLowerCase(), TODAY).ok, true, id);
          // MOD 11-2 catches every single-character change of the sequence or the check character.
          const chars = "0123456789X";
          const original = id[position] as string;
          const replaced = chars[(chars.indexOf(original) + delta) % 11] as string;
          if (position < 17 && replaced === "X") return;
          const altered = id.slice(0, position) + replaced + id.slice(position + 1);
          assert.equal(checkResidentId(altered, TODAY).problem, "checksum", altered);
        },
      ),
      { numRuns: 300 },
    );
  });
});
