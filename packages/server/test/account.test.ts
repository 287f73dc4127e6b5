import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { makeResidentId, makeUscc } from "@openbeian/core";
import { maskCertificate } from "../src/platform/crypto.ts";
import { ApiClient } from "./support/client.ts";
import {
  personalOrder,
  readyApplicant,
  staffClient,
  uniqueEmail,
  type ReadyApplicant,
} from "./support/factories.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";

/**
 * Account features of the applicant portal (issue 5): password reset by e-mail
 * through the development mailbox, the account's real-name data, and service
 * codes granted to another account.
 */
const PASSWORD = "Passw0rd!2026";
const NEW_PASSWORD = "N3w-Passw0rd!2026";
const MINUTE = 60 * 1000;

for (const engine of engines()) {
  describe(`account: password reset (${engine})`, () => {
    let platform: TestPlatform;
    let staff: ApiClient;

    before(async () => {
      platform = await startTestPlatform(engine);
      staff = await staffClient(platform);
    });
    after(() => platform.close());

    /** Delivers the outbox, then reads the development mailbox for one address. */
    const mailTo = async (address: string) => {
      await platform.worker.runDue();
      const box = await staff.get(`/api/dev/mailbox?to=${encodeURIComponent(address)}`);
      assert.equal(box.status, 200);
      return box.body.items as { to: string; subject: string; body: string }[];
    };
    const tokenIn = (body: string) => {
      const match = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(body);
      assert.ok(match, `no reset link in: ${body}`);
      return match[1] ?? "";
    };
    const ask = (email: string, client = new ApiClient(platform.app)) =>
      client.post("/api/auth/password-reset", { email });
    const confirm = (token: string, password = NEW_PASSWORD) =>
      new ApiClient(platform.app).post("/api/auth/password-reset/confirm", { token, password });

    test("the e-mailed link sets a new password once and ends every session", async () => {
      const email = uniqueEmail("reset");
      const first = new ApiClient(platform.app);
      await first.signUp(email, PASSWORD);
      const second = new ApiClient(platform.app);
      await second.logIn(email, PASSWORD);

      const asked = await ask(email.toUpperCase());
      assert.equal(asked.status, 202);
      assert.deepEqual(asked.body, { accepted: true });

      const mails = await mailTo(email);
      assert.equal(mails.length, 1);
      const mail = mails[0]!;
      assert.match(mail.subject, /重置 OpenBeian 登录密码 \/ Reset your OpenBeian password/);
      assert.match(mail.body, /30分钟/);
      assert.match(mail.body, /within 30 minutes/);
      assert.match(mail.body, /http:\/\/localhost(:\d+)?\/reset-password\?token=/);
      const token = tokenIn(mail.body);

      // Only the token's hash is stored, and the queued e-mail is sealed.
      const rows = await platform.ctx.db.selectFrom("password_reset").selectAll().execute();
      const jobs = await platform.ctx.db.selectFrom("job").select("payload").execute();
      assert.ok(!JSON.stringify(rows).includes(token), "the token is not stored");
      assert.ok(!JSON.stringify(jobs).includes(token), "the outbox does not hold the token in clear");

      const weak = await confirm(token, "short");
      assert.equal(weak.status, 400);
      assert.equal(weak.body.code, "VALIDATION_FAILED");

      const done = await confirm(token);
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.deepEqual(done.body, { reset: true });

      for (const client of [first, second]) {
        const session = await client.get("/api/session");
        assert.equal(session.status, 401, "every session of the user ended");
      }
      const old = await new ApiClient(platform.app).post("/api/auth/login", { email, password: PASSWORD });
      assert.equal(old.status, 401);
      assert.equal(old.body.code, "INVALID_CREDENTIALS");
      await new ApiClient(platform.app).logIn(email, NEW_PASSWORD);

      const again = await confirm(token, "An0ther-Passw0rd");
      assert.equal(again.status, 400);
      assert.equal(again.body.code, "RESET_TOKEN_INVALID");
      assert.deepEqual(again.body.message, {
        zh: "重置密码链接无效、已使用或已过期，请重新申请",
        en: "The password reset link is invalid, used or expired; request a new one",
      });

      const user = await platform.ctx.db
        .selectFrom("app_user")
        .select("id")
        .where("email", "=", email)
        .executeTakeFirstOrThrow();
      const audit = await platform.ctx.db
        .selectFrom("audit_log")
        .selectAll()
        .where("entity", "=", "user")
        .where("entity_id", "=", user.id)
        .orderBy("id")
        .execute();
      assert.deepEqual(
        audit.map((row) => row.action),
        ["password_reset.request", "password_reset.confirm"],
      );
      assert.deepEqual(JSON.parse(audit[1]!.detail), { sessionsEnded: 2 });
    });

    test("a link expires after 30 minutes, and a newer request voids the older links", async () => {
      const email = uniqueEmail("expiry");
      await new ApiClient(platform.app).signUp(email, PASSWORD);

      await ask(email);
      const expired = tokenIn((await mailTo(email))[0]!.body);
      platform.clock.advance(30 * MINUTE + 1);
      const late = await confirm(expired);
      assert.equal(late.status, 400);
      assert.equal(late.body.code, "RESET_TOKEN_INVALID");

      await ask(email);
      const older = tokenIn((await mailTo(email))[0]!.body); // newest first
      await ask(email);
      const mails = await mailTo(email);
      assert.equal(mails.length, 3);
      const newest = tokenIn(mails[0]!.body);
      assert.notEqual(newest, older);
      platform.clock.advance(29 * MINUTE);
      assert.equal((await confirm(older)).body.code, "RESET_TOKEN_INVALID");
      assert.equal((await confirm(newest)).status, 200);
      await new ApiClient(platform.app).logIn(email, NEW_PASSWORD);
      assert.equal((await confirm("not-a-token")).body.code, "RESET_TOKEN_INVALID");
    });

    test("an unknown address gets the same answer and no e-mail", async () => {
      const known = uniqueEmail("known");
      await new ApiClient(platform.app).signUp(known, PASSWORD);
      const unknown = uniqueEmail("nobody");
      const forKnown = await ask(known);
      const forUnknown = await ask(unknown);
      assert.equal(forUnknown.status, forKnown.status);
      assert.deepEqual(forUnknown.body, forKnown.body);
      assert.equal((await mailTo(unknown)).length, 0);
      assert.equal((await mailTo(known)).length, 1);
    });

    test("requests are limited per client address, and e-mails per user and hour", async () => {
      const email = uniqueEmail("limited");
      await new ApiClient(platform.app).signUp(email, PASSWORD);
      const client = new ApiClient(platform.app);
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await ask(email, client)).status);
      assert.deepEqual(statuses, [...Array<number>(10).fill(202), 429]);
      assert.equal((await ask(email, client)).body.code, "RATE_LIMITED");
      // Ten accepted requests, five e-mails: the rest were answered but sent nothing.
      assert.equal((await mailTo(email)).length, 5);
      platform.clock.advance(61 * MINUTE);
      assert.equal((await ask(email)).status, 202);
      assert.equal((await mailTo(email)).length, 6);
    });
  });

  describe(`account: real-name data (${engine})`, () => {
    let platform: TestPlatform;

    before(async () => {
      platform = await startTestPlatform(engine);
    });
    after(() => platform.close());

    const signUp = async (accountType: "personal" | "organization", name: string) => {
      const client = new ApiClient(platform.app);
      const response = await client.post("/api/auth/signup", {
        email: uniqueEmail(accountType),
        password: PASSWORD,
        displayName: name,
        accountType,
      });
      assert.equal(response.status, 201);
      return client;
    };

    test("a personal account gives a valid resident ID; it is stored encrypted and shown masked", async () => {
      const client = await signUp("personal", "王小明");
      const empty = await client.get("/api/account/identity");
      assert.equal(empty.status, 200);
      assert.deepEqual(empty.body, {
        type: "personal",
        name: null,
        certificateMasked: null,
        verifiedAt: null,
        updatedAt: null,
      });

      const number = makeResidentId("110105", "1988-12-30", "021");
      const wrongCheck = number.slice(0, 17) + (number.endsWith("0") ? "1" : "0");
      const bad = await client.put("/api/account/identity", {
        name: "王小明",
        certificateNumber: wrongCheck,
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.code, "VALIDATION_FAILED");
      assert.deepEqual(bad.body.details, [{ field: "certificateNumber", problem: "checksum" }]);
      const future = await client.put("/api/account/identity", {
        name: "王小明",
        certificateNumber: makeResidentId("110105", "2030-01-01", "021"),
      });
      assert.equal(future.body.details[0].problem, "future_birth_date");
      const usccForPerson = await client.put("/api/account/identity", {
        name: "王小明",
        uscc: makeUscc("91330106MA2CFH7Q1"),
      });
      assert.equal(usccForPerson.status, 400);
      assert.equal(usccForPerson.body.details[0].field, "certificateNumber");
      const extra = await client.put("/api/account/identity", {
        name: "王小明",
        certificateNumber: number,
        phone: "13800138000",
      });
      assert.equal(extra.status, 400);

      const saved = await client.put("/api/account/identity", {
        name: " 王小明 ",
        certificateNumber: number.toLowerCase(),
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.equal(saved.body.name, "王小明");
      assert.equal(saved.body.certificateMasked, maskCertificate(number));
      assert.match(saved.body.certificateMasked, /^110\*{11}.{4}$/);
      assert.equal(saved.body.verifiedAt, null);
      assert.equal(saved.body.updatedAt, platform.clock.now().toISOString());
      assert.deepEqual((await client.get("/api/account/identity")).body, saved.body);

      const account = await client.get("/api/account");
      assert.equal(account.body.account.type, "personal");
      assert.equal(account.body.account.name, "王小明");
      assert.equal(account.body.identity.certificateMasked, saved.body.certificateMasked);

      // At rest: no plaintext number anywhere in the account row or the audit log.
      const raw = JSON.stringify(await platform.ctx.db.selectFrom("account").selectAll().execute());
      assert.ok(!raw.includes(number), "the resident ID is encrypted");
      assert.ok(!raw.includes(number.slice(6, 14)), "not even the birth date is readable");
      const audit = await platform.ctx.db
        .selectFrom("audit_log")
        .selectAll()
        .where("action", "=", "identity.update")
        .execute();
      assert.equal(audit.length, 1);
      assert.ok(!JSON.stringify(audit).includes(number));
    });

    test("an organisation gives its unified social credit code", async () => {
      const client = await signUp("organization", "杭州示例科技有限公司");
      const uscc = makeUscc("91330106MA2CFH7Q1");
      const wrong = uscc.slice(0, 17) + (uscc.endsWith("0") ? "1" : "0");
      const bad = await client.put("/api/account/identity", { name: "杭州示例科技有限公司", uscc: wrong });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.details, [{ field: "uscc", problem: "checksum" }]);
      const personalShape = await client.put("/api/account/identity", {
        name: "杭州示例科技有限公司",
        certificateNumber: makeResidentId("110105", "1988-12-30", "021"),
      });
      assert.equal(personalShape.status, 400);
      assert.equal(personalShape.body.details[0].field, "uscc");

      const saved = await client.put("/api/account/identity", { name: "杭州示例科技有限公司", uscc });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.equal(saved.body.type, "organization");
      assert.equal(saved.body.certificateMasked, maskCertificate(uscc));
      const raw = JSON.stringify(await platform.ctx.db.selectFrom("account").selectAll().execute());
      assert.ok(!raw.includes(uscc), "the credit code is encrypted");
    });

    test("only the account's own users see it; staff and strangers do not", async () => {
      const owner = await signUp("personal", "赵六");
      await owner.put("/api/account/identity", {
        name: "赵六",
        certificateNumber: makeResidentId("330106", "1991-05-20", "033"),
      });
      const stranger = await signUp("personal", "钱七");
      assert.equal((await stranger.get("/api/account/identity")).body.name, null);
      const staff = await staffClient(platform);
      assert.equal((await staff.get("/api/account/identity")).status, 403);
      assert.equal((await staff.put("/api/account/identity", { name: "x", uscc: "y" })).status, 403);
      assert.equal((await new ApiClient(platform.app).get("/api/account/identity")).status, 401);
      assert.equal((await new ApiClient(platform.app).get("/api/account")).status, 401);
    });
  });

  describe(`account: granting service codes (${engine})`, () => {
    let platform: TestPlatform;
    let owner: ReadyApplicant;
    let grantee: ReadyApplicant;
    let ownerEmail: string;
    let granteeEmail: string;
    let granted: string;

    before(async () => {
      platform = await startTestPlatform(engine);
      owner = await readyApplicant(platform, "张三");
      grantee = await readyApplicant(platform, "李四");
      ownerEmail = (await owner.client.get("/api/session")).body.user.email;
      granteeEmail = (await grantee.client.get("/api/session")).body.user.email;
      granted = owner.serviceCodes[1] ?? "";
    });
    after(() => platform.close());

    const codeOf = async (who: ReadyApplicant, code: string) =>
      ((await who.client.get("/api/service-codes")).body.items as { code: string }[]).find(
        (item) => item.code === code,
      ) as Record<string, unknown> | undefined;
    const ownCodeOf = async (code: string) => {
      const servers = (await owner.client.get("/api/servers")).body.items as {
        serviceCodes: Record<string, unknown>[];
      }[];
      return servers.flatMap((server) => server.serviceCodes).find((item) => item.code === code);
    };
    const grant = (who: ReadyApplicant, code: string, email: string) =>
      who.client.post(`/api/service-codes/${code}/grant`, { email });
    const revoke = (who: ReadyApplicant, code: string) =>
      who.client.post(`/api/service-codes/${code}/revoke-grant`, {});

    test("the owner grants an unused code; it moves from the owner's list to the grantee's", async () => {
      const response = await grant(owner, granted, granteeEmail.toUpperCase());
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body.state, "unused");
      assert.deepEqual(response.body.grantedTo, {
        accountName: "李四",
        email: granteeEmail,
        at: platform.clock.now().toISOString(),
      });
      assert.equal(await codeOf(owner, granted), undefined, "no longer the owner's to file with");
      assert.equal((await ownCodeOf(granted))?.grantedTo !== null, true, "still under the owner's server");
      const received = await codeOf(grantee, granted);
      assert.deepEqual(received?.grantedBy, { accountName: "张三", at: platform.clock.now().toISOString() });
      assert.equal(received?.state, "unused");
      // The grantee's own codes carry no grant.
      assert.equal((await codeOf(grantee, grantee.serviceCodes[0] ?? ""))?.grantedBy, null);
      // Granting to the same account again changes nothing.
      assert.equal((await grant(owner, granted, granteeEmail)).status, 200);
    });

    test("refusals: unknown or staff address, own account, another's code, already granted, not granted", async () => {
      const unknown = await grant(owner, owner.serviceCodes[2] ?? "", uniqueEmail("nobody"));
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.code, "GRANTEE_NOT_FOUND");
      const staff = await staffClient(platform);
      const staffEmail = (await staff.get("/api/session")).body.user.email;
      assert.equal(
        (await grant(owner, owner.serviceCodes[2] ?? "", staffEmail)).body.code,
        "GRANTEE_NOT_FOUND",
      );
      const self = await grant(owner, owner.serviceCodes[2] ?? "", ownerEmail);
      assert.equal(self.status, 422);
      assert.equal(self.body.code, "SERVICE_CODE_GRANT_SELF");
      const notMine = await grant(grantee, granted, ownerEmail);
      assert.equal(notMine.status, 404);
      assert.equal(notMine.body.code, "NOT_FOUND");
      assert.equal((await revoke(grantee, granted)).body.code, "NOT_FOUND");
      const third = await readyApplicant(platform, "王五");
      const thirdEmail = (await third.client.get("/api/session")).body.user.email;
      const twice = await grant(owner, granted, thirdEmail);
      assert.equal(twice.status, 409);
      assert.equal(twice.body.code, "SERVICE_CODE_ALREADY_GRANTED");
      const notGranted = await revoke(owner, owner.serviceCodes[2] ?? "");
      assert.equal(notGranted.status, 409);
      assert.equal(notGranted.body.code, "SERVICE_CODE_NOT_GRANTED");
      assert.equal(
        (await owner.client.post("/api/service-codes/NOSUCHCODE/grant", { email: thirdEmail })).status,
        404,
      );
    });

    test("the owner's own order cannot bind a code it granted away", async () => {
      const data = personalOrder(owner);
      data.websites![0]!.serviceCode = granted;
      const created = await owner.client.post("/api/orders", { data });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.ok(
        created.body.problems.some(
          (problem: { ruleId: string }) => problem.ruleId === "service_code.not_found",
        ),
      );
      assert.equal((await ownCodeOf(granted))?.state, "unused");
    });

    test("the grantee's order binds the granted code; the owner cannot revoke it then", async () => {
      const data = personalOrder(grantee, "李四");
      data.websites![0]!.serviceCode = granted;
      const created = await grantee.client.post("/api/orders", { data });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual(
        created.body.problems.filter((problem: { field: string }) => problem.field.endsWith("serviceCode")),
        [],
      );
      const context = await grantee.client.get(`/api/orders/${created.body.id}/precheck-context`);
      const inContext = context.body.serviceCodes.find((code: { code: string }) => code.code === granted);
      assert.equal(inContext.granted, true);
      assert.equal(inContext.state, "bound");

      const received = await codeOf(grantee, granted);
      assert.equal(received?.state, "bound");
      assert.equal(received?.orderId, created.body.id);
      const own = await ownCodeOf(granted);
      assert.equal(own?.state, "bound");
      assert.equal(own?.orderId, null, "the grantee's order is not the owner's business");

      const refused = await revoke(owner, granted);
      assert.equal(refused.status, 409);
      assert.equal(refused.body.code, "SERVICE_CODE_NOT_UNUSED");

      // The grantee switches to a code of its own: the granted one is free again and can be revoked.
      const switched = structuredClone(created.body.data);
      switched.websites[0].serviceCode = grantee.serviceCodes[0];
      const saved = await grantee.client.put(`/api/orders/${created.body.id}/data`, {
        version: created.body.version,
        data: switched,
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.equal((await codeOf(grantee, granted))?.state, "unused");

      const revoked = await revoke(owner, granted);
      assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
      assert.equal(revoked.body.grantedTo, null);
      assert.equal(await codeOf(grantee, granted), undefined);
      assert.equal((await codeOf(owner, granted))?.state, "unused");

      // Revoked: naming it again binds nothing and the pre-check says so.
      const back = structuredClone(saved.body.data);
      back.websites[0].serviceCode = granted;
      const again = await grantee.client.put(`/api/orders/${created.body.id}/data`, {
        version: saved.body.version,
        data: back,
      });
      assert.equal(again.status, 200);
      assert.ok(
        again.body.problems.some(
          (problem: { ruleId: string }) => problem.ruleId === "service_code.not_found",
        ),
      );
      assert.equal((await ownCodeOf(granted))?.state, "unused");
    });

    test("grants and revocations are audited", async () => {
      const rows = await platform.ctx.db
        .selectFrom("audit_log")
        .selectAll()
        .where("entity", "=", "service_code")
        .where("entity_id", "=", granted)
        .orderBy("id")
        .execute();
      assert.deepEqual(
        rows.map((row) => row.action),
        ["grant", "revoke_grant"],
      );
      const granteeAccount = (await grantee.client.get("/api/session")).body.user.accountId;
      assert.deepEqual(JSON.parse(rows[0]!.detail), { toAccountId: granteeAccount });
    });
  });
}
