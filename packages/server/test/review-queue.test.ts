import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DAY_MS, makeResidentId, type OrderData } from "@openbeian/core";
import { createUser } from "../src/identity/accounts.ts";
import { ConfigError, loadConfig } from "../src/platform/config.ts";
import { DnsDomainResolver, type DomainResolver } from "../src/review/domain-resolver.ts";
import { ApiClient } from "./support/client.ts";
import {
  STAFF_PASSWORD,
  personalOrder,
  readyApplicant,
  staffClient,
  uniqueEmail,
  type ReadyApplicant,
} from "./support/factories.ts";
import { uploadStandardMaterials } from "./support/materials.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";

/**
 * The review queue's backend (issue 6): the SLA clock on queue items, filters and sorting,
 * "my tasks", claim / release / assign, the own-account rule, risk signals (with a fake DNS),
 * calls with the automatic return on the second missed call, reason templates and bulk actions.
 */
const cn = (local: string) => new Date(`${local.replace(" ", "T")}:00+08:00`);

/** A DNS whose answers the tests set; unknown domains "fail" (no signal). */
class FakeResolver implements DomainResolver {
  readonly answers = new Map<string, string[]>();
  async resolve4(domain: string) {
    return this.answers.get(domain) ?? null;
  }
}

interface Item {
  id: string;
  state: string;
  sla: {
    dueAt: string | null;
    usedWorkingDays: number;
    limitDays: number;
    paused: boolean;
    breached: boolean;
  };
  assignee: { id: string; displayName: string } | null;
  risk: { score: number; signals: { id: string; level: string; message: { zh: string; en: string } }[] };
}

