import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DAY_MS } from "@openbeian/core";
import { newId } from "../src/platform/ids.ts";
import type { ApiClient } from "./support/client.ts";
import { readyApplicant, staffClient, type ReadyApplicant } from "./support/factories.ts";
import { filedOrder } from "./support/filed-order.ts";
import { csvDownload } from "./support/csv.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";

/**
 * 备案监测's list and its CSV export with more open findings than the list shows (500) and than
 * the export reads at once (1,000): the list says how many there are in all and of each kind;
 * the export holds every one, nearest due first (ties on the due date too), with Excel's BOM,
 * RFC 4180 quoting and formula-looking text defused; it filters by kind, speaks English on
 * request, is staff-only and leaves an audit record.
 */
const FINDINGS = 1_250;
const KINDS = ["footer_noncompliant", "domain_expiry", "access_inaccurate"] as const;
const TRICKY = '第1行, "引号"\n第2行';
const FORMULA = '=HYPERLINK("http://evil.example/","点我")';

for (const engine of engines()) {
  describe(`filing watch export (${engine})`, () => {
    let platform: TestPlatform;
    let applicant: ReadyApplicant;
    let reviewer: ApiClient;
    const dueOf = (index: number) => Date.UTC(2027, 0, 1) + Math.floor(index / 7) * DAY_MS;

    before(async () => {
      platform = await startTestPlatform(engine);
      applicant = await readyApplicant(platform);
      reviewer = await staffClient(platform);
      await filedOrder(platform, applicant, reviewer);
      const website = await platform.ctx.db
        .selectFrom("website")
        .select(["id", "account_id"])
        .executeTakeFirstOrThrow();
      // Written straight to the table, in shuffled order; seven findings share each due date, so
      // the export's first batch (1,000) ends inside a group that shares one.
      const rows = Array.from({ length: FINDINGS }, (_, index) => ({
        id: newId(),
        account_id: website.account_id,
        website_id: website.id,
        kind: KINDS[index % KINDS.length]!,
        item: `item-${index}`,
        level: "failing",
        due_at: dueOf(index),
        first_seen_at: Date.UTC(2026, 10, 29, 12, 44),
        last_seen_at: Date.UTC(2026, 10, 29, 12, 44),
        resolved_at: null,
        notified_level: "failing",
        detail_json: JSON.stringify(
          index === 7
            ? { zh: TRICKY, en: TRICKY }
            : index === 8
              ? { zh: FORMULA, en: FORMULA }
              : { zh: `发现 ${index}`, en: `finding ${index}` },
        ),
      }));
      rows.sort((a, b) => a.id.localeCompare(b.id));
      for (let start = 0; start < rows.length; start += 200)
        await platform.ctx.db
          .insertInto("watch_finding")
          .values(rows.slice(start, start + 200))
          .execute();
    });
    after(() => platform.close());

    const exported = async (query = "", client: ApiClient = reviewer) =>
      client.binary("GET", `/api/review/watch/export${query}`);

    test("the list shows the first 500 and says how many there are, in all and of each kind", async () => {
      const list = await reviewer.get("/api/review/watch");
      assert.equal(list.status, 200);
      assert.equal(list.body.items.length, 500);
      assert.equal(list.body.total, FINDINGS);
      assert.deepEqual(list.body.byKind, {
        footer_noncompliant: 417,
        domain_expiry: 417,
        access_inaccurate: 416,
      });
    });

    test("the export holds every finding, nearest due first, quoted and defused", async () => {
      const [header, ...rows] = csvDownload(await exported(), "watch-findings");
      assert.deepEqual(header, [
        "域名",
        "网站备案号",
        "类型",
        "说明",
        "级别",
        "截止日期",
        "首次发现",
        "账号ID",
        "订单ID",
      ]);
      assert.equal(header!.length, 9);
      assert.equal(rows.length, FINDINGS, "every finding, across the export's batches");
      assert.ok(rows.every((row) => row.length === 9));
      const dues = rows.map((row) => row[5]!);
      assert.deepEqual(dues, [...dues].sort(), "nearest due first");
      assert.equal(new Set(rows.map((row) => row[3])).size, FINDINGS, "no finding twice across batch edges");
      assert.equal(rows[0]![5], "2027-01-01", "the due date in China");
      assert.equal(rows[0]![6], "2026-11-29 20:44", "first seen, China's time");
      assert.equal(rows[0]![4], "不合规");
      assert.ok(
        rows.some((row) => row[3] === TRICKY),
        "commas, quotes and a line break survive",
      );
      assert.ok(
        rows.some((row) => row[3] === `'${FORMULA}`),
        "a formula is written as text",
      );
      assert.ok(
        !rows.some((row) => row.some((cell) => cell.startsWith("="))),
        "never a cell that starts with =",
      );
    });

    test("filtered by kind, in English", async () => {
      const [header, ...rows] = csvDownload(
        await exported("?kind=access_inaccurate&lang=en"),
        "watch-findings-access_inaccurate",
      );
      assert.equal(header![0], "Domain");
      assert.equal(rows.length, 416);
      assert.ok(rows.every((row) => row[2] === "Access inaccurate"));
      assert.equal((await exported("?kind=nonsense")).status, 400);
      assert.equal((await exported("?format=xlsx")).status, 400);
    });

    test("staff only, and recorded in the audit log", async () => {
      assert.equal((await exported("", applicant.client)).status, 403);
      const audit = await platform.ctx.db
        .selectFrom("audit_log")
        .select(["actor_user_id", "detail"])
        .where("entity", "=", "watch_finding")
        .where("action", "=", "export")
        .execute();
      assert.ok(audit.length >= 2);
      assert.ok(audit.every((row) => row.actor_user_id !== null));
      assert.ok(audit.some((row) => JSON.parse(row.detail).kind === "access_inaccurate"));
    });
  });
}
