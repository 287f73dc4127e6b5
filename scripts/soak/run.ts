/**
 * `npm run soak`: the long-running robustness stories, each printing its figures
 * as `name: value` lines. Today: crash safety (crash.ts) on SQLite and on
 * PostgreSQL (SOAK_ENGINES=sqlite,postgres; PostgreSQL at TEST_DATABASE_URL,
 * default postgres://postgres@127.0.0.1:5432/test). Exits 1 when a story found
 * a problem.
 */
import type { Engine } from "../../packages/server/src/platform/db.ts";
import { soakCrash } from "./crash.ts";

const engines = (process.env.SOAK_ENGINES ?? "sqlite,postgres").split(",") as Engine[];
const print = (name: string, value: number | string) => console.log(`${name}: ${value}`);

let problems = 0;
for (const engine of engines) problems += await soakCrash(engine, print);
print("soak.problems", problems);
process.exitCode = problems === 0 ? 0 : 1;