for (const engine of engines()) {
  describe(`review queue (${engine})`, () => {
    let platform: TestPlatform;
    const dns = new FakeResolver();
    let reviewer: ApiClient;
    let reviewerId: string;
    let other: ApiClient;
    let otherId: string;
    let supervisor: ApiClient;

    before(async () => {
      platform = await startTestPlatform(engine, {
        domainResolver: dns,
        poolSize: 8,
        sessionTtlMs: 365 * DAY_MS,
      });
      platform.clock.set(cn("2026-03-02 09:00"));
      reviewer = await staffClient(platform);
      reviewerId = (await reviewer.get("/api/session")).body.user.id;
      other = await staffClient(platform);
      otherId = (await other.get("/api/session")).body.user.id;
      supervisor = await staffClient(platform, "supervisor");
    });
    after(() => platform.close());

    /** A submitted personal first filing; every head has an e-mail address of its own. */
    const submitted = async (edit?: (data: OrderData, applicant: ReadyApplicant) => void) => {
      const applicant = await readyApplicant(platform);
      const data = personalOrder(applicant);
      data.subject!.head!.email = uniqueEmail("head");
      edit?.(data, applicant);
      const created = await applicant.client.post("/api/orders", { data });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      await uploadStandardMaterials(applicant.client, created.body.id);
      const done = await applicant.client.post(`/api/orders/${created.body.id}/submit`, {
        version: created.body.version,
      });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      return { applicant, id: created.body.id as string, version: done.body.version as number };
    };

    const queue = async (client: ApiClient, query = "") => {
      const response = await client.get(`/api/review/orders?limit=200${query}`);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body.items as Item[];
    };
    const itemOf = async (id: string, query = "") =>
      (await queue(reviewer, query)).find((item) => item.id === id);

    const resubmit = async (applicant: ReadyApplicant, id: string) => {
      const view = await applicant.client.get(`/api/orders/${id}`);
      const response = await applicant.client.post(`/api/orders/${id}/submit`, {
        version: view.body.version,
      });
      assert.equal(response.status, 200, JSON.stringify(response.body));
    };
    const returnOrder = async (id: string, client = reviewer) => {
      const view = await client.get(`/api/review/orders/${id}`);
      const response = await client.post(`/api/review/orders/${id}/return`, {
        version: view.body.version,
        fields: [{ field: "websites.0.name", reason: "网站名称不规范" }],
      });
      assert.equal(response.status, 200, JSON.stringify(response.body));
    };

    let slaOrder: Awaited<ReturnType<typeof submitted>>;
    let laterOrder: Awaited<ReturnType<typeof submitted>>;

    test("the SLA clock: due at the end of the next working day, limit from the configuration, paused while returned", async () => {
      slaOrder = await submitted();
      laterOrder = await submitted();
      const fresh = await itemOf(slaOrder.id);
      assert.deepEqual(fresh?.sla, {
        dueAt: cn("2026-03-04 00:00").toISOString(),
        usedWorkingDays: 0,
        limitDays: 1,
        paused: false,
        breached: false,
      });
      assert.equal(fresh?.assignee, null);
      assert.deepEqual(fresh?.risk, { score: 0, signals: [] });

      platform.ctx.reviewSlaWorkingDays = 2;
      try {
        const longer = await itemOf(slaOrder.id);
        assert.equal(longer?.sla.limitDays, 2);
        assert.equal(longer?.sla.dueAt, cn("2026-03-05 00:00").toISOString());
        // The applicant's ETA uses the same limit.
        const view = await slaOrder.applicant.client.get(`/api/orders/${slaOrder.id}`);
        assert.equal(view.body.eta.eta.steps[0].dueBy, "2026-03-04");
      } finally {
        platform.ctx.reviewSlaWorkingDays = 1;
      }

      platform.clock.set(cn("2026-03-03 12:00"));
      assert.equal((await itemOf(slaOrder.id))?.sla.usedWorkingDays, 0.5);
      await returnOrder(slaOrder.id);
      await returnOrder(laterOrder.id);
      const waiting = await itemOf(slaOrder.id, "&state=returned");
      assert.deepEqual(waiting?.sla, {
        dueAt: null,
        usedWorkingDays: 0.5,
        limitDays: 1,
        paused: true,
        breached: false,
      });
      assert.equal(await itemOf(slaOrder.id), undefined);

      // Resubmitted on Wednesday afternoon: Wednesday is free, half of Thursday is left.
      platform.clock.set(cn("2026-03-04 15:00"));
      await resubmit(slaOrder.applicant, slaOrder.id);
      platform.clock.set(cn("2026-03-05 06:00"));
      const back = await itemOf(slaOrder.id);
      assert.equal(back?.state, "resubmitted");
      assert.equal(back?.sla.usedWorkingDays, 0.75);
      assert.equal(back?.sla.dueAt, cn("2026-03-05 12:00").toISOString());
      platform.clock.set(cn("2026-03-05 13:00"));
      assert.equal((await itemOf(slaOrder.id))?.sla.breached, true);
    });

    test("the SLA limit comes from BEIAN_REVIEW_SLA_WORKING_DAYS", () => {
      const dataDir = mkdtempSync(join(tmpdir(), "beian-config-"));
      try {
        const env = { BEIAN_DATA_DIR: dataDir };
        assert.equal(loadConfig({ env }).reviewSlaWorkingDays, 1);
        assert.equal(
          loadConfig({ env: { ...env, BEIAN_REVIEW_SLA_WORKING_DAYS: "3" } }).reviewSlaWorkingDays,
          3,
        );
        for (const bad of ["0", "1.5", "x", "31"]) {
          assert.throws(
            () => loadConfig({ env: { ...env, BEIAN_REVIEW_SLA_WORKING_DAYS: bad } }),
            ConfigError,
          );
        }
        assert.deepEqual(
          loadConfig({ env: { ...env, BEIAN_RISK_CHEAP_PRODUCTS: " a.nano , *micro*," } }).riskCheapProducts,
          ["a.nano", "*micro*"],
        );
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });

    test("filters, sorting and my tasks", async () => {
      // Thursday 13:00: a new order (due Friday 24:00), then the earlier one comes back with half a day left.
      const fresh = await submitted();
      platform.clock.set(cn("2026-03-05 14:00"));
      await resubmit(laterOrder.applicant, laterOrder.id);
      const ours = [slaOrder.id, laterOrder.id, fresh.id];
      const mine = (items: Item[]) => items.filter((item) => ours.includes(item.id)).map((item) => item.id);

      const bySla = await queue(reviewer);
      assert.deepEqual(mine(bySla), [slaOrder.id, laterOrder.id, fresh.id]);
      assert.equal(
        bySla.find((item) => item.id === laterOrder.id)?.sla.dueAt,
        cn("2026-03-06 12:00").toISOString(),
      );
      const dues = bySla.map((item) => item.sla.dueAt ?? "9999");
      assert.deepEqual(dues, [...dues].sort());
      assert.deepEqual(mine(await queue(reviewer, "&sort=age")), [slaOrder.id, fresh.id, laterOrder.id]);

      assert.deepEqual(mine(await queue(reviewer, "&province=33")), [slaOrder.id, laterOrder.id, fresh.id]);
      assert.deepEqual(mine(await queue(reviewer, "&province=11")), []);
      assert.deepEqual(mine(await queue(reviewer, "&orderType=first_filing")).length, 3);
      assert.deepEqual(mine(await queue(reviewer, "&orderType=add_website")), []);
      assert.equal((await reviewer.get("/api/review/orders?province=3")).status, 400);
      assert.equal((await reviewer.get("/api/review/orders?sort=newest")).status, 400);

      platform.clock.set(cn("2026-03-06 16:00"));
      // Ages from the latest submission: Wednesday 15:00, Thursday 13:00, Thursday 14:00.
      assert.deepEqual(mine(await queue(reviewer, "&minAgeDays=2")), [slaOrder.id]);
      assert.deepEqual(mine(await queue(reviewer, "&minAgeDays=1")).length, 3);

      const claim = await reviewer.post(`/api/review/orders/${fresh.id}/claim`);
      assert.equal(claim.status, 200, JSON.stringify(claim.body));
      assert.deepEqual(claim.body.assignee, { id: reviewerId, displayName: "审核员" });
      assert.equal(claim.body.orderId, fresh.id);
      assert.deepEqual(mine(await queue(reviewer, "&assignee=me")), [fresh.id]);
      assert.deepEqual(mine(await queue(other, "&assignee=me")), []);
      assert.deepEqual(mine(await queue(other, `&assignee=${reviewerId}`)), [fresh.id]);
      assert.deepEqual(mine(await queue(reviewer, "&assignee=none")), [slaOrder.id, laterOrder.id]);
      assert.deepEqual((await itemOf(fresh.id))?.assignee, { id: reviewerId, displayName: "审核员" });

      const applicant = await fresh.applicant.client.get("/api/review/orders");
      assert.equal(applicant.status, 403);
    });

    test("two concurrent claims: one 200, one 409 naming the holder", async () => {
      const order = await submitted();
      const results = await Promise.all([
        reviewer.post(`/api/review/orders/${order.id}/claim`),
        other.post(`/api/review/orders/${order.id}/claim`),
      ]);
      assert.deepEqual(results.map((result) => result.status).sort(), [200, 409]);
      const winner = results.find((result) => result.status === 200)!.body.assignee.id;
      const loser = results.find((result) => result.status === 409)!;
      assert.equal(loser.body.code, "ALREADY_CLAIMED");
      assert.equal(loser.body.details.holder.id, winner);
      assert.ok([reviewerId, otherId].includes(winner));
      const claims = await platform.ctx.db
        .selectFrom("audit_log")
        .select(["actor_user_id", "detail"])
        .where("entity_id", "=", order.id)
        .where("action", "=", "claim")
        .execute();
      assert.equal(claims.length, 1);
      assert.equal(claims[0]?.actor_user_id, winner);
      // Claiming again is harmless for the holder.
      const holder = winner === reviewerId ? reviewer : other;
      assert.equal((await holder.post(`/api/review/orders/${order.id}/claim`)).status, 200);
    });

    test("release: the holder or a supervisor; assign: supervisors, to provider staff only", async () => {
      const order = await submitted();
      assert.equal((await reviewer.post(`/api/review/orders/${order.id}/claim`)).status, 200);
      const refused = await other.post(`/api/review/orders/${order.id}/release`);
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, "FORBIDDEN");
      const released = await reviewer.post(`/api/review/orders/${order.id}/release`);
      assert.equal(released.status, 200);
      assert.equal(released.body.assignee, null);
      assert.equal((await reviewer.post(`/api/review/orders/${order.id}/claim`)).status, 200);
      const bySupervisor = await supervisor.post(`/api/review/orders/${order.id}/release`);
      assert.equal(bySupervisor.status, 200);
      assert.equal(bySupervisor.body.assignee, null);

      const notAllowed = await reviewer.post(`/api/review/orders/${order.id}/assign`, { userId: otherId });
      assert.equal(notAllowed.status, 403);
      const assigned = await supervisor.post(`/api/review/orders/${order.id}/assign`, { userId: otherId });
      assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
      assert.deepEqual(assigned.body.assignee, { id: otherId, displayName: "审核员" });
      const taken = await reviewer.post(`/api/review/orders/${order.id}/claim`);
      assert.equal(taken.status, 409);
      assert.equal(taken.body.details.holder.id, otherId);
      // Reassigned to someone else.
      const reassigned = await supervisor.post(`/api/review/orders/${order.id}/assign`, {
        userId: reviewerId,
      });
      assert.equal(reassigned.body.assignee.id, reviewerId);

      const applicantId = (await order.applicant.client.get("/api/session")).body.user.id;
      const notStaff = await supervisor.post(`/api/review/orders/${order.id}/assign`, {
        userId: applicantId,
      });
      assert.equal(notStaff.status, 422);
      assert.equal(notStaff.body.code, "ASSIGNEE_NOT_STAFF");
      assert.equal(
        (await supervisor.post(`/api/review/orders/${order.id}/assign`, { userId: "nobody" })).body.code,
        "ASSIGNEE_NOT_STAFF",
      );

      const actions = await platform.ctx.db
        .selectFrom("audit_log")
        .select(["action", "actor_user_id", "detail"])
        .where("entity_id", "=", order.id)
        .where("action", "in", ["claim", "release", "assign"])
        .orderBy("id")
        .execute();
      assert.deepEqual(
        actions.map((entry) => entry.action),
        ["claim", "release", "claim", "release", "assign", "assign"],
      );
      assert.deepEqual(JSON.parse(actions[4]!.detail), {
        assigneeUserId: otherId,
        previousAssigneeUserId: null,
      });
      // The review's bookkeeping stays out of the applicant's timeline.
      const view = await order.applicant.client.get(`/api/orders/${order.id}`);
      assert.ok(!view.body.timeline.some((entry: { action: string }) => entry.action === "claim"));
      const reviewerView = await reviewer.get(`/api/review/orders/${order.id}`);
      assert.ok(reviewerView.body.timeline.some((entry: { action: string }) => entry.action === "assign"));
      assert.deepEqual(reviewerView.body.assignee, { id: reviewerId, displayName: "审核员" });

      const staff = await reviewer.get("/api/review/staff");
      assert.equal(staff.status, 200);
      const ids = staff.body.items.map((item: { id: string }) => item.id);
      assert.ok(ids.includes(reviewerId) && ids.includes(otherId));
      assert.ok(!ids.includes(applicantId));
      assert.ok(staff.body.items.some((item: { role: string }) => item.role === "supervisor"));
      assert.equal((await order.applicant.client.get("/api/review/staff")).status, 403);
    });

    test("staff may not decide on an order of their own account", async () => {
      // The provider files for itself: an applicant user in the staff member's account.
      const email = uniqueEmail("provider-staff");
      const { accountId } = await createUser(platform.ctx, {
        email,
        password: STAFF_PASSWORD,
        displayName: "自家审核员",
        accountType: "organization",
        role: "reviewer",
        accountKind: "provider",
      });
      const insider = new ApiClient(platform.app);
      await insider.logIn(email, STAFF_PASSWORD);
      const insiderId = (await insider.get("/api/session")).body.user.id;
      const applicantEmail = uniqueEmail("provider-applicant");
      await createUser(platform.ctx, {
        email: applicantEmail,
        password: STAFF_PASSWORD,
        displayName: "李四",
        accountType: "organization",
        role: "applicant",
        accountKind: "provider",
        accountId,
      });
      const own = await submittedBy(platform, applicantEmail);

      const view = await insider.get(`/api/review/orders/${own.id}`);
      assert.equal(view.status, 200);
      assert.equal(view.body.ownAccount, true);
      assert.deepEqual(view.body.allowedActions, []);
      const expectOwn = (response: { status: number; body: { code: string } }) => {
        assert.equal(response.status, 403, JSON.stringify(response.body));
        assert.equal(response.body.code, "REVIEW_OWN_ACCOUNT");
      };
      expectOwn(await insider.post(`/api/review/orders/${own.id}/approve`, { version: own.version }));
      expectOwn(
        await insider.post(`/api/review/orders/${own.id}/return`, {
          version: own.version,
          fields: [{ field: "websites.0.name", reason: "x" }],
        }),
      );
      expectOwn(
        await insider.post(`/api/review/orders/${own.id}/reject`, { version: own.version, reason: "x" }),
      );
      expectOwn(await insider.post(`/api/review/orders/${own.id}/claim`));
      expectOwn(await insider.post(`/api/review/orders/${own.id}/calls`, { outcome: "answered" }));
      const bulk = await insider.post("/api/review/bulk", { action: "approve", orderIds: [own.id] });
      assert.equal(bulk.status, 200);
      assert.equal(bulk.body.results[0].ok, false);
      assert.equal(bulk.body.results[0].error.code, "REVIEW_OWN_ACCOUNT");
      assert.equal(bulk.body.results[0].error.message.zh, "不能审核本人所属账号的备案订单");
      expectOwn(await supervisor.post(`/api/review/orders/${own.id}/assign`, { userId: insiderId }));
      // Anyone else reviews it.
      const approved = await reviewer.post(`/api/review/orders/${own.id}/approve`, { version: own.version });
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      assert.equal(approved.body.state, "queued_for_bureau");
    });

    test("risk signals: many websites, a new organisation, DNS, the cheapest plan", async () => {
      const applicant = await readyApplicant(platform);
      const created = await applicant.client.post("/api/orders", { data: personalOrder(applicant) });
      assert.equal(created.status, 201);
      const id = created.body.id as string;
      // Stored straight into the row, as the risk loader reads it: an organisation of 10 days
      // with five websites on the applicant's five service codes.
      const domains = ["d1", "d2", "d3", "d4", "d5"].map((name) => `${name}-${id}.cn`);
      const data = personalOrder(applicant);
      const site = data.websites![0]!;
      data.subject = { ...data.subject, type: "organization", registeredOn: "2026-02-24" };
      data.websites = domains.map((domain, index) => ({
        ...site,
        domain,
        serviceCode: applicant.serviceCodes[index]!,
      }));
      await platform.ctx.db
        .updateTable("filing_order")
        .set({ data_enc: platform.ctx.cipher.encryptJson(data) })
        .where("id", "=", id)
        .execute();
      await platform.ctx.db
        .updateTable("server")
        .set({ product: "ecs.t5-lc2m1.nano" })
        .where("id", "in", (eb) =>
          eb.selectFrom("service_code").select("server_id").where("code", "=", applicant.serviceCodes[0]!),
        )
        .execute();
      dns.answers.set(domains[0]!, []);
      dns.answers.set(domains[1]!, ["8.8.8.8"]);
      dns.answers.set(domains[2]!, ["47.96.10.20"]);
      dns.answers.set(domains[4]!, ["47.96.10.20", "10.0.0.1"]);

      const view = await reviewer.get(`/api/review/orders/${id}`);
      assert.equal(view.status, 200);
      const signals = view.body.risk.signals as Item["risk"]["signals"];
      assert.deepEqual(
        signals.map((signal) => [signal.id, signal.level]),
        [
          ["websites.many", "high"],
          ["subject.newly_registered", "high"],
          ["domain.unresolved", "low"],
          ["domain.resolves_elsewhere", "medium"],
          ["server.cheapest", "low"],
        ],
      );
      assert.equal(view.body.risk.score, 5 + 5 + 1 + 2 + 1);
      assert.equal(signals[0]?.message.zh, "订单包含5个网站");
      assert.match(signals[1]?.message.zh ?? "", /成立于2026-02-24，距今仅10天/);
      assert.equal(signals[2]?.message.zh, `域名${domains[0]}没有解析记录`);
      assert.match(signals[3]?.message.en ?? "", new RegExp(`${domains[1]} resolves to 8\\.8\\.8\\.8`));
      assert.match(signals[4]?.message.zh ?? "", /ecs\.t5-lc2m1\.nano/);

      // The queue shows the same, for drafts too, and sorts by score.
      const drafts = await queue(reviewer, "&state=draft&sort=risk");
      assert.equal(drafts[0]?.id, id);
      assert.equal(drafts[0]?.risk.score, 14);
      const high = await queue(reviewer, "&state=draft&risk=high");
      assert.deepEqual(
        high.map((item) => item.id),
        [id],
      );
    });

    test("risk signals: a mobile and e-mail shared with another account's order", async () => {
      const first = await submitted();
      const firstView = await reviewer.get(`/api/review/orders/${first.id}`);
      const head = firstView.body.data.subject.head;
      const second = await submitted((data) => {
        data.subject!.head!.mobile = head.mobile;
        data.subject!.head!.email = head.email.toUpperCase();
      });
      for (const id of [first.id, second.id]) {
        const risk = (await reviewer.get(`/api/review/orders/${id}`)).body.risk;
        assert.deepEqual(
          risk.signals.map((signal: { id: string; level: string }) => [signal.id, signal.level]),
          [["contact.shared", "high"]],
          id,
        );
        assert.match(risk.signals[0].message.zh, /手机号码\d{3}\*{4}\d{4}（另有1个主体或订单使用）/);
        assert.match(risk.signals[0].message.zh, /电子邮箱/);
        assert.ok(!risk.signals[0].message.zh.includes(head.mobile));
      }
      const high = (await queue(reviewer, "&risk=high")).map((item) => item.id);
      assert.ok(high.includes(first.id) && high.includes(second.id));
      assert.ok(!high.includes(slaOrder.id));
      const byRisk = await queue(reviewer, "&sort=risk");
      const scores = byRisk.map((item) => item.risk.score);
      assert.deepEqual(
        scores,
        [...scores].sort((a, b) => b - a),
      );
    });

    test("calls: recorded with their author; the second missed call returns the order", async () => {
      const order = await submitted();
      const answered = await reviewer.post(`/api/review/orders/${order.id}/calls`, {
        outcome: "answered",
        note: "本人确认网站用途",
      });
      assert.equal(answered.status, 201, JSON.stringify(answered.body));
      assert.equal(answered.body.autoReturned, false);
      assert.equal(answered.body.order.state, "provider_review");
      assert.deepEqual(answered.body.call.by, { id: reviewerId, displayName: "审核员" });
      assert.equal(answered.body.call.note, "本人确认网站用途");

      const first = await other.post(`/api/review/orders/${order.id}/calls`, { outcome: "no_answer" });
      assert.equal(first.body.order.state, "provider_review");
      assert.equal(first.body.autoReturned, false);
      const second = await reviewer.post(`/api/review/orders/${order.id}/calls`, { outcome: "busy" });
      assert.equal(second.status, 201);
      assert.equal(second.body.autoReturned, true);
      assert.equal(second.body.order.state, "returned");
      assert.deepEqual(
        second.body.order.returnedFields.map((field: { field: string }) => field.field),
        ["subject.head.mobile", "websites.0.head.mobile"],
      );
      assert.match(
        second.body.order.returnedFields[0].reason,
        /^两次致电未接通，请确认联系电话畅通后重新提交/,
      );
      assert.match(second.body.order.returnedFields[0].reason, /Two calls went unanswered/);

      const calls = await reviewer.get(`/api/review/orders/${order.id}/calls`);
      assert.deepEqual(
        calls.body.items.map((call: { outcome: string; by: { id: string } }) => [call.outcome, call.by.id]),
        [
          ["answered", reviewerId],
          ["no_answer", otherId],
          ["busy", reviewerId],
        ],
      );
      assert.equal(calls.body.items[1].note, null);
      assert.match(calls.body.items[0].at, /^\d{4}-\d{2}-\d{2}T/);
      // Stored encrypted, audited without the note.
      const stored = await platform.ctx.db.selectFrom("review_call").select("note_enc").execute();
      assert.ok(stored.every((row) => !row.note_enc?.includes("本人")));
      const audit = await platform.ctx.db
        .selectFrom("audit_log")
        .select(["action", "actor_user_id", "from_state", "to_state", "detail"])
        .where("entity_id", "=", order.id)
        .where("action", "in", ["call", "return"])
        .orderBy("id")
        .execute();
      assert.deepEqual(
        audit.map((entry) => entry.action),
        ["call", "call", "call", "return"],
      );
      assert.ok(audit.every((entry) => !entry.detail.includes("本人确认")));
      assert.equal(audit[3]?.to_state, "returned");
      assert.equal(audit[3]?.actor_user_id, reviewerId);

      const risk = (await reviewer.get(`/api/review/orders/${order.id}`)).body.risk;
      assert.deepEqual(
        risk.signals.map((signal: { id: string }) => signal.id),
        ["calls.missed"],
      );
      assert.equal(risk.signals[0].message.zh, "审核员致电2次未接通");

      // The applicant sees the return, not the calls; after resubmitting, the count starts again.
      const applicantView = await order.applicant.client.get(`/api/orders/${order.id}`);
      assert.ok(!applicantView.body.timeline.some((entry: { action: string }) => entry.action === "call"));
      assert.equal(applicantView.body.timeline.at(-1).action, "return");
      platform.clock.advance(60_000);
      await resubmit(order.applicant, order.id);
      const again = await reviewer.post(`/api/review/orders/${order.id}/calls`, { outcome: "no_answer" });
      assert.equal(again.body.order.state, "resubmitted");
      assert.equal(
        (await reviewer.post(`/api/review/orders/${order.id}/calls`, { outcome: "bad" })).status,
        400,
      );
      assert.equal(
        (await order.applicant.client.post(`/api/review/orders/${order.id}/calls`, { outcome: "busy" }))
          .status,
        403,
      );
    });

    test("reason templates: common reasons per field, and the order's pre-check problems", async () => {
      const templates = await reviewer.get("/api/review/reason-templates");
      assert.equal(templates.status, 200);
      const items = templates.body.items as {
        id: string;
        field: string;
        ruleId?: string;
        text: { zh: string };
      }[];
      assert.ok(items.some((item) => item.field === "subject.head.mobile" && !item.ruleId));
      assert.ok(items.some((item) => item.ruleId === "domain.holder_mismatch"));
      const applicant = await readyApplicant(platform);
      const draft = await applicant.client.post("/api/orders", { data: personalOrder(applicant) });
      const forOrder = await reviewer.get(`/api/review/reason-templates?orderId=${draft.body.id}`);
      assert.ok(
        forOrder.body.items.some(
          (item: { ruleId?: string; field: string }) =>
            item.ruleId === "material.missing.face_capture" && item.field === "materials.face_capture",
        ),
      );
      assert.equal((await applicant.client.get("/api/review/reason-templates")).status, 403);
    });

    test("bulk approve and return: each order on its own, failures reported per order", async () => {
      const [a, b, c] = [await submitted(), await submitted(), await submitted()];
      await returnOrder(c.id);
      const approve = await reviewer.post("/api/review/bulk", {
        action: "approve",
        orderIds: [a.id, c.id, b.id, "missing-order"],
        note: "批量通过",
      });
      assert.equal(approve.status, 200, JSON.stringify(approve.body));
      assert.deepEqual(
        approve.body.results.map(
          (result: { orderId: string; ok: boolean; state?: string; error?: { code: string } }) => [
            result.orderId,
            result.ok,
            result.state ?? result.error?.code,
          ],
        ),
        [
          [a.id, true, "queued_for_bureau"],
          [c.id, false, "TRANSITION_NOT_ALLOWED"],
          [b.id, true, "queued_for_bureau"],
          ["missing-order", false, "NOT_FOUND"],
        ],
      );
      assert.deepEqual(Object.keys(approve.body.results[1].error.message).sort(), ["en", "zh"]);
      const approvals = await platform.ctx.db
        .selectFrom("audit_log")
        .select(["entity_id", "detail"])
        .where("action", "=", "approve")
        .where("entity_id", "in", [a.id, b.id, c.id])
        .execute();
      assert.deepEqual(approvals.map((entry) => entry.entity_id).sort(), [a.id, b.id].sort());
      assert.deepEqual(JSON.parse(approvals[0]!.detail), { note: "批量通过" });

      const d = await submitted();
      const noFields = await reviewer.post("/api/review/bulk", { action: "return", orderIds: [d.id] });
      assert.equal(noFields.status, 400);
      assert.equal(noFields.body.code, "VALIDATION_FAILED");
      const returned = await reviewer.post("/api/review/bulk", {
        action: "return",
        orderIds: [d.id, a.id],
        fields: [{ field: "websites.0.remark", reason: "网站备注过于简单" }],
      });
      assert.deepEqual(
        returned.body.results.map((result: { ok: boolean; state?: string }) => [result.ok, result.state]),
        [
          [true, "returned"],
          // Queued for the bureau: a return is still allowed there (a wrong phone number).
          [true, "returned"],
        ],
      );
      assert.equal(
        (await reviewer.post("/api/review/bulk", { action: "approve", orderIds: [] })).status,
        400,
      );
      assert.equal(
        (
          await reviewer.post("/api/review/bulk", {
            action: "approve",
            orderIds: Array.from({ length: 101 }, (_, index) => `o${index}`),
          })
        ).status,
        400,
      );
    });
  });
}

