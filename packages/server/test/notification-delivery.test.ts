import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ApiClient } from "./support/client.ts";
import { personalOrder, readyApplicant, staffClient, type ReadyApplicant } from "./support/factories.ts";
import { uploadStandardMaterials } from "./support/materials.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";
import { startSmsProvider, type SmsProvider } from "./support/sms-provider.ts";
import { startSmtpSink, type SmtpSink } from "./support/smtp-sink.ts";

/**
 * Issue 10: notifications reach people. E-mail goes over real SMTP to a server
 * running in the test, one message per address (the account's user and the
 * extra recipients who chose the event's group), a refused address retrying on
 * its own; texts go to an HTTP SMS provider in the test, MIIT's verification
 * codes relayed from the SMS channel on the same path.
 */
const PORTAL = "https://beian.example.cn";
const FROM = "OpenBeian 备案 <noreply@beian.example.cn>";

for (const engine of engines()) {
  describe(`notification delivery over SMTP and an SMS provider (${engine})`, () => {
    let platform: TestPlatform;
    let smtp: SmtpSink;
    let provider: SmsProvider;
    let applicant: ReadyApplicant;
    let userEmail: string;
    let order: { id: string; number: string; version: number };
    const accountPhone = "13912345678";
    const opsPhone = "13787654321";
    const people = {
      head: "head@partner.example.cn",
      finance: "finance@partner.example.cn",
      refused: "gone@partner.example.cn",
    };

    before(async () => {
      smtp = await startSmtpSink();
      provider = await startSmsProvider();
      platform = await startTestPlatform(engine, {
        mail: { smtpUrl: smtp.url, from: FROM },
        sms: { url: provider.url, token: provider.token },
        publicUrl: PORTAL,
      });
      applicant = await readyApplicant(platform);
      userEmail = (await applicant.client.get("/api/session")).body.user.email;
      const add = async (body: Record<string, unknown>) => {
        const added = await applicant.client.post("/api/recipients", body);
        assert.equal(added.status, 201, JSON.stringify(added.body));
      };
      // Order progress by e-mail: the subject head. Deadlines only: finance. Order progress by SMS: ops.
      await add({
        name: "李四",
        role: "subject_head",
        email: people.head,
        emailGroups: ["order"],
        smsGroups: [],
      });
      await add({
        name: "王五",
        role: "finance",
        email: people.finance,
        emailGroups: ["deadline"],
        smsGroups: [],
      });
      await add({ name: "赵六", role: "technical", phone: opsPhone, emailGroups: [], smsGroups: ["order"] });
      const saved = await applicant.client.put("/api/notification-preferences", {
        events: { "order.submit": { email: true, sms: true } },
        phone: accountPhone,
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
    });
    after(async () => {
      await platform.close();
      await smtp.close();
      await provider.close();
    });

    test("submitting an order e-mails the user and the recipient who chose order progress, not the other", async () => {
      const created = await applicant.client.post("/api/orders", { data: personalOrder(applicant) });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      await uploadStandardMaterials(applicant.client, created.body.id);
      const submitted = await applicant.client.post(`/api/orders/${created.body.id}/submit`, {
        version: created.body.version,
      });
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
      order = { id: created.body.id, number: created.body.number, version: submitted.body.version };

      await platform.worker.runDue();
      const addressees = smtp.received.flatMap((item) => item.to).sort();
      assert.deepEqual(addressees, [people.head, userEmail.toLowerCase()].sort());
      assert.equal(smtp.to(people.finance).length, 0, "finance chose deadlines only");

      const { mail } = smtp.to(people.head)[0]!;
      assert.equal(
        mail.subject,
        `备案订单 ${order.number} 已提交初审 / Order ${order.number} submitted for review`,
      );
      assert.equal(mail.from?.value[0]?.address, "noreply@beian.example.cn");
      assert.deepEqual(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((to) => to.address) : [], [
        people.head,
      ]);
      const text = mail.text ?? "";
      assert.match(text, /您的备案订单已提交，接入商将在约1个工作日内完成初审/);
      assert.match(text, /Your order is in initial review/);
      assert.ok(text.indexOf("您的备案订单") < text.indexOf("Your order"), "Chinese first");
      assert.ok(text.includes(`订单号：${order.number}`) && text.includes(`Order: ${order.number}`));
      assert.ok(text.includes(`${PORTAL}/orders/${order.id}`), "a link to the order's page");
      const html = typeof mail.html === "string" ? mail.html : "";
      assert.ok(html.includes(`href="${PORTAL}/orders/${order.id}"`));
      assert.match(html, /已提交初审/);
      assert.match(html, /submitted for review/);
      assert.match(mail.messageId ?? "", /^<[0-9a-z]+@beian\.example\.cn>$/);
      for (const item of smtp.received) {
        const all = `${item.mail.text ?? ""}${String(item.mail.html)}`;
        assert.ok(!all.includes(applicant.certificateNumber), "no ID number in an e-mail");
        assert.ok(
          !all.includes(applicant.mobile) && !all.includes(accountPhone),
          "no phone number in an e-mail",
        );
      }
      const devMail = await platform.ctx.db.selectFrom("dev_mail").selectAll().execute();
      assert.equal(devMail.length, 0, "with SMTP configured nothing lands in the development mailbox");
    });

    test("the same step texts the account's mobile and the recipient who chose order progress by SMS", async () => {
      const texts = provider.accepted().filter((request) => request.body.templateCode === "OB_ORDER_SUBMIT");
      assert.deepEqual(texts.map((request) => request.body.phone).sort(), [accountPhone, opsPhone].sort());
      for (const request of texts) {
        assert.equal(request.authorization, `Bearer ${provider.token}`);
        assert.deepEqual(request.body.params, { orderNumber: order.number });
        assert.ok(request.body.text.startsWith("【OpenBeian】"));
        assert.ok(request.body.text.includes(order.number));
        assert.ok(request.body.outId);
      }
    });

    test("an address the server refuses retries on its own; the others are delivered once", async () => {
      const added = await applicant.client.post("/api/recipients", {
        name: "钱七",
        role: "other",
        email: people.refused,
        emailGroups: ["order"],
        smsGroups: [],
      });
      assert.equal(added.status, 201);
      smtp.refused.add(people.refused);
      const before = smtp.received.length;
      const withdrawn = await applicant.client.post(`/api/orders/${order.id}/withdraw`, {
        version: order.version,
      });
      assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));

      await platform.worker.runDue();
      const withdrawMails = () =>
        smtp.received.slice(before).filter((item) => item.mail.subject?.includes("已撤销"));
      assert.deepEqual(
        withdrawMails()
          .flatMap((item) => item.to)
          .sort(),
        [people.head, userEmail.toLowerCase()].sort(),
      );
      const failing = await mailJobsFailing();
      assert.equal(failing.length, 1, "one job is waiting to retry");
      assert.equal(failing[0]!.attempts, 1);
      assert.match(failing[0]!.last_error ?? "", /550|rejected/);

      // Still refused on the second attempt, after the backoff: the others are not sent again.
      platform.clock.advance(3_000);
      await platform.worker.runDue();
      assert.equal(withdrawMails().length, 2);
      assert.equal((await mailJobsFailing())[0]!.attempts, 2);

      // The mailbox comes back: the retry delivers it, once.
      smtp.refused.delete(people.refused);
      platform.clock.advance(10_000);
      await platform.worker.runDue();
      assert.equal(withdrawMails().length, 3);
      assert.equal(smtp.to(people.refused).length, 1);
      assert.equal(smtp.to(people.head).filter((item) => item.mail.subject?.includes("已撤销")).length, 1);
      assert.equal((await mailJobsFailing()).length, 0);
    });

    test("MIIT's verification text is relayed to the person's phone through the provider, once", async () => {
      const text = "【工信部】您的ICP备案短信核验码为731942，请在24小时内完成短信核验。";
      const mobile = "13612340000";
      const send = () =>
        new ApiClient(platform.app).request(
          "POST",
          "/api/internal/sms",
          { messageId: "miit-relay-1", orderNumber: order.number, mobile, text },
          { authorization: `Bearer ${platform.regulatorToken}` },
        );
      // The provider is down for the first attempt: the job retries.
      provider.failures.push(503);
      assert.deepEqual((await send()).body, { duplicate: false });
      assert.deepEqual((await send()).body, { duplicate: true });
      await platform.worker.runDue();
      assert.equal(relayed().length, 0);
      const [waiting] = await platform.ctx.db
        .selectFrom("job")
        .selectAll()
        .where("kind", "=", "sms")
        .where("done_at", "is", null)
        .execute();
      assert.ok(waiting, "the failed text waits for its retry");
      assert.match(waiting.last_error ?? "", /503/);
      assert.ok(!(waiting.last_error ?? "").includes(mobile), "the error names the phone masked");

      platform.clock.advance(3_000);
      await platform.worker.runDue();
      assert.equal(relayed().length, 1);
      const [request] = relayed();
      assert.deepEqual(request!.body, {
        phone: mobile,
        templateCode: "OB_MIIT_RELAY",
        params: { content: text },
        text,
        outId: request!.body.outId,
      });
      // Both attempts carried the same out-id, so a provider can drop a repeat.
      const attempts = provider.requests.filter((item) => item.body.templateCode === "OB_MIIT_RELAY");
      assert.equal(attempts.length, 2);
      assert.equal(attempts[0]!.body.outId, attempts[1]!.body.outId);
      // The phone panel shows it as before.
      const panel = await applicant.client.get(`/api/orders/${order.id}/sms`);
      assert.ok(panel.body.items.some((item: { text: string }) => item.text === text));
    });

    test("job payloads hold neither phone numbers nor addresses in clear", async () => {
      const jobs = await platform.ctx.db
        .selectFrom("job")
        .select("payload")
        .where("kind", "in", ["mail", "sms"])
        .execute();
      assert.ok(jobs.length >= 6);
      const raw = JSON.stringify(jobs);
      for (const secret of [accountPhone, opsPhone, "13612340000", "731942", people.head, userEmail]) {
        assert.ok(!raw.includes(secret), `${secret} is sealed`);
      }
    });

    const relayed = () =>
      provider.accepted().filter((request) => request.body.templateCode === "OB_MIIT_RELAY");
    const mailJobsFailing = () =>
      platform.ctx.db
        .selectFrom("job")
        .select(["attempts", "last_error"])
        .where("kind", "=", "mail")
        .where("done_at", "is", null)
        .execute();

    test("with SMTP and an SMS provider there is no development mailbox or SMS table to read", async () => {
      const staff = await staffClient(platform);
      for (const path of ["/api/dev/mailbox", "/api/dev/sms"]) {
        const answer = await staff.get(path);
        assert.equal(answer.status, 404, path);
        assert.equal(answer.body.code, "NOT_FOUND");
      }
    });
  });

  describe(`notification delivery in development (${engine})`, () => {
    let platform: TestPlatform;
    let applicant: ReadyApplicant;

    before(async () => {
      platform = await startTestPlatform(engine);
      applicant = await readyApplicant(platform);
    });
    after(() => platform.close());

    test("without SMTP or an SMS provider, e-mails land in the dev mailbox and texts in the dev SMS table", async () => {
      const saved = await applicant.client.put("/api/notification-preferences", {
        events: { "order.submit": { email: true, sms: true } },
        phone: "+86 139 1234 5678",
      });
      assert.equal(saved.body.phoneMasked, "139****5678");
      const created = await applicant.client.post("/api/orders", { data: personalOrder(applicant) });
      await uploadStandardMaterials(applicant.client, created.body.id);
      const submitted = await applicant.client.post(`/api/orders/${created.body.id}/submit`, {
        version: created.body.version,
      });
      assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
      await platform.worker.runDue();

      const staff = await staffClient(platform);
      const email = (await applicant.client.get("/api/session")).body.user.email;
      const mailbox = await staff.get(`/api/dev/mailbox?to=${encodeURIComponent(email)}`);
      assert.equal(mailbox.body.items.length, 1);
      assert.match(mailbox.body.items[0].subject, /已提交初审 \/ Order .* submitted for review/);
      assert.match(mailbox.body.items[0].body, /订单号：OB\d+/);

      const texts = await staff.get("/api/dev/sms");
      assert.equal(texts.status, 200);
      assert.equal(texts.body.items.length, 1);
      assert.equal(texts.body.items[0].phoneMasked, "139****5678");
      assert.equal(texts.body.items[0].templateCode, "OB_ORDER_SUBMIT");
      assert.match(texts.body.items[0].text, /^【OpenBeian】您的备案订单OB\d+已提交初审/);
      assert.equal((await applicant.client.get("/api/dev/sms")).status, 403, "staff only");

      const raw = JSON.stringify(await platform.ctx.db.selectFrom("dev_sms").selectAll().execute());
      assert.ok(!raw.includes("13912345678"), "the dev SMS table keeps the phone encrypted");
    });
  });
}
