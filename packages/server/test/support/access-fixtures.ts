import assert from "node:assert/strict";
import type { StaffRole } from "../../src/admin/staff.ts";
import { createUser } from "../../src/identity/accounts.ts";
import type { Viewer } from "../../src/identity/viewer.ts";
import { addRecipient } from "../../src/notify/recipients.ts";
import { createEndpoint } from "../../src/webhooks/endpoints.ts";
import { ApiClient, type Response } from "./client.ts";
import {
  APPLICANT_PASSWORD,
  STAFF_PASSWORD,
  equipApplicant,
  personalOrder,
  readyApplicant,
  uniqueEmail,
  type ReadyApplicant,
} from "./factories.ts";
import { filedOrder } from "./filed-order.ts";
import { photo, uploadStandardMaterials } from "./materials.ts";
import type { TestPlatform } from "./platform.ts";
import { RECIPIENT, type Fixtures, type OrderRef, type Party, type User } from "./route-access.ts";

/**
 * The world the authorisation matrix runs in, made through the API where the
 * product has a way: the provider's staff of each role in one account (as
 * `seed-demo` and the staff page make them) with an order of the provider's own;
 * applicant accounts A and B, each with a filing approved by the bureau, a change
 * in initial review, resources, settings, webhooks and hand-off links; a third
 * account C that granted codes go to and that sent a transfer to A (and one to B,
 * declined).
 */
export interface AccessFixtures {
  fx: Fixtures;
  /** A face-check link of A's order in review: the hand-off caller's credential. */
  handoffToken: string;
  /** The bearer token the regulator bridge reports with. */
  regulatorToken: string;
  tokens: {
    applicantRead: string;
    applicantFile: string;
    applicantRevoked: string;
    staffRead: string;
    staffReview: string;
  };
}

const ok = <T>(response: Response<T>, status: number, what: string): T => {
  assert.equal(response.status, status, `${what}: ${JSON.stringify(response.body)}`);
  return response.body;
};

export async function buildAccessFixtures(platform: TestPlatform): Promise<AccessFixtures> {
  const staff = await provider(platform);
  const reviewer = staff.clients.reviewer;

  const insider = await insiderApplicant(platform, staff.accountId);
  const providerOrder = await submittedOrder(platform, insider);

  const [a, b, c] = [
    await readyApplicant(platform),
    await readyApplicant(platform),
    await readyApplicant(platform),
  ];
  // C's filing goes to B (declined), then to A (waiting): each receives one while it holds no filing.
  await filedOrder(platform, c, reviewer);
  const toB = await sendTransfer(c, await accountIdOf(b.client));
  ok(await b.client.post(`/api/transfers/${toB}/decline`, {}), 200, "B declines");
  const toA = await sendTransfer(c, await accountIdOf(a.client));

  const partyA = await party(platform, a, reviewer, toA);
  const partyB = await party(platform, b, reviewer, toB);
  await platform.worker.runDue();
  partyA.party.user.notificationId = await firstNotification(a.client);
  partyB.party.user.notificationId = await firstNotification(b.client);
  const providerNotification = await firstNotification(reviewer);
  for (const role of ["reviewer", "supervisor", "admin"] as const) {
    staff.users[role].notificationId = providerNotification;
  }

  const token = async (client: ApiClient, scopes: string[]) =>
    ok(await client.post("/api/tokens", { name: `matrix ${scopes.join(" ")}`, scopes }), 201, "token") as {
      id: string;
      token: string;
    };
  const revoked = await token(a.client, ["read", "file"]);
  ok(await a.client.delete(`/api/tokens/${revoked.id}`), 204, "revoke");
  const override = ok(
    await staff.clients.admin.post("/api/admin/province-rules/overrides", {
      province: "33",
      rule: "minAge",
      value: 18,
      reason: "矩阵测试：撤销用",
      effectiveFrom: "2099-01-01",
    }),
    201,
    "override",
  );

  return {
    fx: {
      a: partyA.party,
      b: partyB.party,
      provider: { accountId: staff.accountId, ...providerOrder },
      staff: staff.users,
      spareStaffId: staff.spareId,
      overrideId: override.id,
      granteeEmail: (await c.client.get("/api/session")).body.user.email,
      photo: await photo(),
    },
    handoffToken: partyA.handoffToken,
    regulatorToken: platform.regulatorToken,
    tokens: {
      applicantRead: (await token(a.client, ["read"])).token,
      applicantFile: (await token(a.client, ["file"])).token,
      applicantRevoked: revoked.token,
      staffRead: (await token(reviewer, ["read"])).token,
      staffReview: (await token(reviewer, ["review"])).token,
    },
  };
}

