import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { ORDER_VALIDITY_DAYS } from "@openbeian/core";
import { DEMO_PASSWORD, DEMO_USERS } from "../../src/demo/seed.ts";
import type { Db, Engine } from "../../src/platform/db.ts";
import {
  PlatformProcess,
  createStore,
  daysMs,
  freePort,
  offsetTo,
  sleep,
  waitUntil,
} from "./child-platform.ts";
import { checkAcknowledged, checkIssuedNumbers, checkMaterials, checkNumbers } from "./consistency.ts";
import {
  checkDeadlinesFired,
  checkJobsOnce,
  dueJobs,
  pendingDeadlines,
  receivedDeliveries,
} from "./job-consistency.ts";
import { checkOrders } from "./order-consistency.ts";
import { personalOrder } from "./factories.ts";
import { HttpActor, expectOk } from "./http-actor.ts";
import { Ledger } from "./ledger.ts";
import { ApplicantLoop, signUpApplicant } from "./applicant-loop.ts";
import { Board, type LoadContext } from "./load-context.ts";
import { RegulatorLoop, ReviewerLoop } from "./staff-loops.ts";
import { startWebhookReceiver } from "./webhook-receiver.ts";

/**
 * Crash safety of a real `beian start` process: a load of applicants, reviewers
 * and the regulator drives orders over HTTP while the process is killed with
 * SIGKILL and started again on the same data, several times. Then, with the
 * process down, the database must hold every acknowledged change and no order
 * half-written, each lapsing order with its stored 45-day deadline. The process
 * is then started "46 days later" (BEIAN_CLOCK_OFFSET_MS), killed again while
 * those deadlines fire, and started once more: every deadline fires exactly
 * once, every job has run exactly once, the numbers are gapless.
 *
 * The story runs from 2026-03-02 on the platform's clock whatever the machine's
 * date, so the 46-day jump stays in years the working-day calendar covers.
 */
export interface CrashOptions {
  engine: Engine;
  /** Applicants filing at once (each its own account and order). */
  applicants: number;
  /** Reviewers deciding at once (the demo's reviewer, supervisor, admin: at most 3). */
  reviewers: number;
  /** Applicants who only leave a draft (at least 1): its deadline is pending when the clock jumps. */
  bystanders?: number;
  /** Kills under load; the last one ends the load. */
  loadKills: number;
  /** Kills while the stored deadlines fire after the jump. */
  timerKills: number;
  /**
   * When each kill under load comes: after a random number in [min, max] of transitions
   * acknowledged since the (re)start, so a slow machine still gets work done between kills
   * (and at most a minute, should the load stall).
   */
  killAfter: [number, number];
  log?: (line: string) => void;
}

export interface CrashReport {
  figures: Record<string, number | string>;
  problems: string[];
}

const STORY_START = "2026-03-02T01:00:00.000Z";
/** Each restart after a kill comes "two minutes later": the dead worker's leases (60 s) have run out. */
const RESTART_GAP_MS = 2 * 60_000;

