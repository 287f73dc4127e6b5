import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { AppError, type ErrorCode } from "../src/errors.ts";
import { builtinCalendar } from "../src/calendar/builtin.ts";
import {
  WorkdayCalendar,
  chinaDate,
  chinaStartOfDay,
  isCalendarDate,
  type WorkdayCalendarData,
} from "../src/calendar/workdays.ts";

const cal = builtinCalendar;
const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}
function dateOf(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}
function shift(date: string, days: number): string {
  return dateOf(dayNumber(date) + days);
}

function expectError(fn: () => unknown, code: ErrorCode, details?: unknown): AppError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (details !== undefined) assert.deepEqual(error.details, details);
    return error;
  }
  assert.fail(`expected ${code}`);
}

describe("builtin calendar: the fact base §11 tables", () => {
  const table: Record<number, { holidays: [string, string][]; workdays: string[] }> = {
    2025: {
      holidays: [
        ["2025-01-01", "2025-01-01"],
        ["2025-01-28", "2025-02-04"],
        ["2025-04-04", "2025-04-06"],
        ["2025-05-01", "2025-05-05"],
        ["2025-05-31", "2025-06-02"],
        ["2025-10-01", "2025-10-08"],
      ],
      workdays: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
    },
    2026: {
      holidays: [
        ["2026-01-01", "2026-01-03"],
        ["2026-02-15", "2026-02-23"],
        ["2026-04-04", "2026-04-06"],
        ["2026-05-01", "2026-05-05"],
        ["2026-06-19", "2026-06-21"],
        ["2026-09-25", "2026-09-27"],
        ["2026-10-01", "2026-10-07"],
      ],
      workdays: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
    },
  };

  test("covers exactly 2025 and 2026", () => {
    assert.deepEqual(cal.years, [2025, 2026]);
    assert.equal(cal.covers(2027), false);
  });

  test("lists exactly the notices' holidays and make-up working days", () => {
    const expected: Record<string, string> = {};
    for (const { holidays, workdays } of Object.values(table)) {
      for (const [from, to] of holidays) {
        for (let d = dayNumber(from); d <= dayNumber(to); d += 1) expected[dateOf(d)] = "holiday";
      }
      for (const date of workdays) expected[date] = "workday";
    }
    const actual = Object.fromEntries(Object.entries(cal.toData().days).map(([date, e]) => [date, e.kind]));
    assert.deepEqual(actual, expected);
    // 13 statutory days since 2025 plus bridging days: 28 days off in 2025, 33 in 2026.
    assert.equal(
      Object.keys(actual).filter((d) => d.startsWith("2025") && actual[d] === "holiday").length,
      28,
    );
    assert.equal(
      Object.keys(actual).filter((d) => d.startsWith("2026") && actual[d] === "holiday").length,
      33,
    );
  });

  test("every make-up working day is a weekend day; every entry has a name", () => {
    for (const [date, entry] of Object.entries(cal.toData().days)) {
      assert.ok(entry.name, date);
      if (entry.kind === "workday")
        assert.ok([0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay()), date);
    }
    assert.equal(cal.dayInfo("2026-02-17").name, "春节");
    assert.deepEqual(cal.dayInfo("2026-02-14"), {
      date: "2026-02-14",
      workday: true,
      kind: "workday",
      name: "春节",
    });
    assert.deepEqual(cal.dayInfo("2026-03-03"), { date: "2026-03-03", workday: true });
  });

  test("working days per year (weekdays − weekday holidays + make-up days)", () => {
    // 2025: 261 weekdays − 18 + 5; 2026: 261 weekdays − 19 + 6. Jan 1 is a holiday both years.
    assert.equal(cal.workdaysBetween("2025-01-01", "2025-12-31"), 248);
    assert.equal(cal.workdaysBetween("2026-01-01", "2026-12-31"), 248);
  });
});

