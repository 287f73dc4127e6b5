import { AppError } from "@openbeian/core";
import type { Executor } from "../platform/db.ts";
import { chinaDate } from "@openbeian/core";
import { importChineseDays } from "./import.ts";
import { deleteCalendarDay, listCalendarDays, loadCalendar, setCalendarDay } from "./repository.ts";

export const WORKDAYS_USAGE = `beian workdays <command>

  add <date> <n>                    the n-th working day after <date> (n = 0: <date> itself)
  is <date>                         true when <date> is a working day, else false
  import                            load the chinese-days holiday table (idempotent; admin edits win)
  list <year>                       the year's holidays and make-up working days, with their source
  set <date> holiday|workday [name] an administrator's entry (wins over every import)
  delete <date>                     remove a date's entry (an imported one returns on the next import)

<date> is YYYY-MM-DD (a date in China) or "today".`;

export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: CommandIo = { out: (line) => console.log(line), err: (line) => console.error(line) };

/**
 * `beian workdays …` against the database's calendar. Exit codes: 0 done, 1 refused
 * (e.g. CALENDAR_NO_DATA for a year without data, a malformed date), 2 usage.
 */
export async function runWorkdaysCommand(
  db: Executor,
  args: string[],
  now: number,
  io: CommandIo = consoleIo,
): Promise<number> {
  const [command, ...rest] = args;
  const date = (value: string | undefined) => (value === "today" ? chinaDate(new Date(now)) : (value ?? ""));
  const usage = (message: string) => {
    io.err(`${message}\n\n${WORKDAYS_USAGE}`);
    return 2;
  };
  try {
    switch (command) {
      case "add": {
        if (rest.length !== 2) return usage("usage: beian workdays add <date> <n>");
        if (!/^\d+$/.test(rest[1]!)) return usage(`n must be a whole number ≥ 0, got "${rest[1]}"`);
        io.out((await loadCalendar(db)).addWorkdays(date(rest[0]), Number(rest[1])));
        return 0;
      }
      case "is": {
        if (rest.length !== 1) return usage("usage: beian workdays is <date>");
        io.out(String((await loadCalendar(db)).isWorkday(date(rest[0]))));
        return 0;
      }
      case "import": {
        if (rest.length !== 0) return usage("usage: beian workdays import");
        const result = await importChineseDays(db, now);
        io.out(
          `${result.source}: years ${result.years[0]}–${result.years[result.years.length - 1]}; ` +
            `${result.inserted} added, ${result.updated} updated, ${result.unchanged} unchanged, ` +
            `${result.removed} removed, ${result.keptAdmin.length} kept as set by an admin`,
        );
        return 0;
      }
      case "list": {
        if (rest.length !== 1 || !/^\d{4}$/.test(rest[0]!)) return usage("usage: beian workdays list <year>");
        const year = Number(rest[0]);
        const calendar = await loadCalendar(db);
        if (!calendar.covers(year)) throw new AppError("CALENDAR_NO_DATA", { year });
        for (const row of await listCalendarDays(db, year)) {
          io.out(`${row.date}\t${row.kind}\t${row.name ?? ""}\t${row.source}`);
        }
        return 0;
      }
      case "set": {
        const [day, kind, ...name] = rest;
        if (!day || (kind !== "holiday" && kind !== "workday")) {
          return usage("usage: beian workdays set <date> holiday|workday [name]");
        }
        const row = await setCalendarDay(db, { date: date(day), kind, name: name.join(" "), by: null }, now);
        io.out(`${row.date}\t${row.kind}\t${row.name ?? ""}\t${row.source}`);
        return 0;
      }
      case "delete": {
        if (rest.length !== 1) return usage("usage: beian workdays delete <date>");
        io.out((await deleteCalendarDay(db, date(rest[0]))) ? "deleted" : "no entry for that date");
        return 0;
      }
      default:
        return usage(command ? `unknown workdays command "${command}"` : "missing workdays command");
    }
  } catch (error) {
    if (error instanceof AppError) {
      io.err(`${error.code}: ${error.localized.zh} / ${error.localized.en}${details(error.details)}`);
      return 1;
    }
    throw error;
  }
}

function details(value: unknown): string {
  return value === undefined ? "" : ` ${JSON.stringify(value)}`;
}
