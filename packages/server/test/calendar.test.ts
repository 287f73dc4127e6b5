import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { AppError, type ErrorCode } from "@openbeian/core";
import { builtinCalendar } from "@openbeian/core";
import { runWorkdaysCommand } from "../src/calendar/commands.ts";
import { chineseDaysData, CHINESE_DAYS_SOURCE, importChineseDays } from "../src/calendar/import.ts";
import {
  deleteCalendarDay,
  listCalendarDays,
  loadCalendar,
  setCalendarDay,
} from "../src/calendar/repository.ts";
import type { Db } from "../src/platform/db.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";

const DAY_MS = 86_400_000;
const T0 = Date.parse("2026-03-02T01:00:00.000Z");

function datesOf(year: number): string[] {
  const dates: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t <= Date.UTC(year, 11, 31); t += DAY_MS) {
    dates.push(new Date(t).toISOString().slice(0, 10));
  }
  return dates;
}

async function expectCode(promise: Promise<unknown> | (() => unknown), code: ErrorCode, details?: unknown) {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, code);
    if (details !== undefined) assert.deepEqual(error.details, details);
    return;
  }
  assert.fail(`expected ${code}`);
}

/** kind by date for the given years. */
function kinds(days: Record<string, { kind: string }>, years: number[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(days)
      .filter(([date]) => years.includes(Number(date.slice(0, 4))))
      .map(([date, entry]) => [date, entry.kind]),
  );
}

describe("chinese-days 1.5.7 against the fact base §11", () => {
  const data = chineseDaysData();
  const byDate = Object.fromEntries(data.days.map((day) => [day.date, day]));

  test("source and coverage: 2004 through 2026, nothing for 2027", () => {
    assert.equal(CHINESE_DAYS_SOURCE, "chinese-days@1.5.7");
    assert.deepEqual(
      data.years,
      Array.from({ length: 23 }, (_, i) => 2004 + i),
    );
    assert.equal(
      data.days.some((day) => day.date >= "2027"),
      false,
    );
  });

  test("2025 and 2026 holidays and make-up working days equal the builtin (fact base) tables", () => {
    const fromPackage = Object.fromEntries(data.days.map((day) => [day.date, day]));
    assert.deepEqual(kinds(fromPackage, [2025, 2026]), kinds(builtinCalendar.toData().days, [2025, 2026]));
  });

  test("the cases named in the fact base", () => {
    const kindOf = (date: string) => byDate[date]?.kind;
    for (const date of datesOf(2026).filter((d) => d >= "2026-02-15" && d <= "2026-02-23")) {
      assert.equal(kindOf(date), "holiday", date);
    }
    assert.equal(kindOf("2026-02-14"), "workday");
    assert.equal(kindOf("2026-02-28"), "workday");
    assert.equal(kindOf("2026-02-24"), undefined);
    for (const date of datesOf(2026).filter((d) => d >= "2026-10-01" && d <= "2026-10-07")) {
      assert.equal(kindOf(date), "holiday", date);
    }
    assert.equal(kindOf("2026-10-08"), undefined);
    assert.equal(kindOf("2026-10-10"), "workday");
    for (const date of datesOf(2025).filter((d) => d >= "2025-10-01" && d <= "2025-10-08")) {
      assert.equal(kindOf(date), "holiday", date);
    }
    assert.equal(kindOf("2025-09-28"), "workday");
    assert.equal(kindOf("2025-10-11"), "workday");
  });

  test("names differ from the builtin only in labels (dates and kinds agree)", () => {
    // The package uses short names (清明, 端午, 国庆节) and labels 2025-10-06 as 中秋 inside
    // the combined 2025 国庆节、中秋节 break; the builtin follows the notices' headings.
    assert.equal(byDate["2026-02-16"]?.name, "春节");
    assert.equal(byDate["2026-04-05"]?.name, "清明");
    assert.equal(byDate["2025-10-06"]?.name, "中秋");
    assert.equal(builtinCalendar.dayInfo("2025-10-06").name, "国庆节、中秋节");
    // 2026-09-20: both file it under National Day, as the State Council notice does.
    assert.equal(byDate["2026-09-20"]?.name, "国庆节");
    assert.equal(builtinCalendar.dayInfo("2026-09-20").name, "国庆节");
  });
});