export async function runCrashScenario(options: CrashOptions): Promise<CrashReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const bystanders = Math.max(1, options.bystanders ?? 1);
  const store = await createStore(options.engine, "crash");
  const receiver = await startWebhookReceiver();
  const port = await freePort();
  const tag = randomBytes(3).toString("hex");
  let offset = offsetTo(STORY_START);
  const start = async () => {
    const startedAt = Date.now();
    const child = await PlatformProcess.start(store, { command: "start", port, clockOffsetMs: offset });
    log(`started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    return child;
  };
  let server = await start();
  let kills = 0;
  let db: { db: Db; close(): Promise<void> } | null = null;
  try {
    const base = server.base!;
    const people = await Promise.all(
      Array.from({ length: bystanders + options.applicants }, (_, index) =>
        signUpApplicant(HttpActor.at(base), index, tag, Date.now() + offset, receiver.url("/hooks")),
      ),
    );
    const applicants = people.slice(bystanders);
    // Bystanders leave a draft alone: deadlines are pending for sure when the clock jumps.
    const drafts = await Promise.all(
      people
        .slice(0, bystanders)
        .map(async (person) =>
          expectOk(
            await person.actor.post("/api/orders", { data: personalOrder(person) }),
            "a bystander's draft",
          ),
        ),
    );
    const reviewers = await Promise.all(
      [DEMO_USERS.reviewer, DEMO_USERS.supervisor, DEMO_USERS.admin]
        .slice(0, options.reviewers)
        .map(async (email) => {
          const actor = HttpActor.at(base);
          expectOk(
            await actor.post("/api/auth/login", { email, password: DEMO_PASSWORD }),
            `log in ${email}`,
          );
          return actor;
        }),
    );
    const ledger = new Ledger();
    let stopped = false;
    const load: LoadContext = { ledger, board: new Board(), stopped: () => stopped };
    const loops = Promise.all([
      ...applicants.map((applicant) => new ApplicantLoop(applicant, load).run()),
      ...reviewers.map((reviewer) => new ReviewerLoop(reviewer, load).run()),
      new RegulatorLoop(HttpActor.at(base), store.regulatorToken, `msg-${tag}`, load).run(),
    ]);
    log(`load: ${options.applicants} applicants, ${options.reviewers} reviewers, 1 regulator`);

    for (let kill = 1; kill <= options.loadKills; kill++) {
      const target = ledger.transitions + Math.round(between(options.killAfter));
      const progress = waitUntil(
        async () => ledger.transitions,
        (done) => done >= target,
        60_000,
      );
      await Promise.race([progress.catch(() => log("the load stalled: killing anyway")), loops]);
      // …and a moment later, so the kill lands anywhere in the requests then in flight.
      await sleep(Math.random() * 200);
      await server.kill();
      kills++;
      log(`kill ${kills} under load after ${ledger.transitions} acknowledged transitions`);
      if (kill < options.loadKills) server = await start();
    }
    stopped = true;
    await loops;
    for (const draft of drafts)
      ledger.ack({ kind: "create", orderId: draft.id, number: draft.number, version: draft.version });
    const accountIds = people.map((person) => person.accountId);

    // The process is down: what the database holds now is what survived.
    db = store.open();
    const acknowledged = await checkAcknowledged(db.db, ledger);
    const beforeJump = await checkOrders(db.db, accountIds, { deadlinesPending: true });
    const pending = await pendingDeadlines(db.db, accountIds);
    log(`${pending.size} deadlines pending; jumping ${ORDER_VALIDITY_DAYS + 1} days ahead`);

    offset += daysMs(ORDER_VALIDITY_DAYS + 1);
    server = await start();
    let firedAtKills = "";
    let fired = 0;
    for (let kill = 1; kill <= options.timerKills; kill++) {
      // Killed as soon as this start has fired something (or found nothing left to fire).
      const before = fired;
      fired = (
        await waitUntil(
          async () => ({
            fired: await timerEffects(db!.db),
            due: await dueJobs(db!.db, Date.now() + offset),
          }),
          (now) => now.fired > before || now.due === 0,
          30_000,
        )
      ).fired;
      await server.kill();
      kills++;
      firedAtKills += `${firedAtKills ? "," : ""}${fired}`;
      log(`kill ${kills} while deadlines fire (${fired} timer effects committed)`);
      offset += RESTART_GAP_MS;
      server = await start();
    }
    await waitUntil(
      () => dueJobs(db!.db, Date.now() + offset),
      (due) => due === 0,
      60_000,
    );
    await server.stop();

    const now = Date.now() + offset;
    const afterJump = await checkOrders(db.db, accountIds, { deadlinesPending: false });
    const numbers = await checkNumbers(db.db);
    const issued = await checkIssuedNumbers(db.db, ledger);
    const jobs = await checkJobsOnce(db.db, now, receivedDeliveries(receiver.on("/hooks")));
    const deadlines = await checkDeadlinesFired(db.db, pending, { remindersExactlyOnce: true });
    const materials = await checkMaterials(db.db, join(store.dir, "files"), store.dataKey);
    const lostAfter = await checkAcknowledged(db.db, ledger);

    const problems = unique([
      ...ledger.unexpected.map((line) => `unexpected answer: ${line}`),
      ...acknowledged,
      ...lostAfter,
      ...beforeJump.problems,
      ...afterJump.problems,
      ...numbers.problems,
      ...issued,
      ...jobs.problems,
      ...deadlines.problems,
      ...materials.problems,
    ]);
    return {
      problems,
      figures: {
        engine: options.engine,
        clients: options.applicants + options.reviewers + 1,
        kills,
        acknowledged_transitions: ledger.transitions,
        acknowledged_uploads: ledger.count("upload"),
        regulator_redeliveries: ledger.acks.filter((ack) => ack.kind === "regulator" && ack.duplicate).length,
        conflicts_409: ledger.conflicts,
        unanswered_requests: ledger.unanswered,
        orders: beforeJump.orders,
        pending_deadlines: pending.size,
        deadline_effects_at_kill: firedAtKills || "-",
        deadlines_fired: deadlines.expired,
        reminders_sent: deadlines.reminders,
        audit_records: numbers.auditRecords,
        jobs: jobs.jobs,
        notifications: jobs.notifications,
        emails: jobs.mails,
        webhook_deliveries: jobs.webhookDeliveries,
        webhook_redeliveries: jobs.redelivered,
        lost: new Set([...acknowledged, ...lostAfter]).size,
        half_written: beforeJump.problems.length + afterJump.problems.length,
        duplicates:
          numbers.problems.length + issued.length + jobs.problems.length + deadlines.problems.length,
        duration_s: Math.round((Date.now() - started) / 100) / 10,
      },
    };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- platform output ---\n${server.log()}`, {
      cause: error,
    });
  } finally {
    await server.kill();
    await db?.close();
    await receiver.close();
    await store.remove();
  }
}

/** Reminders told and orders lapsed so far: the deadlines' effects that have committed. */
async function timerEffects(db: Db): Promise<number> {
  const expired = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("action", "=", "expire")
    .executeTakeFirstOrThrow();
  const reminders = await db
    .selectFrom("job")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("kind", "=", "notify")
    .where("payload", "like", '%"template":"order.reminder"%')
    .executeTakeFirstOrThrow();
  return Number(expired.n) + Number(reminders.n);
}

const unique = (lines: string[]) => [...new Set(lines)];
const between = ([min, max]: [number, number]) => min + Math.random() * (max - min);