describe("isWorkday", () => {
  const cases: [string, boolean, string][] = [
    ["2026-02-13", true, "Friday before Spring Festival"],
    ["2026-02-14", true, "Saturday make-up working day"],
    ["2026-02-15", false, "Spring Festival, Sunday"],
    ["2026-02-16", false, "Spring Festival, Monday"],
    ["2026-02-20", false, "Spring Festival, Friday"],
    ["2026-02-23", false, "Spring Festival, last day (Monday)"],
    ["2026-02-24", true, "first day back"],
    ["2026-02-28", true, "Saturday make-up working day"],
    ["2026-03-01", false, "ordinary Sunday"],
    ["2026-03-02", true, "ordinary Monday"],
    ["2026-03-07", false, "ordinary Saturday"],
    ["2026-01-01", false, "New Year"],
    ["2026-01-04", true, "Sunday make-up working day"],
    ["2026-09-20", true, "Sunday make-up working day (Mid-autumn)"],
    ["2026-09-25", false, "Mid-autumn"],
    ["2026-10-07", false, "National Day, last day"],
    ["2026-10-08", true, "Thursday after National Day"],
    ["2026-10-10", true, "Saturday make-up working day"],
    ["2026-10-11", false, "ordinary Sunday"],
    ["2025-01-26", true, "Sunday make-up working day"],
    ["2025-02-04", false, "Spring Festival 2025, last day"],
    ["2025-02-08", true, "Saturday make-up working day"],
    ["2025-04-27", true, "Sunday make-up working day"],
    ["2025-09-28", true, "Sunday make-up working day"],
    ["2025-10-08", false, "National Day + Mid-autumn 2025, last day"],
    ["2025-10-09", true, "Thursday after National Day"],
    ["2025-10-11", true, "Saturday make-up working day"],
    ["2025-12-31", true, "ordinary Wednesday"],
  ];
  for (const [date, expected, label] of cases) {
    test(`${date} ${label} → ${expected}`, () => assert.equal(cal.isWorkday(date), expected));
  }
});

describe("addWorkdays", () => {
  const cases: [string, number, string, string][] = [
    ["2026-02-13", 0, "2026-02-13", "n = 0 returns the start date"],
    ["2026-02-15", 0, "2026-02-15", "n = 0 returns the start date, even on a holiday"],
    ["2026-02-13", 1, "2026-02-14", "Friday +1 → the Saturday make-up working day"],
    ["2026-02-13", 2, "2026-02-24", "+2 jumps the whole Spring Festival"],
    ["2026-02-14", 1, "2026-02-24", "from the make-up day across the holiday"],
    ["2026-02-18", 1, "2026-02-24", "from inside the holiday"],
    ["2026-02-24", 4, "2026-02-28", "the second make-up Saturday counts"],
    ["2026-02-24", 5, "2026-03-02", "then the ordinary weekend does not"],
    ["2026-09-30", 1, "2026-10-08", "across National Day 2026"],
    ["2026-09-30", 3, "2026-10-10", "Saturday make-up working day"],
    ["2026-09-30", 4, "2026-10-12", "ordinary Sunday skipped"],
    ["2026-09-18", 20, "2026-10-22", "20 working days over Mid-autumn and National Day"],
    ["2025-09-26", 1, "2025-09-28", "Friday +1 → the Sunday make-up working day"],
    ["2025-09-26", 4, "2025-10-09", "across National Day + Mid-autumn 2025"],
    ["2025-09-26", 6, "2025-10-11", "Saturday make-up working day"],
    ["2025-09-26", 7, "2025-10-13", "ordinary Sunday skipped"],
    ["2026-03-06", 1, "2026-03-09", "ordinary weekend"],
    ["2026-03-07", 1, "2026-03-09", "from a Saturday"],
    ["2026-03-08", 1, "2026-03-09", "from a Sunday"],
    ["2026-03-09", 5, "2026-03-16", "a plain week"],
    ["2025-12-31", 1, "2026-01-04", "across the year boundary and New Year"],
    ["2026-12-30", 1, "2026-12-31", "last covered day"],
  ];
  for (const [start, n, expected, label] of cases) {
    test(`${start} + ${n} → ${expected} (${label})`, () => {
      assert.equal(cal.addWorkdays(start, n), expected);
      assert.equal(cal.workdaysBetween(start, expected), n);
    });
  }

  test("nextWorkday is the first working day strictly after the date", () => {
    assert.equal(cal.nextWorkday("2026-02-13"), "2026-02-14");
    assert.equal(cal.nextWorkday("2026-02-14"), "2026-02-24");
    assert.equal(cal.nextWorkday("2026-03-02"), "2026-03-03");
  });

  test("refuses a negative or fractional count", () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expectError(() => cal.addWorkdays("2026-03-02", n), "VALIDATION_FAILED");
    }
  });
});

describe("workdaysBetween", () => {
  const cases: [string, string, number][] = [
    ["2026-02-13", "2026-02-24", 2],
    ["2026-02-13", "2026-02-14", 1],
    ["2026-02-14", "2026-02-23", 0],
    ["2026-02-15", "2026-02-24", 1],
    ["2026-03-02", "2026-03-02", 0],
    ["2026-03-06", "2026-03-08", 0],
    ["2026-03-06", "2026-03-09", 1],
    ["2026-09-30", "2026-10-10", 3],
    ["2026-02-24", "2026-02-13", 0],
    ["2026-12-31", "2025-01-01", 0],
  ];
  for (const [from, to, expected] of cases) {
    test(`(${from}, ${to}] has ${expected}`, () => assert.equal(cal.workdaysBetween(from, to), expected));
  }
});