for (const engine of engines()) {
  describe(`working-day calendar in the database (${engine})`, () => {
    let platform: TestPlatform;
    let db: Db;
    const imported = chineseDaysData();

    before(async () => {
      platform = await startTestPlatform(engine);
      db = platform.ctx.db;
    });
    after(() => platform.close());
    beforeEach(async () => {
      await db.deleteFrom("calendar_day").execute();
      await db.deleteFrom("calendar_year").execute();
    });

    const snapshot = async () => ({
      days: await db.selectFrom("calendar_day").selectAll().orderBy("date").execute(),
      years: await db.selectFrom("calendar_year").selectAll().orderBy("year").execute(),
    });

    test("an empty calendar knows no year and never guesses", async () => {
      const calendar = await loadCalendar(db);
      assert.deepEqual(calendar.years, []);
      await expectCode(() => calendar.isWorkday("2026-03-02"), "CALENDAR_NO_DATA", { year: 2026 });
    });

    test("import writes every entry and a year row per covered year", async () => {
      const result = await importChineseDays(db, T0);
      assert.equal(result.source, "chinese-days@1.5.7");
      assert.equal(result.inserted, imported.days.length);
      assert.deepEqual([result.updated, result.unchanged, result.removed, result.keptAdmin], [0, 0, 0, []]);
      assert.equal(result.yearsWritten, 23);
      const { days, years } = await snapshot();
      assert.equal(days.length, imported.days.length);
      assert.ok(days.every((row) => row.source === "chinese-days@1.5.7" && row.updated_at === T0));
      assert.deepEqual(
        years.map((row) => [Number(row.year), row.source, Number(row.imported_at)]),
        imported.years.map((year) => [year, "chinese-days@1.5.7", T0]),
      );
      assert.deepEqual(
        await db.selectFrom("calendar_day").selectAll().where("date", "=", "2026-02-14").execute(),
        [
          {
            date: "2026-02-14",
            kind: "workday",
            name: "春节",
            source: "chinese-days@1.5.7",
            updated_at: T0,
            updated_by: null,
          },
        ],
      );
    });

    test("importing twice is idempotent: the second run changes nothing", async () => {
      await importChineseDays(db, T0);
      const first = await snapshot();
      const again = await importChineseDays(db, T0 + DAY_MS);
      assert.deepEqual([again.inserted, again.updated, again.removed, again.yearsWritten], [0, 0, 0, 0]);
      assert.equal(again.unchanged, imported.days.length);
      assert.deepEqual(await snapshot(), first);
    });

    test("two imports at the same time end in the same table", async () => {
      await Promise.all([importChineseDays(db, T0), importChineseDays(db, T0)]);
      const both = await snapshot();
      await db.deleteFrom("calendar_day").execute();
      await db.deleteFrom("calendar_year").execute();
      await importChineseDays(db, T0);
      assert.deepEqual(both, await snapshot());
    });

    test("the loaded calendar answers as the builtin one for 2025–2026", async () => {
      await importChineseDays(db, T0);
      const calendar = await loadCalendar(db);
      assert.deepEqual(calendar.years, imported.years);
      for (const date of [...datesOf(2025), ...datesOf(2026)]) {
        assert.equal(calendar.isWorkday(date), builtinCalendar.isWorkday(date), date);
      }
      for (const [start, n] of [
        ["2026-02-13", 1],
        ["2026-02-13", 2],
        ["2026-09-18", 20],
        ["2025-09-26", 7],
        ["2025-01-02", 60],
        ["2026-06-01", 60],
      ] as const) {
        assert.equal(calendar.addWorkdays(start, n), builtinCalendar.addWorkdays(start, n), `${start}+${n}`);
      }
      assert.equal(calendar.addWorkdays("2026-02-13", 2), "2026-02-24");
      assert.equal(
        calendar.workdaysBetween("2025-01-01", "2026-12-31"),
        builtinCalendar.workdaysBetween("2025-01-01", "2026-12-31"),
      );
      // Older years come from the package; 2027 does not exist anywhere yet.
      assert.equal(calendar.isWorkday("2024-02-04"), true); // Sunday make-up day for Spring Festival 2024
      await expectCode(() => calendar.addWorkdays("2026-12-31", 1), "CALENDAR_NO_DATA", { year: 2027 });
    });

    test("an admin's edit wins and survives every re-import", async () => {
      await importChineseDays(db, T0);
      // Override an imported date, and add one the package does not list.
      await setCalendarDay(db, { date: "2026-02-14", kind: "holiday", name: "测试", by: "user-1" }, T0 + 1);
      await setCalendarDay(db, { date: "2026-03-03", kind: "holiday", name: "  ", by: "user-1" }, T0 + 2);
      let calendar = await loadCalendar(db);
      assert.equal(calendar.isWorkday("2026-02-14"), false);
      assert.equal(calendar.isWorkday("2026-03-03"), false);
      assert.equal(calendar.addWorkdays("2026-02-13", 1), "2026-02-24");

      const again = await importChineseDays(db, T0 + DAY_MS);
      assert.deepEqual(again.keptAdmin, ["2026-02-14"]);
      assert.deepEqual([again.inserted, again.updated, again.removed], [0, 0, 0]);
      const rows = await listCalendarDays(db, 2026);
      assert.deepEqual(
        rows.filter((row) => row.source === "admin"),
        [
          {
            date: "2026-02-14",
            kind: "holiday",
            name: "测试",
            source: "admin",
            updatedAt: T0 + 1,
            updatedBy: "user-1",
          },
          {
            date: "2026-03-03",
            kind: "holiday",
            name: null,
            source: "admin",
            updatedAt: T0 + 2,
            updatedBy: "user-1",
          },
        ],
      );
      calendar = await loadCalendar(db);
      assert.equal(calendar.isWorkday("2026-02-14"), false);
      assert.equal(calendar.isWorkday("2026-03-03"), false);

      // Deleting the admin row lets the weekday rule apply; the next import restores the package's entry.
      assert.equal(await deleteCalendarDay(db, "2026-02-14"), true);
      assert.equal(await deleteCalendarDay(db, "2026-02-14"), false);
      assert.equal((await loadCalendar(db)).isWorkday("2026-02-14"), false); // an ordinary Saturday now
      const restored = await importChineseDays(db, T0 + 2 * DAY_MS);
      assert.equal(restored.inserted, 1);
      assert.equal((await loadCalendar(db)).isWorkday("2026-02-14"), true);
    });

    test("an admin can open a year the package does not cover; imports leave it alone", async () => {
      await setCalendarDay(db, { date: "2027-01-01", kind: "holiday", name: "元旦", by: "user-1" }, T0);
      await setCalendarDay(db, { date: "2026-10-10", kind: "workday", name: "国庆节", by: "user-1" }, T0);
      await importChineseDays(db, T0 + DAY_MS);
      const years = await db
        .selectFrom("calendar_year")
        .selectAll()
        .where("year", ">=", 2026)
        .orderBy("year")
        .execute();
      assert.deepEqual(
        years.map((row) => [Number(row.year), row.source, Number(row.imported_at)]),
        [
          [2026, "admin", T0],
          [2027, "admin", T0],
        ],
      );
      const calendar = await loadCalendar(db);
      assert.equal(calendar.isWorkday("2027-01-01"), false);
      assert.equal(calendar.addWorkdays("2026-12-31", 1), "2027-01-04");
      // The rest of 2026 still comes from the import.
      assert.equal(calendar.isWorkday("2026-02-16"), false);
    });

    test("an imported row the package no longer lists is removed; an admin row is not", async () => {
      await importChineseDays(db, T0);
      await db
        .insertInto("calendar_day")
        .values({
          date: "2026-03-04",
          kind: "holiday",
          name: "旧",
          source: "chinese-days@1.5.6",
          updated_at: 1,
          updated_by: null,
        })
        .execute();
      await db.updateTable("calendar_day").set({ name: "旧名" }).where("date", "=", "2026-02-16").execute();
      const result = await importChineseDays(db, T0 + DAY_MS);
      assert.deepEqual([result.inserted, result.updated, result.removed], [0, 1, 1]);
      assert.equal((await loadCalendar(db)).isWorkday("2026-03-04"), true);
      assert.equal((await loadCalendar(db)).dayInfo("2026-02-16").name, "春节");
    });

    test("setCalendarDay and deleteCalendarDay check their input", async () => {
      await expectCode(
        setCalendarDay(db, { date: "2026-2-30", kind: "holiday", by: null }, T0),
        "VALIDATION_FAILED",
      );
      await expectCode(
        setCalendarDay(db, { date: "2026-02-03", kind: "off" as "holiday", by: null }, T0),
        "VALIDATION_FAILED",
      );
      await expectCode(
        setCalendarDay(db, { date: "2026-02-03", kind: "holiday", name: "x".repeat(51), by: null }, T0),
        "VALIDATION_FAILED",
      );
      await expectCode(deleteCalendarDay(db, "yesterday"), "VALIDATION_FAILED");
      assert.deepEqual((await snapshot()).days, []);
    });

    test("the workdays CLI commands", async () => {
      const run = async (...args: string[]) => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runWorkdaysCommand(db, args, T0, {
          out: (l) => out.push(l),
          err: (l) => err.push(l),
        });
        return { code, out, err };
      };
      const empty = await run("is", "2026-03-02");
      assert.equal(empty.code, 1);
      assert.match(empty.err[0]!, /^CALENDAR_NO_DATA: 该年份没有工作日历数据/);

      const imported = await run("import");
      assert.equal(imported.code, 0);
      assert.match(imported.out[0]!, /^chinese-days@1\.5\.7: years 2004–2026; \d+ added, 0 updated/);
      assert.deepEqual(await run("add", "2026-02-13", "2"), { code: 0, out: ["2026-02-24"], err: [] });
      assert.deepEqual(await run("add", "2026-02-13", "0"), { code: 0, out: ["2026-02-13"], err: [] });
      assert.deepEqual(await run("is", "2026-02-14"), { code: 0, out: ["true"], err: [] });
      assert.deepEqual(await run("is", "2026-02-16"), { code: 0, out: ["false"], err: [] });
      // T0 is Monday 2026-03-02 09:00 in China.
      assert.deepEqual(await run("is", "today"), { code: 0, out: ["true"], err: [] });
      assert.deepEqual(await run("add", "today", "1"), { code: 0, out: ["2026-03-03"], err: [] });
      assert.equal((await run("add", "2026-12-31", "1")).code, 1);
      assert.equal((await run("is", "2026-02-30")).code, 1);
      assert.equal((await run("add", "2026-02-13", "-1")).code, 2);
      assert.equal((await run("add", "2026-02-13")).code, 2);
      assert.equal((await run("frobnicate")).code, 2);
      assert.equal((await run()).code, 2);

      assert.deepEqual(await run("set", "2026-03-05", "holiday", "公司", "年会"), {
        code: 0,
        out: ["2026-03-05\tholiday\t公司 年会\tadmin"],
        err: [],
      });
      assert.deepEqual(await run("is", "2026-03-05"), { code: 0, out: ["false"], err: [] });
      assert.ok((await run("list", "2026")).out.includes("2026-03-05\tholiday\t公司 年会\tadmin"));
      assert.equal((await run("list", "2027")).code, 1);
      assert.deepEqual(await run("delete", "2026-03-05"), { code: 0, out: ["deleted"], err: [] });
      assert.deepEqual(await run("is", "2026-03-05"), { code: 0, out: ["true"], err: [] });
    });
  });
}
