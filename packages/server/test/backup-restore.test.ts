import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import pg from "pg";
import pino from "pino";
import { writeAudit } from "../src/audit/audit-log.ts";
import { BackupError } from "../src/backup/backup-error.ts";
import { readCatalogue, tableNames } from "../src/backup/catalogue.ts";
import { createBackup } from "../src/backup/create-backup.ts";
import { readManifest, storedFile, tableFile, type BackupManifest } from "../src/backup/manifest.ts";
import { restoreBackup } from "../src/backup/restore-backup.ts";
import { runBackupCommand } from "../src/cli/backup-command.ts";
import { buildApp } from "../src/http/app.ts";
import { sealedFileBinding } from "../src/materials/sealed-files.ts";
import { openPlatform } from "../src/platform/bootstrap.ts";
import { FieldCipher } from "../src/platform/crypto.ts";
import { openDatabase, type DatabaseOptions, type Engine } from "../src/platform/db.ts";
import { LocalFileStorage } from "../src/platform/storage.ts";
import { offlineResolver } from "../src/review/domain-resolver.ts";
import { ApiClient } from "./support/client.ts";
import { personalOrder, readyApplicant, staffClient, type ReadyApplicant } from "./support/factories.ts";
import { filedOrder, orderInBureauReview } from "./support/filed-order.ts";
import { uploadMaterial, uploadStandardMaterials } from "./support/materials.ts";
import { PG_URL, engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";

/**
 * Backup and restore (issue 11): `createBackup` takes one consistent snapshot of a
 * running platform (every table, the files its rows name) and `restoreBackup` puts it
 * into an empty target, on the same engine or the other one, refusing a damaged
 * backup, a wrong data key or a target with data before it writes anything.
 */
const PASSWORD = "Passw0rd!2026";
const work = mkdtempSync(join(tmpdir(), "beian-backup-"));
after(() => rmSync(work, { recursive: true, force: true }));

let fresh = 0;
/** An empty target: a new data directory, and on PostgreSQL a new schema. */
async function freshTarget(engine: Engine) {
  const dir = join(work, `target-${++fresh}`);
  mkdirSync(dir);
  const schema = engine === "postgres" ? `t_${randomBytes(6).toString("hex")}` : undefined;
  if (schema) await adminQuery(`CREATE SCHEMA ${schema}`);
  const database: DatabaseOptions = schema ? { url: PG_URL, schema } : { url: join(dir, "openbeian.sqlite") };
  return {
    engine,
    database,
    storageDir: join(dir, "files"),
    drop: () => (schema ? adminQuery(`DROP SCHEMA ${schema} CASCADE`) : Promise.resolve()),
  };
}
type Target = Awaited<ReturnType<typeof freshTarget>>;

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Every table's rows (Kysely's bookkeeping aside), in an order both engines agree on. */
async function contentsOf(database: DatabaseOptions): Promise<Map<string, string[]>> {
  const handle = openDatabase(database);
  try {
    const contents = new Map<string, string[]>();
    for (const table of await readCatalogue(handle.db, handle.engine)) {
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(
        handle.db,
      );
      const normalised = rows.map((row) =>
        JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1)))),
      );
      contents.set(table.name, normalised.sort());
    }
    return contents;
  } finally {
    await handle.close();
  }
}

async function isEmpty(target: Target): Promise<boolean> {
  const handle = openDatabase(target.database);
  try {
    const tables = await tableNames(handle.db, handle.engine);
    let files: string[] = [];
    try {
      files = readdirSync(target.storageDir);
    } catch {
      // no files directory: as empty as it gets
    }
    return tables.length === 0 && files.length === 0;
  } finally {
    await handle.close();
  }
}

const rejectsWith = (promise: Promise<unknown>, code: string) =>
  assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof BackupError, String(error));
    assert.equal(error.code, code, error.message);
    assert.ok(error.localized.zh && error.localized.en);
    return true;
  });