describe("years without data and malformed dates", () => {
  test("a date in 2027 or 2024 is never guessed", () => {
    expectError(() => cal.isWorkday("2027-01-04"), "CALENDAR_NO_DATA", { year: 2027 });
    expectError(() => cal.isWorkday("2024-12-31"), "CALENDAR_NO_DATA", { year: 2024 });
    expectError(() => cal.addWorkdays("2024-12-31", 0), "CALENDAR_NO_DATA", { year: 2024 });
    expectError(() => cal.addWorkdays("2024-12-31", 1), "CALENDAR_NO_DATA", { year: 2024 });
    expectError(() => cal.addWorkdays("2026-12-31", 1), "CALENDAR_NO_DATA", { year: 2027 });
    expectError(() => cal.addWorkdays("2026-12-01", 30), "CALENDAR_NO_DATA", { year: 2027 });
    expectError(() => cal.workdaysBetween("2026-12-01", "2027-01-10"), "CALENDAR_NO_DATA", { year: 2027 });
    expectError(() => cal.workdaysBetween("2024-12-01", "2025-01-10"), "CALENDAR_NO_DATA", { year: 2024 });
    expectError(() => cal.workdaysBetween("2027-01-10", "2026-01-10"), "CALENDAR_NO_DATA", { year: 2027 });
    expectError(() => cal.nextWorkday("2026-12-31"), "CALENDAR_NO_DATA", { year: 2027 });
    const error = expectError(() => cal.isWorkday("2027-06-01"), "CALENDAR_NO_DATA");
    assert.equal(error.status, 422);
    assert.equal(error.localized.zh, "该年份没有工作日历数据，无法计算期限");
  });

  test("malformed dates are VALIDATION_FAILED", () => {
    const bad: unknown[] = [
      "",
      "2026-2-3",
      "2026-02-30",
      "2025-02-29",
      "2026-13-01",
      "2026-00-10",
      "2026/02/03",
      "20260203",
      "2026-02-03T00:00:00Z",
      " 2026-02-03",
      "０２０２６-02-03",
      null,
      20260203,
    ];
    for (const date of bad) {
      expectError(() => cal.isWorkday(date as string), "VALIDATION_FAILED");
      expectError(() => cal.addWorkdays(date as string, 1), "VALIDATION_FAILED");
      expectError(() => cal.workdaysBetween("2026-03-02", date as string), "VALIDATION_FAILED");
      expectError(() => chinaStartOfDay(date as string), "VALIDATION_FAILED");
      assert.equal(isCalendarDate(date), false, String(date));
    }
    assert.equal(isCalendarDate("2024-02-29"), true);
  });

  test("calendar data must be consistent", () => {
    expectError(
      () => new WorkdayCalendar({ years: [2026], days: { "2027-01-01": { kind: "holiday" } } }),
      "VALIDATION_FAILED",
    );
    expectError(
      () => new WorkdayCalendar({ years: [2026], days: { "2026-1-1": { kind: "holiday" } } }),
      "VALIDATION_FAILED",
    );
    expectError(
      () => new WorkdayCalendar({ years: [2026], days: { "2026-01-01": { kind: "off" as "holiday" } } }),
      "VALIDATION_FAILED",
    );
    expectError(() => new WorkdayCalendar({ years: [2026.5], days: {} }), "VALIDATION_FAILED");
  });

  test("a calendar built from other data follows it (a year is only as good as its data)", () => {
    const data: WorkdayCalendarData = {
      years: [2027],
      days: { "2027-01-01": { kind: "holiday", name: "元旦" }, "2027-01-09": { kind: "workday" } },
    };
    const custom = new WorkdayCalendar(data);
    assert.equal(custom.isWorkday("2027-01-01"), false);
    assert.equal(custom.isWorkday("2027-01-09"), true);
    assert.equal(custom.addWorkdays("2027-01-01", 1), "2027-01-04");
    assert.deepEqual(custom.toData(), data);
    expectError(() => custom.isWorkday("2026-03-02"), "CALENDAR_NO_DATA", { year: 2026 });
  });
});

