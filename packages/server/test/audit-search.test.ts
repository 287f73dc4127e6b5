import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DAY_MS } from "@openbeian/core";
import { writeAudit } from "../src/audit/audit-log.ts";
import { maskText } from "../src/audit/mask.ts";
import { newId } from "../src/platform/ids.ts";
import { ApiClient } from "./support/client.ts";
import { csvDownload } from "./support/csv.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";
import {
  namedStaff,
  regulatorEvent,
  submittedOrder,
  versionOf,
  type NamedStaff,
  type SubmittedOrder,
} from "./support/review-history.ts";

interface Item {
  id: string;
  at: string;
  actorKind: string;
  actor: { id: string; displayName: string } | null;
  accountId: string | null;
  entity: string;
  entityId: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  detail: any;
}

describe("masking personal data in audit text", () => {
  test("certificates and phone numbers are masked, ids and record numbers are not", () => {
    assert.equal(maskText("身份证号330106197001010012有误"), "身份证号330***********0012有误");
    assert.equal(maskText("证件 33010619700101001X"), "证件 330***********001X");
    assert.equal(
      maskText("统一社会信用代码91330106MA2H2X1Y3K不一致"),
      "统一社会信用代码913***********1Y3K不一致",
    );
    assert.equal(maskText("手机号13800138000无法接通"), "手机号138****8000无法接通");
    assert.equal(maskText("+86 13800138000"), "138****8000");
    assert.equal(maskText("办公电话0571-88886666"), "办公电话057****6666");
    for (const kept of [
      "OB20260302000001",
      "浙ICP备2026001234号-1",
      "2026-03-02",
      newId(),
      "websites.0.name",
    ]) {
      assert.equal(maskText(kept), kept);
    }
  });
});

