import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { DAY_MS, type OrderData } from "@openbeian/core";
import { databaseGateSource } from "../src/gate-sync/database-source.ts";
import type { ApiClient } from "./support/client.ts";
import { readyApplicant, staffClient, type ReadyApplicant } from "./support/factories.ts";
import { filedOrder, gateOf, regulatorEvent } from "./support/filed-order.ts";
import { uploadStandardMaterials } from "./support/materials.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";

/**
 * The filing after its first approval (issue 9), through the API with the
 * regulator's events: a change starts from the filing as it stands and MIIT gets
 * it as 变更主体 (subject head verifies by SMS); an added website gets the next
 * number under the same subject; a change and an add exclude each other, named;
 * a website cancellation needs no SMS (the bureau receives it directly) and
 * blocks the domain at the gate; cancelling the subject retires every number.
 * The site stays served while a change or cancellation is in progress.
 */
interface OrderBody {
  id: string;
  number: string;
  version: number;
  state: string;
  type: string;
  data: OrderData;
}

for (const engine of engines()) {
  describe(`filing lifecycle after approval (${engine})`, () => {
    let platform: TestPlatform;
    let applicant: ReadyApplicant;
    let reviewer: ApiClient;
    let numbers: { subjectNumber: string; websiteNumbers: Record<string, string> };
    const secondDomain = `second-${Date.now().toString(36)}.cn`;

    const gateOfDomain = (domain: string) => gateOf(platform, domain);
    const websites = async () =>
      (await applicant.client.get("/api/websites")).body.items as Array<{
        id: string;
        domain: string;
        websiteNumber: string;
        status: string;
      }>;
    /** Submit, initial review, then MIIT's events; returns the approved order. */
    const through = async (order: OrderBody, events: Array<Record<string, unknown>>) => {
      const submitted = await applicant.client.post(`/api/orders/${order.id}/submit`, {
        version: order.version,
        acknowledgeWarnings: true,
      });
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
      const approved = await reviewer.post(`/api/review/orders/${order.id}/approve`, {
        version: submitted.body.version,
      });
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      for (const event of events) {
        const answer = await regulatorEvent(platform, order.number, event);
        assert.equal(answer.status, 200, `${String(event.type)}: ${JSON.stringify(answer.body)}`);
      }
      return (await applicant.client.get(`/api/orders/${order.id}`)).body as OrderBody & {
        regulatorType?: string;
      };
    };

    before(async () => {
      platform = await startTestPlatform(engine, { sessionTtlMs: 400 * DAY_MS });
      applicant = await readyApplicant(platform);
      reviewer = await staffClient(platform);
      ({ numbers } = await filedOrder(platform, applicant, reviewer));
    });
    after(() => platform.close());

    test("a change starts from the filing, goes to MIIT as a subject change, and keeps the site served", async () => {
      const created = await applicant.client.post("/api/orders", { type: "change" });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const order = created.body as OrderBody;
      assert.equal(order.type, "change");
      assert.equal(order.data.subject?.name, "张三", "prefilled from the filing");
      assert.deepEqual(created.body.filing, order.data, "the filing as it stands, to compare against");
      const filing = await applicant.client.get("/api/filing");
      assert.equal(filing.body.subjectNumber, numbers.subjectNumber);
      assert.equal(order.data.websites?.[0]?.domain, applicant.domain);

      const unchanged = await applicant.client.post(`/api/orders/${order.id}/submit`, {
        version: order.version,
        acknowledgeWarnings: true,
      });
      assert.equal(unchanged.status, 422);
      assert.ok(
        JSON.stringify(unchanged.body).includes("change.nothing"),
        `nothing changed is refused: ${JSON.stringify(unchanged.body)}`,
      );

      const added = structuredClone(order.data);
      added.websites!.push({ ...added.websites![0]!, domain: secondDomain });
      const withDomain = await applicant.client.put(`/api/orders/${order.id}/data`, {
        version: order.version,
        data: added,
      });
      assert.equal(withDomain.status, 200, JSON.stringify(withDomain.body));
      const refused = await applicant.client.post(`/api/orders/${order.id}/submit`, {
        version: withDomain.body.version,
        acknowledgeWarnings: true,
      });
      assert.equal(refused.status, 422);
      assert.ok(JSON.stringify(refused.body).includes("change.domain_added"), "a change cannot add a domain");

      const changed = structuredClone(order.data);
      changed.subject!.head!.email = "zhangsan.new@example.cn";
      changed.subject!.address = "浙江省杭州市西湖区文三路200号";
      const saved = await applicant.client.put(`/api/orders/${order.id}/data`, {
        version: withDomain.body.version,
        data: changed,
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));

      const other = await applicant.client.post("/api/orders", { type: "add_website" });
      assert.equal(other.status, 409);
      assert.equal(other.body.code, "CHANGE_IN_PROGRESS", "an add waits for the change");
      assert.equal(other.body.details.number, order.number, "the blocking order is named");

      const inReview = await through({ ...order, version: saved.body.version }, [
        { type: "sms_sent" },
        { type: "sms_verified" },
      ]);
      assert.equal(inReview.state, "bureau_review");
      // The gate's latest verdict after every step of the change so far: the site was never blocked.
      assert.deepEqual(
        await gateOfDomain(applicant.domain),
        { status: "filed", reason: null },
        "served in review",
      );
      assert.equal((await regulatorEvent(platform, order.number, { type: "bureau_approved" })).status, 200);
      const done = (await applicant.client.get(`/api/orders/${order.id}`)).body as OrderBody & {
        regulatorType?: string;
      };
      assert.equal(done.state, "approved", JSON.stringify(done));
      assert.equal(done.regulatorType, "change_subject", "MIIT receives a subject change");
      assert.deepEqual(
        await gateOfDomain(applicant.domain),
        { status: "filed", reason: null },
        "still served",
      );
      const subject = await platform.ctx.db
        .selectFrom("subject")
        .select(["address", "head_email"])
        .where("subject_number", "=", numbers.subjectNumber)
        .executeTakeFirstOrThrow();
      assert.deepEqual(subject, {
        address: "浙江省杭州市西湖区文三路200号",
        head_email: "zhangsan.new@example.cn",
      });
      const next = await applicant.client.post("/api/orders", { type: "change" });
      assert.equal(
        next.body.data.subject.address,
        "浙江省杭州市西湖区文三路200号",
        "the next order starts from it",
      );
      await applicant.client.post(`/api/orders/${next.body.id}/abandon`, { version: next.body.version });
    });

    test("an added website gets the next number under the same subject", async () => {
      const now = platform.clock.now().getTime();
      const domain = await applicant.client.post("/api/domains", {
        name: secondDomain,
        holderName: "张三",
        holderCertificateNumber: applicant.certificateNumber,
        realNameVerifiedAt: new Date(now - 10 * DAY_MS).toISOString(),
        expiresAt: new Date(now + 365 * DAY_MS).toISOString(),
      });
      assert.equal(domain.status, 201, JSON.stringify(domain.body));
      const filed = (await applicant.client.post("/api/orders", { type: "change" })).body as OrderBody;
      await applicant.client.post(`/api/orders/${filed.id}/abandon`, { version: filed.version });
      const website = {
        ...filed.data.websites![0]!,
        name: "张三的摄影作品",
        domain: secondDomain,
        homeUrl: `https://${secondDomain}/`,
        serviceCode: applicant.serviceCodes[1]!,
      };
      const created = await applicant.client.post("/api/orders", {
        type: "add_website",
        data: { websites: [website] },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const order = created.body as OrderBody;
      assert.equal(
        order.data.subject?.certificateNumber,
        applicant.certificateNumber,
        "under the filed subject",
      );
      await uploadStandardMaterials(applicant.client, order.id);
      const fresh = (await applicant.client.get(`/api/orders/${order.id}`)).body as OrderBody;
      const second = `${numbers.subjectNumber}-2`;
      const done = await through(fresh, [
        { type: "sms_sent" },
        { type: "sms_verified" },
        {
          type: "bureau_approved",
          numbers: { subjectNumber: numbers.subjectNumber, websiteNumbers: { [secondDomain]: second } },
        },
      ]);
      assert.equal(done.state, "approved", JSON.stringify(done));
      assert.equal(done.regulatorType, "add_website");
      const list = await websites();
      assert.deepEqual(
        list.map((item) => item.websiteNumber).sort(),
        [numbers.websiteNumbers[applicant.domain.toLowerCase()], second].sort(),
      );
      const change = (await applicant.client.post("/api/orders", { type: "change" })).body as OrderBody;
      assert.equal(change.data.websites?.length, 2, "the filing now holds both websites");
      await applicant.client.post(`/api/orders/${change.id}/abandon`, { version: change.version });
    });

    test("a website cancellation goes to the bureau without SMS and blocks its domain", async () => {
      const target = (await websites()).find((item) => item.domain === secondDomain)!;
      const created = await applicant.client.post("/api/orders", {
        type: "cancel_website",
        websiteId: target.id,
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const order = created.body as OrderBody;
      assert.deepEqual(
        order.data.websites?.map((website) => website.domain),
        [secondDomain],
        "it names only that website",
      );
      const edit = await applicant.client.put(`/api/orders/${order.id}/data`, {
        version: order.version,
        data: order.data,
      });
      assert.equal(edit.status, 409, "a cancellation has nothing to edit");

      const submitted = await applicant.client.post(`/api/orders/${order.id}/submit`, {
        version: order.version,
        acknowledgeWarnings: false,
      });
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
      const approved = await reviewer.post(`/api/review/orders/${order.id}/approve`, {
        version: submitted.body.version,
      });
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      assert.deepEqual(
        await gateOfDomain(secondDomain),
        { status: "filed", reason: null },
        "served until approved",
      );
      assert.equal((await regulatorEvent(platform, order.number, { type: "bureau_received" })).status, 200);
      const approval = await regulatorEvent(platform, order.number, { type: "bureau_approved" });
      assert.equal(approval.status, 200, JSON.stringify(approval.body));
      assert.equal(approval.body.order.state, "approved");
      assert.deepEqual(await gateOfDomain(secondDomain), { status: "blocked", reason: "cancelled" });
      assert.deepEqual(
        (await websites()).map((item) => [item.domain, item.status]).sort(),
        [
          [applicant.domain.toLowerCase(), "filed"],
          [secondDomain, "cancelled"],
        ].sort(),
      );
      const lookup = await applicant.client.get(`/api/public/filings?q=${secondDomain}`);
      assert.equal(lookup.body.verdict, "cancelled", "the public lookup says so");
      const bogus = await applicant.client.post("/api/orders", {
        type: "cancel_website",
        websiteId: target.id,
      });
      assert.equal(bogus.status, 422);
      assert.equal(bogus.body.code, "WEBSITE_NOT_IN_FILING", "a cancelled website cannot be cancelled again");
    });

    test("cancelling the subject retires every number and blocks every domain", async () => {
      const created = await applicant.client.post("/api/orders", { type: "cancel_subject" });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const done = await through(created.body as OrderBody, [
        { type: "sms_sent" },
        { type: "sms_verified" },
        { type: "bureau_approved" },
      ]);
      assert.equal(done.state, "approved");
      assert.equal(done.regulatorType, "cancel_subject", "the subject head verifies by SMS");
      assert.deepEqual(await gateOfDomain(applicant.domain.toLowerCase()), {
        status: "blocked",
        reason: "cancelled",
      });
      const subject = await platform.ctx.db
        .selectFrom("subject")
        .select("status")
        .where("subject_number", "=", numbers.subjectNumber)
        .executeTakeFirstOrThrow();
      assert.equal(subject.status, "cancelled");
      const again = await applicant.client.post("/api/orders", { type: "change" });
      assert.equal(again.status, 422);
      assert.equal(again.body.code, "NO_FILED_SUBJECT", "nothing is left to change");

      // A gate starting now loads the same verdicts as the log's (one record per domain).
      const loaded: Array<{ domain: string; status: string; reason: string | null }> = [];
      await databaseGateSource({ db: platform.ctx.db, engine, pageSize: 1 }).records((page) =>
        loaded.push(...page.map(({ domain, status, reason }) => ({ domain, status, reason }))),
      );
      assert.deepEqual(
        loaded.filter((record) => [applicant.domain.toLowerCase(), secondDomain].includes(record.domain)),
        [applicant.domain.toLowerCase(), secondDomain]
          .sort()
          .map((domain) => ({ domain, status: "blocked", reason: "cancelled" })),
      );
    });
  });
}