/** An applicant user created in an existing account: domain, server, order, materials, submit. */
async function submittedBy(platform: TestPlatform, email: string) {
  const client = new ApiClient(platform.app);
  await client.logIn(email, STAFF_PASSWORD);
  const now = platform.clock.now().getTime();
  const certificateNumber = makeResidentId(
    "330106",
    "1988-08-08",
    String(100 + (now % 800)).padStart(3, "0"),
  );
  const domain = `own-${now.toString(36)}.cn`;
  const domainResponse = await client.post("/api/domains", {
    name: domain,
    holderName: "李四",
    holderCertificateNumber: certificateNumber,
    realNameVerifiedAt: new Date(now - 10 * DAY_MS).toISOString(),
    expiresAt: new Date(now + 365 * DAY_MS).toISOString(),
  });
  assert.equal(domainResponse.status, 201, JSON.stringify(domainResponse.body));
  const server = await client.post("/api/servers", {
    instanceId: `i-own-${now.toString(36)}`,
    region: "cn-hangzhou",
    product: "ecs.e-c1m2.large",
    billingType: "subscription",
    paidFrom: new Date(now - DAY_MS).toISOString(),
    paidUntil: new Date(now + 364 * DAY_MS).toISOString(),
    autoRenew: false,
    publicIp: "47.96.10.21",
  });
  assert.equal(server.status, 201, JSON.stringify(server.body));
  const applicant: ReadyApplicant = {
    client,
    certificateNumber,
    mobile: "13700137001",
    domain,
    serviceCodes: server.body.serviceCodes.map((code: { code: string }) => code.code),
  };
  const data = personalOrder(applicant, "李四");
  data.subject!.head!.email = uniqueEmail("own-head");
  const created = await client.post("/api/orders", { data });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  await uploadStandardMaterials(client, created.body.id);
  const done = await client.post(`/api/orders/${created.body.id}/submit`, { version: created.body.version });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  return { id: created.body.id as string, version: done.body.version as number };
}

