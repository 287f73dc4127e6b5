import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { loadConfig, type StoredSecrets } from "../src/platform/config.ts";
import { dataKeyId, FieldCipher } from "../src/platform/crypto.ts";
import { sealedFileBinding } from "../src/materials/sealed-files.ts";
import { KEY_TARGETS } from "../src/keys/key-pass.ts";
import { rotateKeys, verifyKeys } from "../src/keys/rotation.ts";
import { runKeysCommand } from "../src/cli/keys-command.ts";
import { ApiClient } from "./support/client.ts";
import {
  APPLICANT_PASSWORD,
  equipApplicant,
  personalOrder,
  staffClient,
  uniqueEmail,
  type ReadyApplicant,
} from "./support/factories.ts";
import { filedOrder } from "./support/filed-order.ts";
import { legacySeal, legacySealBytes } from "./support/legacy-seal.ts";
import { uploadStandardMaterials } from "./support/materials.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";
import { columnNames, databaseValues, occurrences, storedFiles } from "./support/raw-store.ts";

/**
 * Issue 11's key rotation, in process on both engines: data written under key A
 * (some of it in the form sealed before keys had ids), then the platform
 * restarted with key B current and A previous. Everything reads and every blind
 * index lookup still finds its rows while nothing is rotated yet; a rotation is
 * interrupted and resumed; afterwards no value, index or file in the raw data is
 * under A, a second rotation has nothing to do, and a platform with B alone
 * reads everything, finds the filed subject by its certificate and sends the
 * text queued under A.
 */
interface Applicant extends ReadyApplicant {
  email: string;
}

async function applicantOn(platform: TestPlatform): Promise<Applicant> {
  const email = uniqueEmail("rotation");
  const client = new ApiClient(platform.app);
  await client.signUp(email, APPLICANT_PASSWORD, "张三");
  return { ...(await equipApplicant(platform, client)), email };
}

/** The same person signed in on another (restarted) platform. */
async function signIn(platform: TestPlatform, email: string): Promise<ApiClient> {
  const client = new ApiClient(platform.app);
  await client.logIn(email, APPLICANT_PASSWORD);
  return client;
}

