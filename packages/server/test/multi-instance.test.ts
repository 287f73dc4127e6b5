import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { ORDER_VALIDITY_DAYS } from "@openbeian/core";
import { DEMO_PASSWORD, DEMO_USERS } from "../src/demo/seed.ts";
import type { DatabaseHandle } from "../src/platform/db.ts";
import {
  PlatformProcess,
  createStore,
  daysMs,
  freePort,
  offsetTo,
  waitUntil,
  type PlatformStore,
} from "./support/child-platform.ts";
import { checkAcknowledged, checkIssuedNumbers, checkNumbers } from "./support/consistency.ts";
import {
  checkDeadlinesFired,
  checkJobsOnce,
  dueJobs,
  jobsByWorker,
  pendingDeadlines,
  receivedDeliveries,
} from "./support/job-consistency.ts";
import { checkOrders } from "./support/order-consistency.ts";
import { personalOrder } from "./support/factories.ts";
import { HttpActor, expectOk, type Answer } from "./support/http-actor.ts";
import { Ledger, type Ack } from "./support/ledger.ts";
import { signUpApplicant, type Applicant } from "./support/applicant-loop.ts";
import { photo } from "./support/materials.ts";
import { engines } from "./support/platform.ts";
import { RaceTally, appliedMessage } from "./support/races.ts";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver.ts";

/**
 * Two `beian start` processes (API + worker each) on one database, and later two
 * `beian worker` processes: the same orders are fought over from both APIs at
 * once (duplicate submits, reviewers deciding at the same version, the applicant
 * withdrawing meanwhile, second orders for one account, the regulator's message
 * delivered four times and raced by a different message), and the workers race
 * for the jobs and the stored deadlines. Exactly one request wins each race, the
 * rest get 409 with a stable code (a redelivered regulator message: 200,
 * `duplicate`); every job and every deadline runs once; the numbers the platform
 * hands out stay unique and gapless.
 *
 * The deadlines are 45 days away, so the two workers run 46 days ahead of the
 * APIs (BEIAN_CLOCK_OFFSET_MS): to them every deadline the races left is due.
 */
const ORDERS = 10;
/** One more applicant whose draft is left alone. */
const BYSTANDERS = 1;
const STORY_START = "2026-03-02T01:00:00.000Z";
const MATERIALS = ["id_front", "id_back", "face_capture"];

interface Filing {
  applicant: Applicant;
  id: string;
  number: string;
}