describe("DNS resolver for the risk signals", () => {
  test("caches answers (failures too) for 10 minutes and gives up after the timeout", async () => {
    let now = 0;
    const lookups: string[] = [];
    const resolver = new DnsDomainResolver({
      now: () => now,
      timeoutMs: 50,
      lookup: async (domain) => {
        lookups.push(domain);
        if (domain === "slow.cn") return new Promise<string[]>(() => {});
        if (domain === "gone.cn") throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
        if (domain === "broken.cn") throw Object.assign(new Error("servfail"), { code: "ESERVFAIL" });
        return ["2.2.2.2", "1.1.1.1"];
      },
    });
    assert.deepEqual(await resolver.resolve4("Example.CN."), ["1.1.1.1", "2.2.2.2"]);
    assert.deepEqual(await resolver.resolve4("example.cn"), ["1.1.1.1", "2.2.2.2"]);
    assert.deepEqual(await resolver.resolve4("gone.cn"), []);
    assert.equal(await resolver.resolve4("broken.cn"), null);
    assert.equal(await resolver.resolve4("slow.cn"), null);
    assert.equal(await resolver.resolve4("slow.cn"), null);
    assert.deepEqual(lookups, ["example.cn", "gone.cn", "broken.cn", "slow.cn"]);
    now += 10 * 60 * 1000;
    await resolver.resolve4("example.cn");
    assert.equal(lookups.length, 5);
  });
});
