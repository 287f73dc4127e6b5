import assert from "node:assert/strict";
import { request } from "node:http";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import pino from "pino";
import { startGateRuntime, type GateRuntime, type GateSettings } from "../src/gate-sync/gate-runtime.ts";
import { openDatabase, type DatabaseHandle } from "../src/platform/db.ts";
import type { ApiClient } from "./support/client.ts";
import { personalOrder, readyApplicant, staffClient } from "./support/factories.ts";
import { bureauApproves, orderInBureauReview } from "./support/filed-order.ts";
import { uploadStandardMaterials } from "./support/materials.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";

/**
 * The gate fed by the platform database, as `beian gate serve` runs it: its own
 * connections, the initial load, the change log written with each transition
 * (PostgreSQL's NOTIFY, SQLite polling), an approval reaching the gate within
 * 2 seconds of its commit, and the gate riding out lost database connections.
 */
const SETTINGS: GateSettings = {
  host: "127.0.0.1",
  port: 0,
  mode: "decision",
  upstream: null,
  blockStatus: 451,
  tls: null,
  pollMs: 100,
};

interface GateAnswer {
  status: number;
  decision: string | undefined;
  body: string;
}

function ask(gate: GateRuntime, host: string): Promise<GateAnswer> {
  const { port } = new URL(gate.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/", headers: { host } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, decision: res.headers["x-beian-decision"] as string, body }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

/** Asks until the gate allows `host`; the milliseconds it took. */
async function untilAllowed(gate: GateRuntime, host: string, limitMs = 10_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    if ((await ask(gate, host)).decision === "allow") return performance.now() - started;
    if (performance.now() - started > limitMs) assert.fail(`${host} still blocked after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

for (const engine of engines()) {
  describe(`gate fed by the database (${engine})`, () => {
    let platform: TestPlatform;
    let reviewer: ApiClient;
    let gateDb: DatabaseHandle;
    let gate: GateRuntime;
    const approve = (number: string, domain: string) => bureauApproves(platform, number, domain);

    before(async () => {
      platform = await startTestPlatform(engine);
      reviewer = await staffClient(platform);
      // On SQLite the platform's own in-memory database is the only one: the gate shares it.
      gateDb =
        engine === "postgres"
          ? openDatabase({
              url: platform.databaseUrl,
              schema: platform.schema,
              poolSize: 2,
              applicationName: "openbeian-gate",
            })
          : { db: platform.ctx.db, engine: "sqlite", close: async () => {} };
      gate = await startGateRuntime(
        { db: gateDb.db, engine, url: platform.databaseUrl, schema: platform.schema },
        SETTINGS,
        pino({ level: "silent" }),
      );
    });
    after(async () => {
      await gate.close();
      await gateDb.close();
      await platform.close();
    });

    test("an order in progress is blocked with its state; approval lets it through within 2 s", async () => {
      const applicant = await readyApplicant(platform);
      const { number } = await orderInBureauReview(platform, applicant, reviewer);
      const domain = applicant.domain.toLowerCase();
      await untilBlockedWith(gate, domain, "管局审核中 / In bureau review");
      const started = performance.now();
      await approve(number, domain);
      const committed = performance.now();
      const waited = await untilAllowed(gate, `www.${domain}`);
      const visibleMs = performance.now() - committed;
      console.log(`gate.approval_to_allowed_ms (${engine}): ${visibleMs.toFixed(0)}`);
      assert.ok(visibleMs < 2_000, `visible after ${visibleMs} ms (asked for ${waited} ms)`);
      assert.ok(committed >= started, "the approval's answer came after its commit");
      const allowed = await ask(gate, domain.toUpperCase() + ".");
      assert.equal(allowed.status, 204, "upper case and a trailing dot are the same domain");
    });

    test("a fresh gate loads what is on record", async () => {
      const applicant = await readyApplicant(platform);
      const { number } = await orderInBureauReview(platform, applicant, reviewer);
      await approve(number, applicant.domain.toLowerCase());
      const fresh = await startGateRuntime(
        { db: gateDb.db, engine, url: platform.databaseUrl, schema: platform.schema },
        SETTINGS,
        pino({ level: "silent" }),
      );
      try {
        assert.equal((await ask(fresh, applicant.domain)).decision, "allow", "filed before the gate started");
        await until(async () => gate.sync.position === fresh.sync.position);
        const unknown = await ask(fresh, "never-filed.example.cn");
        assert.equal(unknown.status, 451);
        assert.match(unknown.body, /尚未在本接入商处办理ICP备案/);
      } finally {
        await fresh.close();
      }
    });

    test("a withdrawn order's domain is no longer 'in progress'", async () => {
      const applicant = await readyApplicant(platform);
      const created = await applicant.client.post("/api/orders", { data: personalOrder(applicant) });
      const id = created.body.id as string;
      await uploadStandardMaterials(applicant.client, id);
      const submitted = await applicant.client.post(`/api/orders/${id}/submit`, {
        version: created.body.version,
      });
      const domain = applicant.domain.toLowerCase();
      await untilBlockedWith(gate, domain, "初审中 / In initial review");
      const withdrawn = await applicant.client.post(`/api/orders/${id}/withdraw`, {
        version: submitted.body.version,
      });
      assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
      await until(async () => !(await ask(gate, domain)).body.includes("In initial review"));
      assert.match((await ask(gate, domain)).body, /尚未在本接入商处办理ICP备案/);
    });

    if (engine === "postgres") {
      test("the gate keeps serving when its connections die, and catches up after", async () => {
        const before = await readyApplicant(platform);
        const first = await orderInBureauReview(platform, before, reviewer);
        await approve(first.number, before.domain.toLowerCase());
        await untilAllowed(gate, before.domain);
        const killed = await terminateGateConnections();
        assert.ok(killed >= 1, "the LISTEN connection at least");
        // What was filed stays served while the gate has no database.
        assert.equal((await ask(gate, before.domain)).decision, "allow");
        const later = await readyApplicant(platform);
        const second = await orderInBureauReview(platform, later, reviewer);
        await approve(second.number, later.domain.toLowerCase());
        const waited = await untilAllowed(gate, later.domain, 15_000);
        console.log(`gate.reconnect_to_allowed_ms (${engine}): ${waited.toFixed(0)}`);
      });
    }

    async function terminateGateConnections(): Promise<number> {
      const admin = new pg.Client({ connectionString: platform.databaseUrl });
      await admin.connect();
      try {
        const result = await admin.query(
          "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'openbeian-gate' and datname = current_database()",
        );
        return result.rowCount ?? 0;
      } finally {
        await admin.end();
      }
    }
  });
}

async function until(check: () => Promise<boolean>, limitMs = 5_000): Promise<void> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > limitMs) assert.fail(`not true after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function untilBlockedWith(gate: GateRuntime, host: string, stateLabel: string): Promise<void> {
  await until(async () => {
    const answer = await ask(gate, host);
    return answer.status === 451 && answer.body.includes(stateLabel);
  });
}