// The engines run side by side: most of the time goes into starting processes.
describe("several platform processes on one database", { concurrency: true }, () => {
  for (const engine of engines()) {
    // One engine's steps build on each other: in order (subtests would inherit the concurrency).
    describe(`two API processes and two workers on one database (${engine})`, { concurrency: 1 }, () => {
      const tag = randomBytes(3).toString("hex");
      const offset = offsetTo(STORY_START);
      const processes: PlatformProcess[] = [];
      const tally = new RaceTally();
      const ledger = new Ledger();
      let store: PlatformStore;
      let receiver: WebhookReceiver;
      let db: DatabaseHandle;
      let bases: [string, string];
      let reviewers: [HttpActor, HttpActor];
      let filings: Filing[] = [];
      let bystanders: Filing[] = [];
      let messages = 0;

      const start = async (command: "start" | "worker", clockOffsetMs: number) => {
        const child = await PlatformProcess.start(store, {
          command,
          clockOffsetMs,
          ...(command === "start" ? { port: await freePort() } : {}),
        });
        processes.push(child);
        return child;
      };
      /** Both APIs, each with a session of `actor`'s user. */
      const both = (actor: HttpActor): [HttpActor, HttpActor] => [actor.via(bases[0]), actor.via(bases[1])];
      const order = async (filing: Filing) =>
        expectOk(await filing.applicant.actor.get(`/api/orders/${filing.id}`), "read the order");
      const remember = (
        kind: Exclude<Ack["kind"], "create" | "regulator" | "upload">,
        orderId: string,
        answer: Answer,
      ) => ledger.ack({ kind, orderId, version: answer.body.version, state: answer.body.state });

      before(async () => {
        store = await createStore(engine, "multi");
        receiver = await startWebhookReceiver();
        // The first process migrates and seeds; the second then starts on the same schema.
        const first = await start("start", offset);
        const second = await start("start", offset);
        bases = [first.base!, second.base!];
        const applicants = await Promise.all(
          Array.from({ length: ORDERS + BYSTANDERS }, (_, index) =>
            signUpApplicant(
              HttpActor.at(bases[index % 2]!),
              index,
              tag,
              Date.now() + offset,
              receiver.url("/hooks"),
            ),
          ),
        );
        const [reviewer, supervisor] = await Promise.all(
          [DEMO_USERS.reviewer, DEMO_USERS.supervisor].map(async (email, index) => {
            const actor = HttpActor.at(bases[index]!);
            expectOk(
              await actor.post("/api/auth/login", { email, password: DEMO_PASSWORD }),
              `log in ${email}`,
            );
            return actor;
          }),
        );
        reviewers = [reviewer!, supervisor!];
        // The last applicant's order stays a draft nobody races for: its deadline is pending for sure.
        filings = await Promise.all(
          applicants.map(async (applicant) => {
            const created = expectOk(
              await applicant.actor.post("/api/orders", { data: personalOrder(applicant) }),
              "create an order",
            );
            ledger.ack({
              kind: "create",
              orderId: created.id,
              number: created.number,
              version: created.version,
            });
            for (const kind of MATERIALS) {
              const path = `/api/orders/${created.id}/materials`;
              expectOk(
                await applicant.actor.upload(path, kind, await photo(), `${kind}.jpg`, "image/jpeg"),
                kind,
              );
            }
            return { applicant, id: created.id, number: created.number };
          }),
        );
        bystanders = filings.splice(ORDERS);
        db = store.open();
      });

      after(async () => {
        for (const child of processes) await child.kill();
        if (process.env.DUMP_LOGS) for (const child of processes) console.error(child.log());
        await db?.close();
        await receiver?.close();
        await store?.remove();
      });

      test("duplicate submits, then reviewers and the applicant deciding at one version: one wins", async (t) => {
        await Promise.all(
          filings.map(async (filing) => {
            const [a, b] = both(filing.applicant.actor);
            const { version } = await order(filing);
            const submit = (actor: HttpActor) => () =>
              actor.post(`/api/orders/${filing.id}/submit`, { version, acknowledgeWarnings: true });
            const submitted = await tally.run(`submit ${filing.number}`, [submit(a), submit(b), submit(a)]);
            if (submitted.winner) remember("submit", filing.id, submitted.winner);
          }),
        );
        await Promise.all(filings.map((filing) => reviewRace(filing)));
        t.diagnostic(`races so far: ${tally.races}, requests: ${tally.requests}`);
        assert.deepEqual(tally.problems, []);
      });

      test("a returned order fixed and resubmitted twice at once, a second order for one account: one wins", async () => {
        await Promise.all(
          filings.map(async (filing) => {
            const current = await order(filing);
            const [a, b] = both(filing.applicant.actor);
            if (current.state === "returned") {
              const data = structuredClone(current.data);
              data.websites[0].name = "张三的读书笔记";
              const save = (actor: HttpActor) => () =>
                actor.put(`/api/orders/${filing.id}/data`, { version: current.version, data });
              const saved = await tally.run(`save ${filing.number}`, [save(a), save(b)]);
              if (!saved.winner) return;
              remember("edit", filing.id, saved.winner);
              const version = saved.winner.body.version;
              const submit = (actor: HttpActor) => () =>
                actor.post(`/api/orders/${filing.id}/submit`, { version, acknowledgeWarnings: true });
              const resubmitted = await tally.run(`resubmit ${filing.number}`, [
                submit(a),
                submit(b),
                submit(a),
              ]);
              if (resubmitted.winner) await approvalRace(filing, resubmitted.winner.body.version);
            } else if (current.state === "withdrawn") {
              const create = (actor: HttpActor) => () =>
                actor.post("/api/orders", { data: personalOrder(filing.applicant) });
              const created = await tally.run(`new order of ${filing.number}`, [
                create(a),
                create(b),
                create(a),
              ]);
              if (created.winner) {
                const { id, number, version } = created.winner.body;
                ledger.ack({ kind: "create", orderId: id, number, version });
              }
            }
          }),
        );
        assert.deepEqual(tally.problems, []);
      });

      test("the regulator's messages, each delivered to both APIs and raced by another message, apply once", async () => {
        const queued = [];
        for (const filing of filings)
          if ((await order(filing)).state === "queued_for_bureau") queued.push(filing);
        assert.ok(queued.length > 0, "some orders reached the regulator");
        await Promise.all(queued.map((filing) => regulatorRaces(filing)));
        assert.deepEqual(tally.problems, []);
      });

      test("workers racing for jobs and 46-day-old deadlines run each once; numbers stay gapless", async (t) => {
        // The APIs' own workers first deliver everything the races queued.
        await waitUntil(
          () => dueJobs(db.db, Date.now() + offset),
          (due) => due === 0,
          60_000,
        );
        const accountIds = [...filings, ...bystanders].map((filing) => filing.applicant.accountId);
        const beforeJump = await checkOrders(db.db, accountIds, { deadlinesPending: true });
        assert.deepEqual(beforeJump.problems, []);
        const pending = await pendingDeadlines(db.db, accountIds);
        assert.ok(pending.size > 0, "the races left orders with a 45-day deadline");

        const later = offset + daysMs(ORDER_VALIDITY_DAYS + 1);
        await Promise.all([start("worker", later), start("worker", later)]);
        await waitUntil(
          () => dueJobs(db.db, Date.now() + later),
          (due) => due === 0,
          60_000,
        );

        const deadlines = await checkDeadlinesFired(db.db, pending, { remindersExactlyOnce: false });
        const jobs = await checkJobsOnce(
          db.db,
          Date.now() + later,
          receivedDeliveries(receiver.on("/hooks")),
        );
        const numbers = await checkNumbers(db.db);
        const orders = await checkOrders(db.db, accountIds, { deadlinesPending: false });
        const workers = await jobsByWorker(db.db);
        const figures = {
          races: tally.races,
          conflicting_requests: tally.requests,
          refusals_409: [...tally.refusals].map(([code, count]) => `${code}=${count}`).join(" "),
          deadlines_fired: deadlines.expired,
          reminders_sent: deadlines.reminders,
          jobs: jobs.jobs,
          jobs_per_worker: [...workers.values()].sort((x, y) => y - x).join(" "),
          notifications: jobs.notifications,
          emails: jobs.mails,
          webhook_deliveries: jobs.webhookDeliveries,
          webhook_received_twice: jobs.redelivered,
          order_numbers: numbers.orders,
          audit_records: numbers.auditRecords,
          gate_changes: numbers.gateChanges,
          icp_numbers: numbers.icpNumbers,
        };
        for (const [name, value] of Object.entries(figures)) t.diagnostic(`${name}: ${value}`);
        assert.deepEqual(
          [
            ...deadlines.problems,
            ...jobs.problems,
            ...numbers.problems,
            ...orders.problems,
            ...(await checkIssuedNumbers(db.db, ledger)),
            ...(await checkAcknowledged(db.db, ledger)),
          ],
          [],
        );
        assert.equal(deadlines.expired, pending.size);
        assert.equal(jobs.redelivered, 0, "without a crash, no webhook is posted twice");
        assert.ok(workers.size >= 2, `jobs were done by ${workers.size} workers`);
      });

      /** Approve ×3, return, reject, withdraw ×2 and a stale submit, from both APIs at one version. */
      async function reviewRace(filing: Filing) {
        const { version } = await order(filing);
        const [r1a, r1b] = both(reviewers[0]);
        const [r2a, r2b] = both(reviewers[1]);
        const [a, b] = both(filing.applicant.actor);
        const path = `/api/review/orders/${filing.id}`;
        const moves: [Parameters<typeof remember>[0], () => Promise<Answer>][] = [
          ["approve", () => r1a.post(`${path}/approve`, { version })],
          ["approve", () => r2b.post(`${path}/approve`, { version })],
          ["approve", () => r1b.post(`${path}/approve`, { version })],
          ["return", () => r2a.post(`${path}/return`, { version, fields: RETURNED })],
          ["reject", () => r1a.post(`${path}/reject`, { version, reason: "主体信息与证件不符" })],
          ["withdraw", () => a.post(`/api/orders/${filing.id}/withdraw`, { version })],
          ["withdraw", () => b.post(`/api/orders/${filing.id}/withdraw`, { version })],
          ["submit", () => b.post(`/api/orders/${filing.id}/submit`, { version, acknowledgeWarnings: true })],
        ];
        // In a random order: the first request sent must not be the one that always wins.
        moves.sort(() => Math.random() - 0.5);
        const { answers } = await tally.run(
          `review ${filing.number}`,
          moves.map(([, send]) => send),
        );
        const won = answers.findIndex((answer) => answer.status === 200);
        if (won >= 0) remember(moves[won]![0], filing.id, answers[won]!);
      }

      async function approvalRace(filing: Filing, version: number) {
        const path = `/api/review/orders/${filing.id}/approve`;
        const approve = (actor: HttpActor) => () => actor.post(path, { version });
        const approved = await tally.run(`approve ${filing.number}`, [
          approve(reviewers[0].via(bases[0])),
          approve(reviewers[1].via(bases[1])),
          approve(reviewers[0].via(bases[1])),
        ]);
        if (approved.winner) remember("approve", filing.id, approved.winner);
      }

      /** SMS sent, verified, bureau approval: each as message A four times (two per API) against message B. */
      async function regulatorRaces(filing: Filing) {
        const domain = filing.applicant.domain;
        for (const type of ["sms_sent", "sms_verified", "bureau_approved"]) {
          const event = () => {
            const subjectNumber = `浙ICP备2026${String(800_000 + ++messages).padStart(6, "0")}号`;
            return type === "bureau_approved"
              ? { type, numbers: { subjectNumber, websiteNumbers: { [domain]: `${subjectNumber}-1` } } }
              : { type };
          };
          const [first, second] = [
            { messageId: `${tag}-${filing.number}-${type}-a`, orderNumber: filing.number, event: event() },
            { messageId: `${tag}-${filing.number}-${type}-b`, orderNumber: filing.number, event: event() },
          ];
          const post = (base: string, message: typeof first) => () =>
            HttpActor.at(base).post("/api/internal/regulator/events", message, {
              authorization: `Bearer ${store.regulatorToken}`,
            });
          const deliveries = [first, first, first, first, second, second];
          const { answers } = await tally.run(
            `${type} ${filing.number}`,
            deliveries.map((message, index) => post(bases[index % 2]!, message)),
            appliedMessage,
          );
          const won = answers.findIndex(appliedMessage);
          if (won < 0) return;
          answers.forEach((answer, index) => {
            if (answer.status !== 200) return;
            const message = deliveries[index]!;
            ledger.ack({
              kind: "regulator",
              orderId: filing.id,
              messageId: message.messageId,
              event: type,
              duplicate: answer.body.duplicate,
              version: answer.body.order.version,
              state: answer.body.order.state,
              ...("numbers" in message.event ? { numbers: message.event.numbers } : {}),
            });
          });
        }
      }
    });
  }
});

const RETURNED = [{ field: "websites.0.name", reason: "网站名称请与网站内容一致" }];
