import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TEMPLATES } from "../src/notify/templates.ts";
import { readyApplicant, staffClient, type ReadyApplicant } from "./support/factories.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";

/**
 * Issue 10, the settings: channels per event (defaults, a round trip, unknown
 * events and bad mobiles refused), up to 15 extra recipients per account with
 * their own channels per event group, owner-scoped, contacts encrypted at rest.
 */
interface EventView {
  event: string;
  inApp: boolean;
  email: boolean;
  sms: boolean;
  urgent: boolean;
}

for (const engine of engines()) {
  describe(`notification settings (${engine})`, () => {
    let platform: TestPlatform;
    let owner: ReadyApplicant;
    let stranger: ReadyApplicant;

    before(async () => {
      platform = await startTestPlatform(engine);
      owner = await readyApplicant(platform);
      stranger = await readyApplicant(platform, "李四");
    });
    after(() => platform.close());

    const events = (body: { groups: { events: EventView[] }[] }) =>
      Object.fromEntries(body.groups.flatMap((group) => group.events).map((entry) => [entry.event, entry]));

    test("defaults: every event in one group, e-mail on, SMS on for the urgent ones", async () => {
      const got = await owner.client.get("/api/notification-preferences");
      assert.equal(got.status, 200);
      assert.deepEqual(
        got.body.groups.map((group: { id: string }) => group.id),
        ["order", "sms", "deadline", "psb"],
      );
      const byEvent = events(got.body);
      assert.deepEqual(Object.keys(byEvent).sort(), Object.keys(TEMPLATES).sort());
      for (const entry of Object.values(byEvent)) {
        assert.equal(entry.inApp, true);
        assert.equal(entry.email, true);
        assert.equal(entry.sms, entry.urgent, entry.event);
      }
      for (const urgent of ["order.sms_sent", "order.reminder", "watch.expiring", "website.psb_overdue"]) {
        assert.equal(byEvent[urgent]!.sms, true, urgent);
      }
      assert.equal(byEvent["order.submit"]!.sms, false);
      assert.equal(got.body.phoneMasked, null);
    });

    test("preferences round trip; the mobile comes back masked; others keep their defaults", async () => {
      const saved = await owner.client.put("/api/notification-preferences", {
        events: {
          "order.submit": { email: false, sms: true },
          "order.sms_sent": { email: true, sms: false },
        },
        phone: "138 0013 8000",
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.equal(saved.body.phoneMasked, "138****8000");
      const again = events((await owner.client.get("/api/notification-preferences")).body);
      assert.deepEqual([again["order.submit"]!.email, again["order.submit"]!.sms], [false, true]);
      assert.deepEqual([again["order.sms_sent"]!.email, again["order.sms_sent"]!.sms], [true, false]);
      assert.deepEqual([again["order.return"]!.email, again["order.return"]!.sms], [true, false]);
      // A later change of one event leaves the others and the phone as they are.
      await owner.client.put("/api/notification-preferences", {
        events: { "order.return": { email: true, sms: true } },
      });
      const third = await owner.client.get("/api/notification-preferences");
      assert.equal(third.body.phoneMasked, "138****8000");
      assert.equal(events(third.body)["order.submit"]!.email, false);
      // null removes the phone.
      const cleared = await owner.client.put("/api/notification-preferences", { phone: null });
      assert.equal(cleared.body.phoneMasked, null);
      // Another account still has its defaults.
      assert.equal(
        events((await stranger.client.get("/api/notification-preferences")).body)["order.submit"]!.email,
        true,
      );
    });

    test("unknown events, bad mobiles and staff are refused", async () => {
      const unknown = await owner.client.put("/api/notification-preferences", {
        events: { "order.nonsense": { email: true, sms: true } },
      });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.code, "VALIDATION_FAILED");
      const landline = await owner.client.put("/api/notification-preferences", { phone: "0571-88886666" });
      assert.equal(landline.status, 422);
      assert.equal(landline.body.code, "NOTIFICATION_PHONE_INVALID");
      assert.deepEqual(landline.body.message, {
        zh: "手机号码不正确，短信通知只能发送到中国大陆手机号（11位，1开头）",
        en: "Not a valid mobile number: texts go to mainland China mobiles (11 digits starting with 1)",
      });
      const staff = await staffClient(platform);
      assert.equal((await staff.get("/api/notification-preferences")).status, 403);
      assert.equal((await staff.get("/api/recipients")).status, 403);
    });

    test("recipients: added, listed with the mobile masked, changed, removed", async () => {
      const added = await owner.client.post("/api/recipients", {
        name: "王五",
        role: "website_head",
        email: "Wang.Wu@Example.cn",
        phone: "13900001111",
        emailGroups: ["order", "psb"],
        smsGroups: ["sms"],
      });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      assert.equal(added.body.email, "wang.wu@example.cn");
      assert.equal(added.body.phoneMasked, "139****1111");
      const listed = await owner.client.get("/api/recipients");
      assert.equal(listed.body.limit, 15);
      assert.deepEqual(
        listed.body.roles.map((role: { id: string }) => role.id),
        ["subject_head", "website_head", "technical", "finance", "other"],
      );
      const item = listed.body.items.find((entry: { id: string }) => entry.id === added.body.id);
      assert.deepEqual(item, added.body);
      assert.ok(!JSON.stringify(listed.body).includes("13900001111"));

      const changed = await owner.client.patch(`/api/recipients/${added.body.id}`, {
        name: "王五（网站）",
        smsGroups: ["sms", "deadline"],
      });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.equal(changed.body.name, "王五（网站）");
      assert.equal(changed.body.phoneMasked, "139****1111", "a phone left out stays");
      assert.deepEqual(changed.body.smsGroups, ["sms", "deadline"]);

      const noPhoneForTexts = await owner.client.patch(`/api/recipients/${added.body.id}`, { phone: null });
      assert.equal(noPhoneForTexts.status, 422);
      assert.equal(noPhoneForTexts.body.code, "RECIPIENT_CONTACT_MISSING");

      assert.equal((await owner.client.delete(`/api/recipients/${added.body.id}`)).status, 204);
      assert.equal((await owner.client.delete(`/api/recipients/${added.body.id}`)).status, 404);
    });

    test("a recipient needs the contact for each channel it gets; fields are checked", async () => {
      const noContact = await owner.client.post("/api/recipients", {
        name: "无联系方式",
        role: "other",
        emailGroups: [],
        smsGroups: [],
      });
      assert.equal(noContact.status, 422);
      assert.equal(noContact.body.code, "RECIPIENT_CONTACT_MISSING");
      const textsWithoutPhone = await owner.client.post("/api/recipients", {
        name: "只有邮箱",
        role: "finance",
        email: "finance@example.cn",
        emailGroups: [],
        smsGroups: ["order"],
      });
      assert.equal(textsWithoutPhone.body.code, "RECIPIENT_CONTACT_MISSING");
      const badRole = await owner.client.post("/api/recipients", {
        name: "x",
        role: "boss",
        email: "x@example.cn",
        emailGroups: [],
        smsGroups: [],
      });
      assert.equal(badRole.status, 400);
      const badGroup = await owner.client.post("/api/recipients", {
        name: "x",
        role: "other",
        email: "x@example.cn",
        emailGroups: ["everything"],
        smsGroups: [],
      });
      assert.equal(badGroup.status, 400);
      const badEmail = await owner.client.post("/api/recipients", {
        name: "x",
        role: "other",
        email: "not-an-address",
        emailGroups: [],
        smsGroups: [],
      });
      assert.equal(badEmail.status, 400);
      assert.deepEqual(badEmail.body.details, [{ field: "email", problem: "format" }]);
      const badPhone = await owner.client.post("/api/recipients", {
        name: "x",
        role: "other",
        phone: "12345678901",
        emailGroups: [],
        smsGroups: [],
      });
      assert.equal(badPhone.body.code, "NOTIFICATION_PHONE_INVALID");
      const extra = await owner.client.post("/api/recipients", {
        name: "x",
        role: "other",
        email: "x@example.cn",
        emailGroups: [],
        smsGroups: [],
        admin: true,
      });
      assert.equal(extra.status, 400, "unknown fields are refused");
    });

    test("another account's recipient is not found and not listed", async () => {
      const mine = await owner.client.post("/api/recipients", {
        name: "技术",
        role: "technical",
        email: "tech@example.cn",
        emailGroups: ["deadline"],
        smsGroups: [],
      });
      assert.equal(mine.status, 201);
      const patched = await stranger.client.patch(`/api/recipients/${mine.body.id}`, { name: "hijacked" });
      assert.equal(patched.status, 404);
      assert.equal(patched.body.code, "NOT_FOUND");
      assert.equal((await stranger.client.delete(`/api/recipients/${mine.body.id}`)).status, 404);
      const theirs = await stranger.client.get("/api/recipients");
      assert.ok(!theirs.body.items.some((entry: { id: string }) => entry.id === mine.body.id));
      const still = await owner.client.get("/api/recipients");
      assert.equal(still.body.items.find((entry: { id: string }) => entry.id === mine.body.id).name, "技术");
    });

    test("15 recipients per account; the 16th is refused, concurrent additions included", async () => {
      const limited = await readyApplicant(platform, "赵六");
      const add = (index: number) =>
        limited.client.post("/api/recipients", {
          name: `联系人${index}`,
          role: "other",
          email: `person${index}@example.cn`,
          emailGroups: ["order"],
          smsGroups: [],
        });
      for (let index = 1; index <= 12; index++) assert.equal((await add(index)).status, 201);
      // Five at once for the last three places: three win, two are refused.
      const racing = await Promise.all([13, 14, 15, 16, 17].map(add));
      assert.deepEqual(racing.map((response) => response.status).sort(), [201, 201, 201, 409, 409]);
      const refused = await add(18);
      assert.equal(refused.status, 409);
      assert.equal(refused.body.code, "RECIPIENT_LIMIT_REACHED");
      assert.deepEqual(refused.body.details, { limit: 15 });
      assert.equal((await limited.client.get("/api/recipients")).body.items.length, 15);
    });

    test("no phone number or recipient address in clear in the new tables", async () => {
      await owner.client.put("/api/notification-preferences", { phone: "13800138000" });
      await owner.client.post("/api/recipients", {
        name: "核对",
        role: "subject_head",
        email: "check@example.cn",
        phone: "13722223333",
        emailGroups: ["order"],
        smsGroups: ["order"],
      });
      const settings = await platform.ctx.db.selectFrom("notification_settings").selectAll().execute();
      const recipients = await platform.ctx.db.selectFrom("notification_recipient").selectAll().execute();
      assert.ok(settings.length > 0 && recipients.length > 0);
      const raw = JSON.stringify([settings, recipients]);
      for (const secret of ["13800138000", "13722223333", "check@example.cn", "tech@example.cn"]) {
        assert.ok(!raw.includes(secret), `${secret} is encrypted`);
      }
    });
  });
}