for (const engine of engines()) {
  const otherEngine: Engine = engine === "sqlite" ? "postgres" : "sqlite";
  const crossEngine = engines().includes(otherEngine);

  describe(`backup and restore (${engine})`, () => {
    let platform: TestPlatform;
    let cipher: FieldCipher;
    let draftOwner: ReadyApplicant;
    let draft: { id: string; version: number };
    let filed: { id: string; applicantEmail: string };
    let quiet: BackupManifest;
    const quietDir = join(work, `${engine}-quiet`);
    const source = (): DatabaseOptions => ({ url: platform.databaseUrl, schema: platform.schema });
    const targets: Target[] = [];
    const target = async (which: Engine = engine) => {
      const made = await freshTarget(which);
      targets.push(made);
      return made;
    };

    before(async () => {
      const dataDir = join(work, `${engine}-source`);
      mkdirSync(dataDir);
      platform = await startTestPlatform(engine, { dataDir });
      cipher = new FieldCipher(platform.dataKey);
      const reviewer = await staffClient(platform);
      // A filed order with its materials, one in bureau review, one draft with uploads.
      const filedApplicant = await readyApplicant(platform);
      const approved = await filedOrder(platform, filedApplicant, reviewer);
      const owner = await platform.ctx.db
        .selectFrom("filing_order")
        .innerJoin("app_user", "app_user.account_id", "filing_order.account_id")
        .select("app_user.email")
        .where("filing_order.id", "=", approved.id)
        .executeTakeFirstOrThrow();
      filed = { id: approved.id, applicantEmail: owner.email };
      await orderInBureauReview(platform, await readyApplicant(platform), reviewer);
      draftOwner = await readyApplicant(platform, "李四");
      const created = await draftOwner.client.post("/api/orders", {
        data: personalOrder(draftOwner, "李四"),
      });
      assert.equal(created.status, 201);
      draft = { id: created.body.id, version: created.body.version };
      await uploadStandardMaterials(draftOwner.client, draft.id);
      // Notifications and mails from the transitions' outbox.
      await platform.worker.runDue();
    });
    after(async () => {
      await platform.close();
      for (const made of targets) await made.drop();
    });

    test("a quiet platform's backup restores table for table and file for file, on this engine and the other", async () => {
      const backup = await createBackup({
        database: source(),
        storageDir: platform.storageDir,
        target: quietDir,
        cipher,
      });
      quiet = backup.manifest;
      const contents = await contentsOf(source());
      assert.deepEqual(
        Object.fromEntries(quiet.tables.map((table) => [table.name, table.rows])),
        Object.fromEntries([...contents].map(([name, rows]) => [name, rows.length])),
        "every table of the schema, with its row count",
      );
      for (const table of ["filing_order", "material", "audit_log", "notification", "counter"])
        assert.ok(contents.get(table)!.length > 0, `the platform has ${table} rows to back up`);
      const materials = await platform.ctx.db.selectFrom("material").selectAll().execute();
      const keys = materials.flatMap((row) => [row.storage_key, row.thumbnail_key].filter(Boolean));
      assert.equal(quiet.files.count, keys.length, "every stored file the rows name");
      assert.deepEqual(quiet.files.missing, []);
      assert.equal(quiet.auditChain?.ok, true);
      assert.equal(quiet.auditChain?.records, contents.get("audit_log")!.length);
      assert.deepEqual(backup.keyCheck && { ok: backup.keyCheck.ok }, { ok: true });
      // The data key is nowhere in the backup.
      assert.equal(quiet.dataKeyIncluded, false);
      const everything = readdirSync(quietDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => readFileSync(join(entry.parentPath, entry.name)));
      for (const bytes of everything) {
        assert.equal(bytes.indexOf(platform.dataKey), -1);
        assert.equal(bytes.indexOf(platform.dataKey.toString("base64")), -1);
      }

      for (const into of crossEngine ? [engine, otherEngine] : [engine]) {
        const restoredTarget = await target(into);
        const result = await restoreBackup({
          source: quietDir,
          database: restoredTarget.database,
          storageDir: restoredTarget.storageDir,
          cipher,
        });
        assert.equal(result.engine, into);
        assert.deepEqual(
          await contentsOf(restoredTarget.database),
          contents,
          `every row, restored into ${into}`,
        );
        assert.deepEqual(result.auditChain, quiet.auditChain);
        assert.ok(result.keyCheck.backup.files > 0 && result.keyCheck.restored.fields > 0);
        // Every file opens to the same bytes as the original's.
        const restoredFiles = new LocalFileStorage(restoredTarget.storageDir);
        for (const row of materials)
          for (const [key, variant] of [
            [row.storage_key, "original"],
            [row.thumbnail_key, "thumbnail"],
          ] as const) {
            if (!key) continue;
            const binding = sealedFileBinding(row.id, variant);
            assert.deepEqual(
              cipher.decryptBytes(await restoredFiles.get(key), binding),
              cipher.decryptBytes(await platform.ctx.storage.get(key), binding),
            );
          }
        if (into === engine) await usesRestoredPlatform(restoredTarget);
      }
    });

    /** The restored platform serves the applicant their filed order and its files. */
    async function usesRestoredPlatform(restored: Target) {
      const reopened = await openPlatform({
        databaseUrl: restored.database.url,
        pgSchema: restored.database.schema,
        storageDir: restored.storageDir,
        dataKey: platform.dataKey,
        regulatorToken: platform.regulatorToken,
        clock: platform.clock,
        logger: pino({ level: "silent" }),
        domainResolver: offlineResolver,
      });
      const app = await buildApp(reopened.ctx, { logger: false });
      try {
        const before = new ApiClient(platform.app);
        await before.logIn(filed.applicantEmail, PASSWORD);
        const afterwards = new ApiClient(app);
        await afterwards.logIn(filed.applicantEmail, PASSWORD);
        const order = await afterwards.get(`/api/orders/${filed.id}`);
        assert.equal(order.status, 200);
        assert.equal(order.body.state, "approved");
        const list = await afterwards.get(`/api/orders/${filed.id}/materials`);
        assert.ok(list.body.items.length >= 3);
        for (const item of list.body.items as { url: string }[]) {
          const restoredFile = await afterwards.binary("GET", item.url);
          assert.equal(restoredFile.status, 200);
          assert.deepEqual(restoredFile.body, (await before.binary("GET", item.url)).body);
        }
      } finally {
        await app.close();
        await reopened.close();
      }
    }

    test("a backup taken while orders are written is one instant's snapshot", async () => {
      const versionBefore = draft.version;
      let writes = 0;
      let stop = false;
      const writer = (async () => {
        for (let round = 0; !stop; round++) {
          const edited = await draftOwner.client.put(`/api/orders/${draft.id}/data`, {
            version: draft.version,
            data: personalOrder(draftOwner, round % 2 ? "李四" : "李思"),
          });
          assert.equal(edited.status, 200, JSON.stringify(edited.body));
          draft.version = edited.body.version;
          writes++;
          // A steady trickle, not a flood: let timers and I/O in (SQLite answers without yielding).
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      })();
      const replacedKeys = await platform.ctx.db
        .selectFrom("material")
        .select(["storage_key", "thumbnail_key"])
        .where("order_id", "=", draft.id)
        .where("kind", "=", "id_front")
        .executeTakeFirstOrThrow();
      let writerFailed = false;
      writer.catch(() => (writerFailed = true));
      const waitForWrites = async (count: number) => {
        while (writes < count && !writerFailed) await new Promise((resolve) => setTimeout(resolve, 5));
      };
      await waitForWrites(2);
      let atSnapshot: number | null = null;
      const dir = join(work, `${engine}-busy`);
      const backup = await createBackup({
        database: source(),
        storageDir: platform.storageDir,
        target: dir,
        onTableWritten: async () => {
          if (atSnapshot !== null) return;
          // The snapshot is fixed by now: what commits from here on is not in it.
          atSnapshot = writes;
          await waitForWrites(atSnapshot + 5);
          // An upload replaced after the snapshot: its old files are deleted before they are copied.
          await uploadMaterial(draftOwner.client, draft.id, "id_front");
        },
      });
      stop = true;
      await writer;
      const { manifest } = backup;
      assert.ok(writes >= 5);

      // The replaced files are reported, not an error.
      assert.deepEqual(
        manifest.files.missing.map((file) => [file.key, file.reason]).sort(),
        [replacedKeys.storage_key, replacedKeys.thumbnail_key]
          .filter(Boolean)
          .map((key) => [key, "released_after_snapshot"])
          .sort(),
      );
      // The counts in the manifest are the lines in the files.
      for (const table of manifest.tables)
        assert.equal(
          readFileSync(tableFile(dir, table.name), "utf8").split("\n").filter(Boolean).length,
          table.rows,
        );
      assert.equal(manifest.auditChain?.ok, true);
      assert.equal(manifest.auditChain?.records, manifest.auditChain?.lastSeq, "counter and records agree");

      const restoredTarget = await target();
      const result = await restoreBackup({
        source: dir,
        database: restoredTarget.database,
        storageDir: restoredTarget.storageDir,
        cipher,
      });
      assert.deepEqual(result.auditChain, manifest.auditChain);
      const restored = openDatabase(restoredTarget.database);
      try {
        const order = await restored.db
          .selectFrom("filing_order")
          .select("version")
          .where("id", "=", draft.id)
          .executeTakeFirstOrThrow();
        assert.ok(order.version > versionBefore, "edits before the snapshot are in it");
        assert.ok(order.version < draft.version, "edits after the snapshot are not");
        // The order and its audit trail come from the same instant.
        const trail = await restored.db
          .selectFrom("audit_log")
          .select((eb) => eb.fn.max("version").as("version"))
          .where("entity_id", "=", draft.id)
          .where("action", "=", "edit")
          .executeTakeFirstOrThrow();
        assert.equal(Number(trail.version), order.version);
        // Every restored audit record is the platform's, unaltered: a prefix of its chain.
        const restoredLog = await restored.db.selectFrom("audit_log").selectAll().orderBy("seq").execute();
        const sourceLog = await platform.ctx.db
          .selectFrom("audit_log")
          .selectAll()
          .where("seq", "<=", restoredLog.length)
          .orderBy("seq")
          .execute();
        assert.deepEqual(restoredLog, sourceLog);
      } finally {
        await restored.close();
      }
    });

    test("a damaged or altered backup is refused before anything is written, or undone", async () => {
      const copy = (name: string) => {
        const dir = join(work, `${engine}-${name}`);
        cpSync(quietDir, dir, { recursive: true });
        return dir;
      };
      const restoreInto = async (dir: string, into: Target) =>
        restoreBackup({ source: dir, database: into.database, storageDir: into.storageDir, cipher });

      const alteredRow = copy("altered-row");
      const log = tableFile(alteredRow, "audit_log");
      writeFileSync(log, readFileSync(log, "utf8").replace('"action":"create"', '"action":"forged"'));
      const first = await target();
      await rejectsWith(restoreInto(alteredRow, first), "BACKUP_CHECKSUM_MISMATCH");
      assert.ok(await isEmpty(first), "nothing written");

      const alteredFile = copy("altered-file");
      const file = storedFile(
        alteredFile,
        readFileSync(join(alteredFile, "files.ndjson"), "utf8").slice(8, 48),
      );
      const bytes = readFileSync(file);
      bytes[bytes.length - 1]! ^= 1;
      writeFileSync(file, bytes);
      await rejectsWith(restoreInto(alteredFile, first), "BACKUP_CHECKSUM_MISMATCH");
      assert.ok(await isEmpty(first), "nothing written");

      // Altered with the manifest made to match: the audit chain catches it after loading,
      // and the restore is undone, leaving the target empty as it was.
      const forged = copy("forged");
      const forgedLog = tableFile(forged, "audit_log");
      writeFileSync(
        forgedLog,
        readFileSync(forgedLog, "utf8").replace('"action":"create"', '"action":"forged"'),
      );
      const manifest = JSON.parse(readFileSync(join(forged, "manifest.json"), "utf8")) as BackupManifest;
      const entry = manifest.tables.find((table) => table.name === "audit_log")!;
      const forgedBytes = readFileSync(forgedLog);
      entry.sha256 = createHash("sha256").update(forgedBytes).digest("hex");
      entry.bytes = forgedBytes.length;
      writeFileSync(join(forged, "manifest.json"), JSON.stringify(manifest));
      await rejectsWith(restoreInto(forged, first), "RESTORE_VERIFY_FAILED");
      assert.ok(await isEmpty(first), "the failed restore was undone");
    });

    test("a target with data, a wrong data key and an interrupted backup are refused cleanly", async () => {
      await rejectsWith(
        createBackup({ database: source(), storageDir: platform.storageDir, target: quietDir }),
        "BACKUP_TARGET_NOT_EMPTY",
      );
      const countBefore = await platform.ctx.db.selectFrom("audit_log").select("id").execute();
      await rejectsWith(
        restoreBackup({ source: quietDir, database: source(), storageDir: platform.storageDir, cipher }),
        "RESTORE_TARGET_NOT_EMPTY",
      );
      assert.equal(
        (await platform.ctx.db.selectFrom("audit_log").select("id").execute()).length,
        countBefore.length,
      );

      const empty = await target();
      await rejectsWith(
        restoreBackup({
          source: quietDir,
          database: empty.database,
          storageDir: empty.storageDir,
          cipher: new FieldCipher(randomBytes(32)),
        }),
        "BACKUP_DATA_KEY_MISMATCH",
      );
      assert.ok(await isEmpty(empty));

      const interrupted = join(work, `${engine}-interrupted`);
      await assert.rejects(
        createBackup({
          database: source(),
          storageDir: platform.storageDir,
          target: interrupted,
          onTableWritten: (table) => {
            if (table === "filing_order") throw new Error("power cut");
          },
        }),
        /power cut/,
      );
      assert.deepEqual(
        readdirSync(work).filter((name) => name.includes(`${engine}-interrupted`)),
        [],
        "no directory that could pass for a backup, and no partial one left",
      );
      await rejectsWith(readManifest(join(work, `${engine}-source`)), "BACKUP_NOT_A_BACKUP");
    });
  });
}

describe("beian backup / restore (real processes on a SQLite data directory)", () => {
  const BIN = join(import.meta.dirname, "../bin/beian.mjs");
  const env: Record<string, string | undefined> = { ...process.env, BEIAN_MODE: "demo", LOG_LEVEL: "warn" };
  for (const name of ["DATABASE_URL", "BEIAN_DATA_KEY", "BEIAN_DATA_KEY_PREVIOUS", "BEIAN_REGULATOR_TOKEN"])
    delete env[name];
  const run = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { env });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
  let platform: TestPlatform;
  const dataDir = join(work, "cli-source");

  before(async () => {
    mkdirSync(dataDir);
    platform = await startTestPlatform("sqlite", { dataDir });
    const applicant = await readyApplicant(platform);
    const created = await applicant.client.post("/api/orders", { data: personalOrder(applicant) });
    await uploadStandardMaterials(applicant.client, created.body.id);
  });
  after(() => platform.close());

  test("backs up the running platform, refuses a restore without its key, restores with it", async () => {
    const backupDir = join(work, "cli-backup");
    // The platform keeps writing while the backup process reads.
    let stop = false;
    const writer = (async () => {
      for (let index = 0; !stop; index++) {
        await writeAudit(platform.ctx.db, {
          at: Date.now(),
          actorKind: "system",
          actorUserId: null,
          accountId: null,
          entity: "test",
          entityId: `during-backup-${index}`,
          action: "write",
        });
        // The child's output and exit are events: let them in between writes.
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    const backup = await run("backup", backupDir, "--data-dir", dataDir, "--json");
    stop = true;
    await writer;
    assert.equal(backup.status, 0, backup.stderr);
    const report = JSON.parse(backup.stdout);
    assert.equal(report.ok, true);
    assert.equal(report.dir, backupDir);
    assert.equal(report.engine, "sqlite");
    assert.equal(report.dataKeyIncluded, false);
    assert.equal(report.dataKeyOpens, true);
    assert.equal(report.files.count, 6, "three uploads, each with its thumbnail");
    assert.equal(report.auditChain.ok, true);

    // Into a fresh data directory: without the old secrets.json (a new key is generated
    // there) the restore is refused; with it, it succeeds. Both at once: two processes.
    const withoutKey = join(work, "cli-restore-without-key");
    const restoredDir = join(work, "cli-restore");
    mkdirSync(restoredDir);
    cpSync(join(dataDir, "secrets.json"), join(restoredDir, "secrets.json"));
    const [refused, restored] = await Promise.all([
      run("restore", backupDir, "--data-dir", withoutKey),
      run("restore", backupDir, "--data-dir", restoredDir, "--json"),
    ]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /BACKUP_DATA_KEY_MISMATCH/);
    assert.match(refused.stderr, /数据密钥/);
    assert.match(refused.stderr, /secrets\.json/);
    assert.equal(restored.status, 0, restored.stderr);
    const result = JSON.parse(restored.stdout);
    assert.equal(result.ok, true);
    assert.equal(result.rows, report.rows);
    assert.equal(result.files.count, 6);
    assert.deepEqual(result.auditChain, report.auditChain);
  });

  test("a usage error exits 2 with the usage", async () => {
    // In-process: the arguments are refused before any configuration is read.
    const printed: string[] = [];
    const { error } = console;
    console.error = (...args: unknown[]) => void printed.push(args.join(" "));
    try {
      assert.equal(await runBackupCommand("restore", ["--data-dir", dataDir]), 2);
      assert.equal(await runBackupCommand("backup", ["one", "two"]), 2);
      assert.equal(await runBackupCommand("backup", ["dir", "--force"]), 2);
    } finally {
      console.error = error;
    }
    assert.match(printed.join("\n"), /beian restore <dir> \[--data-dir <dir>\] \[--json\]/);
  });
});
