import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ApiClient } from "./support/client.ts";
import { STAFF_PASSWORD, readyApplicant, uniqueEmail, type ReadyApplicant } from "./support/factories.ts";
import { engines, startTestPlatform, type TestPlatform } from "./support/platform.ts";
import { namedStaff, type NamedStaff } from "./support/review-history.ts";

interface StaffItem {
  id: string;
  email: string;
  displayName: string;
  role: string;
  createdAt: string;
  disabled: boolean;
  disabledAt: string | null;
}

/** Administrators manage the provider's staff: create, change roles, disable, enable; all audited. */
for (const engine of engines()) {
  describe(`staff administration (${engine})`, () => {
    let platform: TestPlatform;
    let admin: NamedStaff;
    let reviewer: NamedStaff;
    let applicant: ReadyApplicant;
    let created: StaffItem;
    const newPassword = "Newcomer!2026";

    const staffList = async (): Promise<StaffItem[]> =>
      (await admin.client.get("/api/admin/staff")).body.items;
    const auditOf = async (userId: string) =>
      (await admin.client.get(`/api/audit?entity=user&entityId=${userId}`)).body.items as {
        action: string;
        actorKind: string;
        actor: { id: string } | null;
        detail: Record<string, unknown>;
      }[];

    before(async () => {
      platform = await startTestPlatform(engine);
      admin = await namedStaff(platform, "admin", "钱管理");
      reviewer = await namedStaff(platform, "reviewer", "李审核");
      applicant = await readyApplicant(platform);
    });
    after(() => platform.close());

    test("the list holds the staff, not the applicants", async () => {
      const response = await admin.client.get("/api/admin/staff");
      assert.equal(response.status, 200);
      const items: StaffItem[] = response.body.items;
      assert.deepEqual(
        items.map((item) => [item.displayName, item.role, item.disabled]),
        [
          ["钱管理", "admin", false],
          ["李审核", "reviewer", false],
        ],
      );
      assert.equal(items[1]?.email, reviewer.email);
      assert.equal(items[1]?.disabledAt, null);
      assert.equal(items[1]?.createdAt, platform.clock.now().toISOString());
    });

    test("an admin creates a staff member who can then log in", async () => {
      const email = uniqueEmail("Newcomer").toUpperCase();
      const response = await admin.client.post("/api/admin/staff", {
        email,
        displayName: "孙审核",
        role: "reviewer",
        password: newPassword,
      });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      created = response.body;
      assert.equal(created.email, email.toLowerCase());
      assert.equal(created.role, "reviewer");
      assert.equal(created.disabled, false);
      const session = await new ApiClient(platform.app).logIn(email, newPassword);
      assert.equal(session.user.role, "reviewer");
      // Staff join the administrator's own (provider) account.
      assert.equal(session.user.accountId, (await admin.client.get("/api/session")).body.user.accountId);
      assert.ok((await staffList()).some((item) => item.id === created.id));
      // The audit names the role, never the e-mail address or the name.
      const [record] = await auditOf(created.id);
      assert.equal(record?.action, "staff.create");
      assert.equal(record?.actorKind, "admin");
      assert.equal(record?.actor?.id, admin.id);
      assert.deepEqual(record?.detail, { role: "reviewer" });
    });

    test("creation checks its input like sign-up", async () => {
      const base = {
        email: uniqueEmail("x"),
        displayName: "周审核",
        role: "reviewer",
        password: newPassword,
      };
      const taken = await admin.client.post("/api/admin/staff", { ...base, email: reviewer.email });
      assert.equal(taken.status, 409);
      assert.equal(taken.body.code, "EMAIL_TAKEN");
      for (const body of [
        { ...base, password: "short" },
        { ...base, role: "applicant" },
        { ...base, email: "not-an-address" },
        { ...base, displayName: "" },
        { ...base, extra: true },
      ]) {
        const response = await admin.client.post("/api/admin/staff", body);
        assert.equal(response.status, 400, JSON.stringify(body));
        assert.equal(response.body.code, "VALIDATION_FAILED");
      }
    });

    test("a role change takes effect on the user's next request", async () => {
      const before = await reviewer.client.get("/api/review/stats");
      assert.equal(before.status, 403);
      const response = await admin.client.post(`/api/admin/staff/${reviewer.id}/role`, {
        role: "supervisor",
      });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body.role, "supervisor");
      assert.equal((await reviewer.client.get("/api/review/stats")).status, 200);
      const [record] = await auditOf(reviewer.id);
      assert.equal(record?.action, "staff.role");
      assert.deepEqual(record?.detail, { from: "reviewer", to: "supervisor" });
      // The same role again changes nothing and records nothing.
      await admin.client.post(`/api/admin/staff/${reviewer.id}/role`, { role: "supervisor" });
      assert.equal((await auditOf(reviewer.id)).length, 1);
      const bad = await admin.client.post(`/api/admin/staff/${reviewer.id}/role`, { role: "owner" });
      assert.equal(bad.status, 400);
    });

    test("an admin can neither demote nor disable themselves", async () => {
      for (const role of ["supervisor", "reviewer"]) {
        const response = await admin.client.post(`/api/admin/staff/${admin.id}/role`, { role });
        assert.equal(response.status, 422);
        assert.equal(response.body.code, "STAFF_SELF_CHANGE");
      }
      const disable = await admin.client.post(`/api/admin/staff/${admin.id}/disable`);
      assert.equal(disable.status, 422);
      assert.equal(disable.body.code, "STAFF_SELF_CHANGE");
      assert.equal(
        (await admin.client.post(`/api/admin/staff/${admin.id}/role`, { role: "admin" })).status,
        200,
      );
      assert.equal((await staffList()).find((item) => item.id === admin.id)?.role, "admin");
    });

    test("disabling ends the sessions and refuses the login; enabling lets the user back", async () => {
      const member = await namedStaff(platform, "reviewer", "吴审核");
      const second = new ApiClient(platform.app);
      await second.logIn(member.email, STAFF_PASSWORD);
      const response = await admin.client.post(`/api/admin/staff/${member.id}/disable`);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body.disabled, true);
      assert.equal(response.body.disabledAt, platform.clock.now().toISOString());
      for (const client of [member.client, second]) {
        assert.equal((await client.get("/api/session")).status, 401);
        assert.equal((await client.get("/api/review/orders")).status, 401);
      }
      const refused = await new ApiClient(platform.app).request("POST", "/api/auth/login", {
        email: member.email,
        password: STAFF_PASSWORD,
      });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, "USER_DISABLED");
      // A wrong password gets the usual answer: the state is told only to the holder of the password.
      const wrong = await new ApiClient(platform.app).request("POST", "/api/auth/login", {
        email: member.email,
        password: "Wrong!password1",
      });
      assert.equal(wrong.body.code, "INVALID_CREDENTIALS");
      const [record] = await auditOf(member.id);
      assert.equal(record?.action, "staff.disable");
      assert.deepEqual(record?.detail, { sessionsEnded: 2 });
      assert.equal((await admin.client.post(`/api/admin/staff/${member.id}/disable`)).status, 200);
      assert.equal((await auditOf(member.id)).length, 1);
      assert.equal((await staffList()).find((item) => item.id === member.id)?.disabled, true);

      const enabled = await admin.client.post(`/api/admin/staff/${member.id}/enable`);
      assert.equal(enabled.status, 200);
      assert.equal(enabled.body.disabled, false);
      await new ApiClient(platform.app).logIn(member.email, STAFF_PASSWORD);
      assert.equal((await auditOf(member.id))[0]?.action, "staff.enable");
    });

    test("applicants and unknown ids are not staff: 404", async () => {
      const applicantId = (await applicant.client.get("/api/session")).body.user.id;
      for (const path of [`/api/admin/staff/${applicantId}/disable`, "/api/admin/staff/nobody/disable"]) {
        const response = await admin.client.post(path);
        assert.equal(response.status, 404, path);
      }
      const promote = await admin.client.post(`/api/admin/staff/${applicantId}/role`, { role: "admin" });
      assert.equal(promote.status, 404);
    });

    test("only administrators", async () => {
      const supervisor = await namedStaff(platform, "supervisor", "赵主管");
      const refusals: [ApiClient, number][] = [
        [supervisor.client, 403],
        [reviewer.client, 403],
        [applicant.client, 403],
        [new ApiClient(platform.app), 401],
      ];
      for (const [client, status] of refusals) {
        const responses = [
          await client.get("/api/admin/staff"),
          await client.post("/api/admin/staff", {
            email: uniqueEmail("y"),
            displayName: "某人",
            role: "admin",
            password: newPassword,
          }),
          await client.post(`/api/admin/staff/${created.id}/role`, { role: "admin" }),
          await client.post(`/api/admin/staff/${created.id}/disable`),
          await client.post(`/api/admin/staff/${created.id}/enable`),
        ];
        assert.deepEqual(
          responses.map((response) => response.status),
          [status, status, status, status, status],
        );
      }
      assert.equal((await staffList()).find((item) => item.id === created.id)?.disabled, false);
    });

    test("two admins demoting each other at once leave one admin", async () => {
      const first = await namedStaff(platform, "admin", "甲管理");
      const second = await namedStaff(platform, "admin", "乙管理");
      const [a, b] = await Promise.all([
        first.client.post(`/api/admin/staff/${second.id}/role`, { role: "reviewer" }),
        second.client.post(`/api/admin/staff/${first.id}/role`, { role: "reviewer" }),
      ]);
      assert.deepEqual([a.status, b.status].sort(), [200, 403]);
      const roles = (await staffList())
        .filter((item) => item.id === first.id || item.id === second.id)
        .map((item) => item.role)
        .sort();
      assert.deepEqual(roles, ["admin", "reviewer"]);
    });
  });
}