/** An administrator, then a reviewer, a supervisor and a spare reviewer in the administrator's account. */
async function provider(platform: TestPlatform) {
  const roles = ["admin", "reviewer", "supervisor"] as const;
  const users = {} as Record<StaffRole, User>;
  const clients = {} as Record<StaffRole, ApiClient>;
  let accountId: string | undefined;
  const add = async (role: StaffRole) => {
    const email = uniqueEmail(role);
    const created = await createUser(platform.ctx, {
      email,
      password: STAFF_PASSWORD,
      displayName: `${role} 王`,
      accountType: "organization",
      role,
      accountKind: "provider",
      ...(accountId ? { accountId } : {}),
    });
    accountId = created.accountId;
    return { id: created.userId, email };
  };
  for (const role of roles) {
    const { id, email } = await add(role);
    const client = new ApiClient(platform.app);
    await client.logIn(email, STAFF_PASSWORD);
    clients[role] = client;
    const spareToken = ok(
      await client.post("/api/tokens", { name: "spare", scopes: ["read"] }),
      201,
      "token",
    );
    users[role] = { id, email, password: STAFF_PASSWORD, notificationId: "", spareTokenId: spareToken.id };
  }
  const spare = await add("reviewer");
  return { accountId: accountId ?? "", users, clients, spareId: spare.id };
}

/**
 * The provider filing for itself: an applicant user in the staff's own account. No route
 * makes one (sign-up makes customer accounts, the staff page staff); only the code can.
 */
async function insiderApplicant(platform: TestPlatform, accountId: string): Promise<ReadyApplicant> {
  const email = uniqueEmail("provider-applicant");
  await createUser(platform.ctx, {
    email,
    password: APPLICANT_PASSWORD,
    displayName: "张三",
    accountType: "organization",
    role: "applicant",
    accountKind: "provider",
    accountId,
  });
  const client = new ApiClient(platform.app);
  await client.logIn(email, APPLICANT_PASSWORD);
  return equipApplicant(platform, client);
}

async function submittedOrder(platform: TestPlatform, applicant: ReadyApplicant) {
  const created = ok(
    await applicant.client.post("/api/orders", { data: personalOrder(applicant) }),
    201,
    "order",
  );
  await uploadStandardMaterials(applicant.client, created.id);
  ok(
    await applicant.client.post(`/api/orders/${created.id}/submit`, { version: created.version }),
    200,
    "submit",
  );
  return {
    order: { id: created.id, number: created.number } as OrderRef,
    materialId: await materialOf(platform, created.id),
  };
}