describe("China dates", () => {
  test("chinaDate converts an instant to the Asia/Shanghai date (UTC+8)", () => {
    assert.equal(chinaDate(new Date("2026-02-13T15:59:59.999Z")), "2026-02-13");
    assert.equal(chinaDate(new Date("2026-02-13T16:00:00.000Z")), "2026-02-14");
    assert.equal(chinaDate(new Date("2026-03-02T01:00:00.000Z")), "2026-03-02");
    assert.equal(chinaDate(new Date("2026-12-31T23:00:00.000Z")), "2027-01-01");
    expectError(() => chinaDate(new Date("nonsense")), "VALIDATION_FAILED");
  });

  test("chinaStartOfDay is 00:00 in China", () => {
    assert.equal(chinaStartOfDay("2026-02-14").toISOString(), "2026-02-13T16:00:00.000Z");
    assert.equal(chinaStartOfDay("2025-01-01").toISOString(), "2024-12-31T16:00:00.000Z");
  });

  test("chinaDate(chinaStartOfDay(d)) === d, and the day lasts 24 hours", () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber("1990-01-01"), max: dayNumber("2100-12-31") }), (n) => {
        const date = dateOf(n);
        const start = chinaStartOfDay(date);
        assert.equal(chinaDate(start), date);
        assert.equal(chinaDate(new Date(start.getTime() - 1)), dateOf(n - 1));
        assert.equal(chinaDate(new Date(start.getTime() + DAY_MS - 1)), date);
      }),
    );
  });
});

describe("properties over 2025–2026", () => {
  const FIRST = dayNumber("2025-01-01");
  const LAST = dayNumber("2026-12-31");
  // Starting no later than 2026-08-31, 60 working days stay inside 2026.
  const start = fc.integer({ min: FIRST, max: dayNumber("2026-08-31") }).map(dateOf);
  const anyDate = fc.integer({ min: FIRST, max: LAST }).map(dateOf);
  const count = fc.integer({ min: 1, max: 60 });

  test("workdaysBetween(s, addWorkdays(s, n)) === n, and the result is a working day", () => {
    fc.assert(
      fc.property(start, count, (s, n) => {
        const end = cal.addWorkdays(s, n);
        assert.ok(end > s);
        assert.equal(cal.isWorkday(end), true);
        assert.equal(cal.workdaysBetween(s, end), n);
        // The first date that reaches n: the day before it has one working day fewer.
        assert.equal(cal.workdaysBetween(s, shift(end, -1)), n - 1);
      }),
      { numRuns: 500 },
    );
  });

  test("addWorkdays(s, n + 1) is nextWorkday(addWorkdays(s, n))", () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 0, max: 59 }), (s, n) => {
        assert.equal(cal.addWorkdays(s, n + 1), cal.nextWorkday(cal.addWorkdays(s, n)));
      }),
    );
  });

  test("near the end of 2026: a result or CALENDAR_NO_DATA for 2027, never a guess", () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber("2026-10-01"), max: LAST }).map(dateOf), count, (s, n) => {
        const available = cal.workdaysBetween(s, "2026-12-31");
        if (n <= available) {
          assert.equal(cal.workdaysBetween(s, cal.addWorkdays(s, n)), n);
        } else {
          expectError(() => cal.addWorkdays(s, n), "CALENDAR_NO_DATA", { year: 2027 });
        }
      }),
    );
  });

  test("workdaysBetween is additive, zero one way round, and counts isWorkday", () => {
    fc.assert(
      fc.property(anyDate, anyDate, anyDate, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort();
        assert.equal(cal.workdaysBetween(a!, c!), cal.workdaysBetween(a!, b!) + cal.workdaysBetween(b!, c!));
        assert.equal(Math.min(cal.workdaysBetween(x, y), cal.workdaysBetween(y, x)), 0);
        let brute = 0;
        for (let d = dayNumber(a!) + 1; d <= dayNumber(b!); d += 1) if (cal.isWorkday(dateOf(d))) brute += 1;
        assert.equal(cal.workdaysBetween(a!, b!), brute);
      }),
      { numRuns: 200 },
    );
  });

  test("isWorkday follows the rule: Mon–Fri not off, or a listed make-up day", () => {
    const days = cal.toData().days;
    for (let d = FIRST; d <= LAST; d += 1) {
      const date = dateOf(d);
      const dow = new Date(d * DAY_MS).getUTCDay();
      const entry = days[date];
      const expected = entry ? entry.kind === "workday" : dow >= 1 && dow <= 5;
      assert.equal(cal.isWorkday(date), expected, date);
    }
  });

  test("dates in 2024 or 2027 throw CALENDAR_NO_DATA", () => {
    const outside = fc.oneof(
      fc.integer({ min: dayNumber("2024-01-01"), max: dayNumber("2024-12-31") }),
      fc.integer({ min: dayNumber("2027-01-01"), max: dayNumber("2027-12-31") }),
    );
    fc.assert(
      fc.property(outside.map(dateOf), fc.integer({ min: 0, max: 60 }), (date, n) => {
        const year = Number(date.slice(0, 4));
        expectError(() => cal.isWorkday(date), "CALENDAR_NO_DATA", { year });
        expectError(() => cal.addWorkdays(date, n), "CALENDAR_NO_DATA", { year });
        expectError(() => cal.nextWorkday(date), "CALENDAR_NO_DATA", { year });
      }),
    );
  });
});