for (const engine of engines()) {
  describe(`audit search (${engine})`, () => {
    let platform: TestPlatform;
    let reviewer: NamedStaff;
    let supervisor: NamedStaff;
    let order: SubmittedOrder;
    let other: SubmittedOrder;
    const search = (query: string, client = supervisor.client) => client.get(`/api/audit?${query}`);

    before(async () => {
      platform = await startTestPlatform(engine, { sessionTtlMs: 30 * DAY_MS });
      platform.clock.set(Date.parse("2026-03-02T09:00:00+08:00"));
      reviewer = await namedStaff(platform, "reviewer", "李审核");
      supervisor = await namedStaff(platform, "supervisor", "赵主管");
      order = await submittedOrder(platform);
      platform.clock.advance(DAY_MS);
      other = await submittedOrder(platform);
      const returned = await reviewer.client.post(`/api/review/orders/${order.id}/return`, {
        version: await versionOf(reviewer.client, order.id),
        fields: [
          { field: "subject.certificateNumber", reason: "身份证号330106197001010012与照片不一致" },
          { field: "subject.head.mobile", reason: "手机号13800138000无法接通_请核实100%" },
        ],
      });
      assert.equal(returned.status, 200, JSON.stringify(returned.body));
      platform.clock.advance(DAY_MS);
      const approved = await reviewer.client.post(`/api/review/orders/${other.id}/approve`, {
        version: await versionOf(reviewer.client, other.id),
      });
      assert.equal(approved.status, 200);
      await regulatorEvent(platform, other.number, { type: "sms_sent" });
    });
    after(() => platform.close());

    test("newest first, with the actor's name and personal data masked in the detail", async () => {
      const response = await search("entity=order&entityId=" + order.id);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      const items: Item[] = response.body.items;
      assert.deepEqual(
        items.map((item) => item.action),
        ["return", "submit", "create"],
      );
      assert.equal(response.body.nextCursor, null);
      const [returned] = items;
      assert.ok(returned);
      assert.deepEqual(returned.actor, { id: reviewer.id, displayName: "李审核" });
      assert.equal(returned.actorKind, "reviewer");
      assert.equal(returned.fromState, "provider_review");
      assert.equal(returned.toState, "returned");
      assert.equal(returned.entity, "order");
      assert.equal(returned.entityId, order.id);
      assert.equal(returned.at, new Date(Date.parse("2026-03-03T09:00:00+08:00")).toISOString());
      assert.deepEqual(returned.detail.fields, [
        { field: "subject.certificateNumber", reason: "身份证号330***********0012与照片不一致" },
        { field: "subject.head.mobile", reason: "手机号138****8000无法接通_请核实100%" },
      ]);
      assert.ok(!JSON.stringify(response.body).includes("13800138000"));
      assert.ok(!JSON.stringify(response.body).includes("330106197001010012"));
      // The applicant's own records carry the account; the regulator has no user.
      assert.equal(items[2]?.accountId, items[0]?.accountId);
      const regulator = (await search(`entityId=${other.id}&action=sms_sent`)).body.items;
      assert.equal(regulator.length, 1);
      assert.equal(regulator[0].actor, null);
      assert.equal(regulator[0].actorKind, "regulator");
    });

    test("filters: actor, account, action, time range", async () => {
      const byReviewer: Item[] = (await search(`actorUserId=${reviewer.id}`)).body.items;
      assert.deepEqual(
        byReviewer.map((item) => [item.action, item.entityId]),
        [
          ["approve", other.id],
          ["return", order.id],
        ],
      );
      const account = byReviewer[1]?.accountId;
      const byAccount: Item[] = (await search(`accountId=${account}`)).body.items;
      assert.ok(byAccount.length > 3);
      assert.ok(byAccount.every((item) => item.accountId === account));
      assert.ok(byAccount.some((item) => item.entity === "material"));
      const submits: Item[] = (await search("action=submit")).body.items;
      assert.deepEqual(
        submits.map((item) => item.entityId),
        [other.id, order.id],
      );
      // Days are China days; an instant with its offset works too (the end is exclusive).
      const onTuesday: Item[] = (await search("entity=order&from=2026-03-03&to=2026-03-03")).body.items;
      assert.deepEqual(
        onTuesday.map((item) => [item.action, item.entityId]),
        [
          ["return", order.id],
          ["submit", other.id],
          ["create", other.id],
        ],
      );
      const instant = (text: string) => encodeURIComponent(`${text}+08:00`);
      const untilApproval: Item[] = (
        await search(
          `entity=order&from=${instant("2026-03-03T09:00:00")}&to=${instant("2026-03-04T09:00:00")}`,
        )
      ).body.items;
      assert.deepEqual(
        untilApproval.map((item) => item.action),
        ["return", "submit", "create"],
      );
      const fromApproval: Item[] = (await search(`entity=order&from=${instant("2026-03-04T09:00:00")}`)).body
        .items;
      assert.deepEqual(
        fromApproval.map((item) => item.action),
        ["sms_sent", "approve"],
      );
    });

    test("q searches action, entity id and detail text, any case, wildcards taken literally", async () => {
      const q = async (text: string) =>
        ((await search(`q=${encodeURIComponent(text)}`)).body.items as Item[]).map((item) => item.action);
      assert.deepEqual(await q("SMS_SENT"), ["sms_sent"]);
      assert.deepEqual(await q("无法接通"), ["return"]);
      assert.deepEqual(await q("_请核实100%"), ["return"]);
      assert.deepEqual(await q("s_bmit"), []);
      assert.deepEqual(await q("100%%"), []);
      assert.deepEqual(await q("!"), []);
      assert.ok((await q(order.id)).includes("create"));
      const tooLong = await search(`q=${"长".repeat(101)}`);
      assert.equal(tooLong.status, 400);
    });

    test("keyset pages: every record once, newest first", async () => {
      const all: Item[] = (await search("limit=200")).body.items;
      assert.ok(all.length >= 10);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response = await search(`limit=3${cursor ? `&cursor=${cursor}` : ""}`);
        assert.equal(response.status, 200);
        assert.ok(response.body.items.length <= 3);
        seen.push(...response.body.items.map((item: Item) => item.id));
        cursor = response.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 100);
      assert.deepEqual(
        seen,
        all.map((item) => item.id),
      );
      assert.deepEqual(seen, [...seen].sort().reverse());
      for (const query of [
        "limit=0",
        "limit=201",
        "limit=x",
        "cursor=a;b",
        "from=yesterday",
        "from=2026-02-30",
        "to=2026-02-30T10:00:00Z",
        "bogus=1",
      ]) {
        const response = await search(query);
        assert.equal(response.status, 400, query);
        assert.equal(response.body.code, "VALIDATION_FAILED");
      }
    });

    test("supervisors and admins search; reviewers and applicants may not", async () => {
      assert.equal((await search("", reviewer.client)).status, 403);
      assert.equal((await search("", order.applicant.client)).status, 403);
      assert.equal((await search("", new ApiClient(platform.app))).status, 401);
      const admin = await namedStaff(platform, "admin", "钱管理");
      assert.equal((await search("", admin.client)).status, 200);
    });

    test("an order's trail for any staff member, oldest first", async () => {
      const trail = await reviewer.client.get(`/api/review/orders/${order.id}/audit`);
      assert.equal(trail.status, 200);
      const items: Item[] = trail.body.items;
      assert.deepEqual(
        items.map((item) => item.action),
        ["create", "submit", "return"],
      );
      assert.equal(items[2]?.actor?.displayName, "李审核");
      assert.equal(items[0]?.actorKind, "applicant");
      assert.equal(items[0]?.actor?.displayName, "张三");
      assert.match(items[2]?.detail.fields[1].reason, /138\*\*\*\*8000/);
      assert.equal((await reviewer.client.get(`/api/review/orders/nope/audit`)).status, 404);
      const applicant = await order.applicant.client.get(`/api/review/orders/${order.id}/audit`);
      assert.equal(applicant.status, 403);
    });

    test("导出: what the search finds as CSV, masked alike, past any page; the export itself recorded", async () => {
      const exported = (query: string, client = supervisor.client) =>
        client.binary("GET", `/api/audit/export?${query}`);
      const [header, ...rows] = csvDownload(await exported(`entity=order&entityId=${order.id}`), "audit-log");
      assert.deepEqual(header!.slice(0, 2), ["时间", "操作人"]);
      assert.equal(header!.length, 12);
      assert.deepEqual(
        rows.map((row) => row[7]),
        ["return", "submit", "create"],
      );
      assert.deepEqual(rows[0]!.slice(0, 2), ["2026-03-03 09:00", "李审核"]);
      assert.match(rows[0]![10]!, /330\*{11}0012/);
      const text = JSON.stringify(rows);
      assert.ok(
        !text.includes("13800138000") && !text.includes("330106197001010012"),
        "masked as in the search",
      );

      // More records than a page of the search (200): the export reads them all, newest first.
      await platform.ctx.db.transaction().execute(async (trx) => {
        for (let index = 0; index < 450; index++)
          await writeAudit(trx, {
            at: platform.clock.now().getTime(),
            actorKind: "system",
            actorUserId: null,
            accountId: null,
            entity: "bulk_test",
            entityId: `bulk-${index}`,
            action: "touch",
          });
      });
      const bulk = csvDownload(await exported("entity=bulk_test&lang=en"), "audit-log");
      assert.equal(bulk[0]![0], "Time (China)");
      assert.equal(bulk.length - 1, 450);
      const ids = bulk.slice(1).map((row) => row[11]!);
      assert.deepEqual(ids, [...ids].sort().reverse(), "newest first, each once");
      assert.equal(new Set(ids).size, 450);

      // A bad period is refused before anything is sent; reviewers may not export.
      const refused = await exported("from=2026-02-30");
      assert.equal(refused.status, 400);
      assert.equal(refused.json().code, "VALIDATION_FAILED");
      assert.equal((await exported("", reviewer.client)).status, 403);
      const recorded: Item[] = (await search("entity=audit_log&action=export")).body.items;
      assert.equal(recorded.length, 2, "the two exports that were sent");
      assert.deepEqual(recorded[0]?.detail, { entity: "bulk_test", lang: "en" });
      assert.deepEqual(recorded[0]?.actor, { id: supervisor.id, displayName: "赵主管" });
    });
  });
}