async function materialOf(platform: TestPlatform, orderId: string): Promise<string> {
  const row = await platform.ctx.db
    .selectFrom("material")
    .select("id")
    .where("order_id", "=", orderId)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const accountIdOf = async (client: ApiClient) => (await client.get("/api/account")).body.account.id as string;

async function sendTransfer(sender: ReadyApplicant, toAccountId: string): Promise<string> {
  const created = ok(
    await sender.client.post("/api/orders", { type: "transfer", toAccountId }),
    201,
    "transfer",
  );
  ok(await sender.client.post(`/api/orders/${created.id}/submit`, { version: created.version }), 200, "send");
  return created.id;
}

async function firstNotification(client: ApiClient): Promise<string> {
  const items = (await client.get("/api/notifications")).body.items as { id: string }[];
  assert.ok(items[0], "the account has a notification");
  return items[0].id;
}

/** A filed account with a change in initial review, and the things its routes name. */
async function party(
  platform: TestPlatform,
  applicant: ReadyApplicant,
  reviewer: ApiClient,
  incomingTransferId: string,
): Promise<{ party: Party; handoffToken: string }> {
  const { client } = applicant;
  const filed = await filedOrder(platform, applicant, reviewer);

  const change = ok(await client.post("/api/orders", { type: "change" }), 201, "change");
  const data = structuredClone(change.data);
  data.subject.address = "浙江省杭州市西湖区文三路200号";
  const saved = ok(
    await client.put(`/api/orders/${change.id}/data`, { version: change.version, data }),
    200,
    "save",
  );
  // Links are made while the order can be edited (the face check): one to use, one to revoke.
  const faceLink = async () => {
    const links = ok(await client.post(`/api/orders/${change.id}/handoff-links`), 201, "links").links as {
      id: string;
      purpose: string;
      url: string;
    }[];
    const link = links.find((candidate) => candidate.purpose === "face_check");
    assert.ok(link, "a face-check link");
    return { id: link.id, token: link.url.split("#")[1] ?? "" };
  };
  const used = await faceLink();
  const spareLink = await faceLink();
  ok(
    await client.post(`/api/orders/${change.id}/submit`, {
      version: saved.version,
      acknowledgeWarnings: true,
    }),
    200,
    "submit the change",
  );

  const session = (await client.get("/api/session")).body.user as {
    id: string;
    email: string;
    accountId: string;
  };
  const itemsOf = async (url: string) => (await client.get(url)).body.items as { id: string }[];
  const webhook = ok(
    await client.post("/api/webhooks", { url: "http://127.0.0.1:9/matrix" }),
    201,
    "webhook",
  );
  const delivery = ok(await client.post(`/api/webhooks/${webhook.id}/test`), 200, "ping");
  const recipient = ok(await client.post("/api/recipients", RECIPIENT), 201, "recipient");
  const spareToken = ok(await client.post("/api/tokens", { name: "spare", scopes: ["read"] }), 201, "token");
  const viewer: Viewer = {
    userId: session.id,
    accountId: session.accountId,
    role: "applicant",
    email: session.email,
    displayName: "张三",
    csrfToken: "",
  };
  const spare = {
    webhook: spareOf(platform, "webhook_endpoint", async () => {
      const { row } = await createEndpoint(platform.ctx, viewer, { url: "http://127.0.0.1:9/spare" });
      return row.id;
    }),
    recipient: spareOf(platform, "notification_recipient", async () => {
      const recipient = await addRecipient(platform.ctx, viewer, { ...RECIPIENT, role: "other" });
      return recipient.id;
    }),
  };

  return {
    handoffToken: used.token,
    party: {
      accountId: session.accountId,
      user: {
        id: session.id,
        email: session.email,
        password: APPLICANT_PASSWORD,
        notificationId: "",
        spareTokenId: spareToken.id,
      },
      certificateNumber: applicant.certificateNumber,
      order: { id: change.id, number: change.number },
      filed: { id: filed.id, number: filed.number },
      materialId: await materialOf(platform, filed.id),
      domain: applicant.domain,
      domainId: (await itemsOf("/api/domains"))[0]?.id ?? "",
      serverId: (await itemsOf("/api/servers"))[0]?.id ?? "",
      serviceCode: applicant.serviceCodes[1] ?? "",
      websiteId: (await itemsOf("/api/websites"))[0]?.id ?? "",
      recipientId: recipient.id,
      webhookId: webhook.id,
      deliveryId: delivery.id,
      incomingTransferId,
      spareLinkId: spareLink.id,
      spare,
    },
  };
}

/**
 * A row of the account's that a request may delete: the same one until it is gone, then a
 * new one. Made through the use case, not a session: the matrix ends sessions on the way.
 */
function spareOf(
  platform: TestPlatform,
  table: "webhook_endpoint" | "notification_recipient",
  make: () => Promise<string>,
): () => Promise<string> {
  let id: string | null = null;
  return async () => {
    const present =
      id !== null &&
      (await platform.ctx.db.selectFrom(table).select("id").where("id", "=", id).executeTakeFirst()) !==
        undefined;
    if (!present) id = await make();
    return id as string;
  };
}
