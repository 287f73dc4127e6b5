/**
 * The crash story of packages/server/test/crash-safety.test.ts, longer: more
 * applicants, reviewers and kills under load, and kills while the stored
 * deadlines fire. Prints `crash.<engine>.<figure>: value` lines; the problems
 * found (lost or half-written changes, jobs or deadlines run twice, numbers
 * with gaps), if any, go to stderr and fail the run.
 *
 * Sizes: SOAK_APPLICANTS (default 12), SOAK_BYSTANDERS (drafts left to lapse, default 8;
 * sign-ups beyond 20 a minute wait for the rate limit), SOAK_REVIEWERS (1–3, default 3),
 * SOAK_KILLS under load (default 8), SOAK_TIMER_KILLS (default 2), SOAK_KILL_AFTER: acknowledged
 * transitions between kills as "min-max" (default 15-40).
 */
import { runCrashScenario } from "../../packages/server/test/support/crash-scenario.ts";
import type { Engine } from "../../packages/server/src/platform/db.ts";

const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export async function soakCrash(engine: Engine, print: (name: string, value: number | string) => void) {
  const [min, max] = (process.env.SOAK_KILL_AFTER ?? "15-40").split("-").map(Number);
  const report = await runCrashScenario({
    engine,
    applicants: number("SOAK_APPLICANTS", 12),
    bystanders: number("SOAK_BYSTANDERS", 8),
    reviewers: Math.min(3, number("SOAK_REVIEWERS", 3)),
    loadKills: number("SOAK_KILLS", 8),
    timerKills: number("SOAK_TIMER_KILLS", 2),
    killAfter: [min ?? 15, max ?? min ?? 40],
    log: (line) => console.error(`[crash ${engine}] ${line}`),
  });
  for (const [name, value] of Object.entries(report.figures)) {
    if (name !== "engine") print(`crash.${engine}.${name}`, value);
  }
  for (const problem of report.problems) console.error(`[crash ${engine}] problem: ${problem}`);
  return report.problems.length;
}