test("configuration: the previous keys come from where the current one does", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "beian-keyring-config-"));
  try {
    const base64Key = () => randomBytes(32).toString("base64");
    const [current, old, older] = [base64Key(), base64Key(), base64Key()];
    const token = "t".repeat(32);
    const fromEnv = loadConfig({
      flags: { dataDir },
      env: {
        BEIAN_DATA_KEY: current,
        BEIAN_DATA_KEY_PREVIOUS: ` ${old}, ${older} `,
        BEIAN_REGULATOR_TOKEN: token,
      },
    });
    assert.deepEqual(
      fromEnv.previousDataKeys.map((key) => key.toString("base64")),
      [old, older],
    );
    assert.throws(
      () =>
        loadConfig({
          flags: { dataDir },
          env: { BEIAN_DATA_KEY: current, BEIAN_DATA_KEY_PREVIOUS: "c2hvcnQ=", BEIAN_REGULATOR_TOKEN: token },
        }),
      /BEIAN_DATA_KEY_PREVIOUS \(key 1\) must be 32 bytes/,
    );
    // Demo mode: the keyring in secrets.json; a key from the environment brings its own previous keys.
    const secrets: StoredSecrets = { dataKey: current, previousDataKeys: [old], regulatorToken: token };
    writeFileSync(join(dataDir, "secrets.json"), JSON.stringify(secrets));
    assert.equal(loadConfig({ flags: { dataDir }, env: {} }).previousDataKeys.length, 1);
    assert.equal(
      loadConfig({ flags: { dataDir }, env: { BEIAN_DATA_KEY: older } }).previousDataKeys.length,
      0,
    );
    // Files from before key rotation hold no previous keys.
    writeFileSync(join(dataDir, "secrets.json"), JSON.stringify({ dataKey: current, regulatorToken: token }));
    assert.deepEqual(loadConfig({ flags: { dataDir }, env: {} }).previousDataKeys, []);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

const LEGACY_PHONE = "13712345670";
const NOTE = "已致电 13912345678，本人确认";
const SMS_TEXT = "【工信部】您的ICP备案短信核验码为731946，请在24小时内完成短信核验。";

for (const engine of engines()) {
  describe(`data key rotation (${engine})`, () => {
    const keyA = randomBytes(32);
    const keyB = randomBytes(32);
    const [idA, idB] = [dataKeyId(keyA), dataKeyId(keyB)];
    const dataDir = mkdtempSync(join(tmpdir(), "beian-rotation-"));
    const platforms: TestPlatform[] = [];
    let first: TestPlatform;
    let owner: Applicant;
    let order: { id: string; number: string };
    let draft: { id: string; body: unknown };
    let idempotentCreate: (client: ApiClient) => Promise<{ status: number; body: unknown }>;
    let token: string;
    let webhookId: string;
    /** Each material's bytes as served under key A, by material id. */
    const served = new Map<string, Buffer>();

    const open = async (dataKey: Buffer, previousDataKeys: Buffer[] = []) => {
      const platform = await startTestPlatform(engine, { dataDir, reopen: first, dataKey, previousDataKeys });
      platforms.push(platform);
      return platform;
    };

    before(async () => {
      first = await startTestPlatform(engine, { dataDir, dataKey: keyA });
      platforms.push(first);
      const reviewer = await staffClient(first);
      owner = await applicantOn(first);
      const ok = (response: { status: number; body: unknown }, status = 200) =>
        assert.equal(response.status, status, JSON.stringify(response.body));
      ok(
        await owner.client.put("/api/account/identity", {
          name: "张三",
          certificateNumber: owner.certificateNumber,
        }),
      );
      ok(await owner.client.put("/api/notification-preferences", { phone: "13600001111" }));
      const recipient = await owner.client.post("/api/recipients", {
        name: "李会计",
        role: "finance",
        email: "finance@example.cn",
        phone: "13700002222",
        emailGroups: ["order"],
        smsGroups: ["sms"],
      });
      ok(recipient, 201);
      const hook = await owner.client.post("/api/webhooks", {
        url: "http://127.0.0.1:9/hook",
        events: ["ping"],
      });
      ok(hook, 201);
      webhookId = hook.body.id;
      order = await filedOrder(first, owner, reviewer);
      const materials = (await owner.client.get(`/api/orders/${order.id}/materials`)).body.items as {
        id: string;
        url: string;
      }[];
      for (const material of materials)
        served.set(material.id, (await owner.client.binary("GET", material.url)).body);

      // Written the way the platform sealed before keys had ids.
      await first.ctx.db
        .updateTable("notification_recipient")
        .set({ phone_enc: legacySeal(keyA, LEGACY_PHONE) })
        .where("id", "=", recipient.body.id)
        .execute();
      const legacyFile = await first.ctx.db
        .selectFrom("material")
        .select(["id", "storage_key"])
        .where("id", "=", materials[0]!.id)
        .executeTakeFirstOrThrow();
      await first.ctx.storage.replace(
        legacyFile.storage_key,
        legacySealBytes(keyA, served.get(legacyFile.id)!, sealedFileBinding(legacyFile.id, "original")),
      );

      // A second account's order in initial review: its contacts indexed, a call noted,
      // created over the agency API with an idempotency key (the stored answer is sealed).
      const agency = await applicantOn(first);
      token = (await agency.client.post("/api/tokens", { name: "ERP", scopes: ["read", "file"] })).body.token;
      const agencyData = personalOrder(agency);
      idempotentCreate = (client) =>
        client.request(
          "POST",
          "/api/orders",
          { data: agencyData },
          {
            authorization: `Bearer ${token}`,
            "idempotency-key": "rotation-create",
          },
        );
      const created = await idempotentCreate(new ApiClient(first.app));
      ok(created, 201);
      draft = { id: (created.body as { id: string }).id, body: created.body };
      await uploadStandardMaterials(agency.client, draft.id);
      ok(
        await agency.client.post(`/api/orders/${draft.id}/submit`, {
          version: (created.body as { version: number }).version,
        }),
      );
      ok(
        await reviewer.post(`/api/review/orders/${draft.id}/calls`, { outcome: "answered", note: NOTE }),
        201,
      );

      // MIIT's text through the platform's channel; its relay to the phone stays queued (sealed under A).
      const sms = await new ApiClient(first.app).request(
        "POST",
        "/api/internal/sms",
        { messageId: "rotation-sms", orderNumber: order.number, mobile: owner.mobile, text: SMS_TEXT },
        { authorization: `Bearer ${first.regulatorToken}` },
      );
      ok(sms);
    });

    after(async () => {
      for (const platform of platforms.reverse()) await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    /** Everything written under A, read through the API of `platform`. */
    async function readsBack(platform: TestPlatform) {
      const client = await signIn(platform, owner.email);
      const view = await client.get(`/api/orders/${order.id}`);
      assert.equal(view.status, 200, JSON.stringify(view.body));
      assert.equal(view.body.data.subject.certificateNumber, owner.certificateNumber);
      assert.equal(view.body.data.subject.head.mobile, owner.mobile);
      const identity = await client.get("/api/account/identity");
      assert.equal(identity.body.certificateMasked.slice(-4), owner.certificateNumber.slice(-4));
      const recipients = (await client.get("/api/recipients")).body.items as { phoneMasked: string }[];
      assert.deepEqual(
        recipients.map((recipient) => recipient.phoneMasked),
        [`${LEGACY_PHONE.slice(0, 3)}****${LEGACY_PHONE.slice(-4)}`],
      );
      assert.equal((await client.get("/api/notification-preferences")).body.phoneMasked, "136****1111");
      const sms = await client.get(`/api/orders/${order.id}/sms`);
      assert.equal(sms.body.items[0].text, SMS_TEXT);
      for (const [id, bytes] of served) {
        const file = await client.binary("GET", `/api/orders/${order.id}/materials/${id}`);
        assert.equal(file.status, 200);
        assert.ok(file.body.equals(bytes), `material ${id} reads back byte for byte`);
      }
      const filing = await client.get("/api/filing");
      assert.equal(filing.status, 200, JSON.stringify(filing.body));
      // The webhook's secret opens (a ping is signed with it before it is sent).
      const ping = await client.post(`/api/webhooks/${webhookId}/test`);
      assert.equal(ping.status, 200, JSON.stringify(ping.body));
      // The agency's retry replays the stored answer.
      const replay = await idempotentCreate(new ApiClient(platform.app));
      assert.equal(replay.status, 201);
      assert.deepEqual(replay.body, draft.body);
      const staff = await staffClient(platform);
      const calls = await staff.get(`/api/review/orders/${draft.id}/calls`);
      assert.equal(calls.status, 200);
      assert.ok(JSON.stringify(calls.body).includes(NOTE), "the call's note opens");
    }

    /**
     * Blind index lookups: another account filing the same person finds the filed subject
     * by its certificate; one giving the same mobile finds the subject using it.
     */
    async function findsSubject(platform: TestPlatform) {
      const contextOf = async (change: (data: ReturnType<typeof personalOrder>) => void) => {
        const other = await applicantOn(platform);
        const data = personalOrder(other);
        change(data);
        const created = await other.client.post("/api/orders", { data });
        assert.equal(created.status, 201, JSON.stringify(created.body));
        return (await other.client.get(`/api/orders/${created.body.id}/precheck-context`)).body.records;
      };
      const samePerson = await contextOf(
        (data) => (data.subject!.certificateNumber = owner.certificateNumber),
      );
      assert.equal(samePerson.subject, "other_account", "the subject is found by its certificate");
      const sameMobile = await contextOf((data) => (data.subject!.head!.mobile = owner.mobile));
      assert.deepEqual(sameMobile.mobilesOfOtherSubjects, [owner.mobile], "and by its head's mobile");
    }

    test("under key A: every sealed column is known to the rotation, and lookups find the subject", async () => {
      const sealedColumns = new Set(
        KEY_TARGETS.flatMap((target) => target.sealedColumns.map((c) => `${target.walk.table}.${c}`)),
      );
      const columns = await columnNames(first.ctx.db, first.ctx.engine);
      assert.deepEqual(
        columns.filter((column) => column.endsWith("_enc") && !sealedColumns.has(column)),
        [],
        "every _enc column is rotated",
      );
      const sealedShape = new RegExp(`v[12]:(${idA}:)?[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:`);
      const found = (await databaseValues(first.ctx.db, first.ctx.engine))
        .filter((value) => sealedShape.test(value.bytes.toString("latin1")))
        .map((value) => value.where);
      assert.deepEqual(
        [...new Set(found)].filter((where) => !sealedColumns.has(where)),
        [],
        "every sealed value is rotated",
      );
      const sealedJobs = await first.ctx.db
        .selectFrom("job")
        .select("kind")
        .where("payload", "like", '%"sealed":"v2:%')
        .execute();
      const walked = KEY_TARGETS.find((target) => target.walk.table === "job")!.walk.only!.values;
      assert.deepEqual(
        [...new Set(sealedJobs.map((job) => job.kind))].filter((kind) => !walked.includes(kind)),
        [],
      );
      await findsSubject(first);
    });

    test("with B current and A previous, everything written under A reads and lookups find it", async () => {
      const mixed = await open(keyB, [keyA]);
      await readsBack(mixed);
      await findsSubject(mixed);
      const report = await verifyKeys(mixed.ctx);
      assert.equal(report.ok, false);
      assert.equal(report.keyId, idB);
      assert.deepEqual(report.previousKeyIds, [idA]);
      assert.ok(report.totals.stale > 20, `values under A are found (${report.totals.stale})`);
      assert.equal(report.totals.unreadable, 0);
      // Both orders' three photos, each with its thumbnail (one original in the form without a key id).
      assert.equal(report.targets["material files"]!.stale, 2 * 3 * 2);
    });

    test("a rotation interrupted half-way, then resumed, moves everything to B; a second finds nothing", async () => {
      const mixed = platforms[platforms.length - 1]!;
      const before = (await verifyKeys(mixed.ctx)).totals.stale;
      let batches = 0;
      await assert.rejects(
        rotateKeys(mixed.ctx, {
          batchSize: 2,
          onBatch: () => {
            if (++batches === 6) throw new Error("power cut");
          },
        }),
        /power cut/,
      );
      const midway = (await verifyKeys(mixed.ctx)).totals.stale;
      assert.ok(midway > 0 && midway < before, `part done: ${before} → ${midway}`);

      const sliced = await rotateKeys(mixed.ctx, { batchSize: 2, maxBatches: 3 });
      assert.equal(sliced.complete, false);
      assert.equal(sliced.ok, false);
      assert.equal(sliced.verified, null);

      const rotated = await rotateKeys(mixed.ctx, { batchSize: 2 });
      assert.equal(rotated.ok, true, JSON.stringify(rotated.verified?.totals));
      assert.equal(rotated.complete, true);
      assert.ok(rotated.rotated.totals.stale > 0);
      assert.equal(rotated.rotated.totals.unreadable, 0);
      assert.equal(rotated.verified!.totals.stale, 0);
      assert.equal(rotated.verified!.totals.unmatched, 0, "every index row is explained by a record");

      const again = await rotateKeys(mixed.ctx);
      assert.equal(again.ok, true);
      assert.equal(again.rotated.totals.stale, 0, "nothing left to rewrite");
      assert.equal(again.rotated.totals.values, rotated.verified!.totals.values);
    });

    test("the raw data holds no value, blind index or file under key A", async () => {
      const values = await databaseValues(first.ctx.db, first.ctx.engine);
      const underA = new FieldCipher(keyA);
      const plaintexts = [owner.certificateNumber, owner.mobile, "13700002222", "zhangsan@example.cn"];
      const indexesA = plaintexts.map((value) => underA.blindIndex(value));
      assert.deepEqual(occurrences(values, [`v2:${idA}:`, ...indexesA]), []);
      const legacy = values.filter((value) =>
        /v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:/.test(value.bytes.toString("latin1")),
      );
      assert.deepEqual(
        legacy.map((value) => value.where),
        [],
        "no value in the form without a key id",
      );
      const underB = new FieldCipher(keyB);
      assert.ok(
        occurrences(values, [underB.blindIndex(owner.certificateNumber)]).length > 0,
        "indexes are under B",
      );

      const files = storedFiles(join(dataDir, "files"));
      assert.equal(files.length, 2 * 3 * 2, "originals and thumbnails of both orders");
      const headerB = Buffer.concat([Buffer.from([2]), Buffer.from(idB, "hex")]);
      assert.deepEqual(
        files.filter((file) => !file.bytes.subarray(0, 5).equals(headerB)).map((file) => file.where),
        [],
        "every file is sealed under B",
      );
    });

    test("a platform with key B alone reads everything, finds the subject and sends what was queued", async () => {
      const onlyB = await open(keyB);
      await readsBack(onlyB);
      await findsSubject(onlyB);
      const sent = await onlyB.worker.runDue();
      assert.ok(sent > 0, "the queued jobs run");
      const texts = await onlyB.ctx.db.selectFrom("dev_sms").select(["phone_enc", "text_enc"]).execute();
      const relayed = texts.map((row) => onlyB.ctx.cipher.decrypt(row.text_enc));
      assert.ok(
        relayed.some((text) => text.includes("731946")),
        "the text queued under A is relayed",
      );
      assert.equal((await verifyKeys(onlyB.ctx)).ok, true);
      const stale = await onlyB.ctx.db.selectFrom("job").select("failed").where("failed", "=", 1).execute();
      assert.equal(stale.length, 0, "no job failed");
    });
  });
}

/**
 * The command on a SQLite data directory in demo mode (the key in secrets.json):
 * a new key, a rotation stopped by its batch limit (exit 3), the rotation run to
 * the end as operators run it, a real process (exit 0, verified), then a
 * verification with the old key gone from the configuration. (One process: each
 * start loads the whole server; the other steps call the same entry in process.)
 */
if (engines().includes("sqlite")) {
  describe("beian keys (SQLite data directory, one real process)", () => {
    const BIN = join(import.meta.dirname, "../bin/beian.mjs");
    const dataDir = mkdtempSync(join(tmpdir(), "beian-keys-cli-"));
    const KEY_ENV = [
      "DATABASE_URL",
      "BEIAN_MODE",
      "BEIAN_DATA_KEY",
      "BEIAN_DATA_KEY_PREVIOUS",
      "BEIAN_REGULATOR_TOKEN",
    ];
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "warn" };
    for (const name of KEY_ENV) delete env[name];
    const secrets = () => JSON.parse(readFileSync(join(dataDir, "secrets.json"), "utf8")) as StoredSecrets;
    let oldKeyId: string;

    /** `beian keys …` in this process: its exit code and what it printed. */
    async function keys(...args: string[]) {
      const saved = { log: console.log, error: console.error, env: { ...process.env } };
      let stdout = "";
      let stderr = "";
      console.log = (...parts: unknown[]) => void (stdout += `${parts.join(" ")}\n`);
      console.error = (...parts: unknown[]) => void (stderr += `${parts.join(" ")}\n`);
      for (const name of KEY_ENV) delete process.env[name];
      try {
        const status = await runKeysCommand([...args, "--data-dir", dataDir, "--json"]);
        return { status, stdout, stderr };
      } finally {
        Object.assign(console, { log: saved.log, error: saved.error });
        Object.assign(process.env, saved.env);
      }
    }

    before(async () => {
      const platform = await startTestPlatform("sqlite", { dataDir });
      oldKeyId = dataKeyId(platform.dataKey);
      await filedOrder(platform, await applicantOn(platform), await staffClient(platform));
      await platform.close();
    });
    after(() => rmSync(dataDir, { recursive: true, force: true }));

    test("new, rotate (sliced, then whole as a process), verify with the new key alone", async () => {
      const usage = await keys("frobnicate");
      assert.equal(usage.status, 2);
      assert.match(usage.stderr, /unknown keys command/);

      const added = await keys("new");
      assert.equal(added.status, 0, added.stderr);
      const { keyId, previousKeyIds } = JSON.parse(added.stdout) as {
        keyId: string;
        previousKeyIds: string[];
      };
      assert.deepEqual(previousKeyIds, [oldKeyId]);
      assert.equal(dataKeyId(Buffer.from(secrets().dataKey, "base64")), keyId);

      const sliced = await keys("rotate", "--max-batches", "1");
      assert.equal(sliced.status, 3, sliced.stderr);
      assert.equal(JSON.parse(sliced.stdout).complete, false);

      const rotated = spawnSync(
        process.execPath,
        [BIN, "keys", "rotate", "--batch-size", "5", "--data-dir", dataDir, "--json"],
        { env, encoding: "utf8" },
      );
      assert.equal(rotated.status, 0, rotated.stdout + rotated.stderr);
      const report = JSON.parse(rotated.stdout);
      assert.equal(report.ok, true);
      assert.equal(report.keyId, keyId);
      assert.ok(report.rotated.totals.stale > 0);
      assert.equal(report.verified.totals.stale, 0);
      assert.equal(report.verified.totals.unreadable, 0);
      assert.ok(report.verified.targets["material files"].values >= 6);

      // The old key leaves the configuration; everything opens with the new one.
      const { previousDataKeys, ...rest } = secrets();
      assert.equal(previousDataKeys?.length, 1);
      writeFileSync(join(dataDir, "secrets.json"), JSON.stringify(rest), { mode: 0o600 });
      const verified = await keys("verify");
      assert.equal(verified.status, 0, verified.stdout + verified.stderr);
      const verification = JSON.parse(verified.stdout);
      assert.equal(verification.ok, true);
      assert.deepEqual(verification.previousKeyIds, []);
      assert.equal(verification.totals.values, report.verified.totals.values);
    });
  });
}
