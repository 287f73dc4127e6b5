import sharp from "sharp";
import { randomUUID } from "node:crypto";
import { DAY_MS, makeResidentId } from "@openbeian/core";
import type { PlatformClient } from "@openbeian/regulator-sim";
import { createSession } from "../../packages/server/src/identity/sessions.ts";
import { hashPassword } from "../../packages/server/src/identity/passwords.ts";
import type { AppContext } from "../../packages/server/src/platform/context.ts";
import { newId } from "../../packages/server/src/platform/ids.ts";
import { addDomain } from "../../packages/server/src/resources/domains.ts";
import { addServer } from "../../packages/server/src/resources/servers.ts";

/**
 * One full first filing through the HTTP API, as the applicant, the reviewer and
 * the regulator would drive it: create with data, three uploads (ID front and
 * back, face capture), read the order, submit, approve, SMS sent, SMS verified,
 * bureau approved: ten requests.
 */
export const REQUESTS_PER_LIFECYCLE = 10;

interface Session {
  cookie: string;
  csrf: string;
}

export interface Applicant extends Session {
  domain: string;
  serviceCode: string;
  /** Each applicant is a different person: one certificate files one subject… */
  certificateNumber: string;
  /** …and one mobile number (fact base §3.2). */
  mobile: string;
}

function personId(index: number): string {
  const birth = new Date(Date.UTC(1970, 0, 1) + (index % 10_000) * 86_400_000).toISOString().slice(0, 10);
  return makeResidentId("330106", birth, String(Math.floor(index / 10_000) % 1000).padStart(3, "0"));
}

export async function prepareApplicants(ctx: AppContext, count: number): Promise<Applicant[]> {
  const passwordHash = await hashPassword("Bench!2026-password");
  const now = ctx.clock.now().getTime();
  const applicants: Applicant[] = [];
  for (let i = 0; i < count; i++) {
    const { accountId, userId } = await insertUser(ctx, { role: "applicant", name: "张三", passwordHash });
    const domain = `bench-${accountId}.cn`;
    const certificateNumber = personId(i);
    await addDomain(ctx, accountId, {
      name: domain,
      holderName: "张三",
      holderCertificateNumber: certificateNumber,
      realNameVerifiedAt: new Date(now - 10 * DAY_MS).toISOString(),
      expiresAt: new Date(now + 365 * DAY_MS).toISOString(),
    });
    const server = await addServer(ctx, accountId, {
      instanceId: `i-bench-${accountId}`,
      region: "cn-hangzhou",
      product: "ecs.e-c1m2.large",
      billingType: "subscription",
      paidFrom: new Date(now - DAY_MS).toISOString(),
      paidUntil: new Date(now + 364 * DAY_MS).toISOString(),
      autoRenew: true,
      publicIp: "47.96.10.20",
    });
    const session = await createSession(ctx, userId);
    applicants.push({
      cookie: `ob_session=${session.token}`,
      csrf: session.csrfToken,
      domain,
      serviceCode: server.serviceCodes[0]?.code ?? "",
      certificateNumber,
      mobile: `137${String(i).padStart(8, "0")}`,
    });
  }
  return applicants;
}

export async function staffSession(ctx: AppContext): Promise<Session> {
  const passwordHash = await hashPassword("Reviewer!2026");
  const { userId } = await insertUser(ctx, { role: "reviewer", name: "审核员", passwordHash });
  const session = await createSession(ctx, userId);
  return { cookie: `ob_session=${session.token}`, csrf: session.csrfToken };
}

/** An account with one user, written straight to the tables: setup, not the thing measured. */
export async function insertUser(
  ctx: AppContext,
  user: { role: "applicant" | "reviewer"; name: string; passwordHash: string },
): Promise<{ accountId: string; userId: string }> {
  const accountId = newId();
  const userId = newId();
  const staff = user.role !== "applicant";
  await ctx.db
    .insertInto("account")
    .values({
      id: accountId,
      kind: staff ? "provider" : "customer",
      type: staff ? "organization" : "personal",
      name: user.name,
      created_at: ctx.clock.now().getTime(),
    })
    .execute();
  await ctx.db
    .insertInto("app_user")
    .values({
      id: userId,
      account_id: accountId,
      email: `bench-${user.role}-${userId}@example.cn`,
      password_hash: user.passwordHash,
      display_name: user.name,
      role: user.role,
      created_at: ctx.clock.now().getTime(),
    })
    .execute();
  return { accountId, userId };
}

let subjectSequence = 0;
let photoBytes: Uint8Array<ArrayBuffer> | null = null;

/** One small JPEG for every upload (a 640×400 photo: the size of a phone's compressed ID shot). */
async function photo(): Promise<Uint8Array<ArrayBuffer>> {
  photoBytes ??= Uint8Array.from(
    await sharp({ create: { width: 640, height: 400, channels: 3, background: { r: 210, g: 190, b: 170 } } })
      .jpeg({ quality: 85 })
      .toBuffer(),
  );
  return photoBytes;
}

export async function runLifecycle(
  base: string,
  applicant: Applicant,
  reviewer: Session,
  regulator: PlatformClient,
): Promise<void> {
  const call = async (session: Session, method: string, path: string, body: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { cookie: session.cookie, "x-csrf-token": session.csrf, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { version: number; id: string; number: string; state: string };
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const person = {
    name: "张三",
    certificateType: "resident_id",
    certificateNumber: applicant.certificateNumber,
    certificateValidTo: "2040-01-01",
    mobile: applicant.mobile,
    emergencyPhone: "13900139000",
    email: "zhangsan@example.cn",
  };
  const data = {
    subject: {
      type: "personal",
      name: "张三",
      certificateType: "resident_id",
      certificateNumber: applicant.certificateNumber,
      divisionCode: "330106",
      address: "浙江省杭州市西湖区文三路100号",
      head: person,
    },
    websites: [
      {
        name: "张三的编程笔记",
        domain: applicant.domain,
        serviceContent: "blog",
        languages: ["zh-CN"],
        remark: "个人技术博客，记录编程学习笔记与读书心得，不涉及经营性内容。",
        head: person,
        serviceCode: applicant.serviceCode,
      },
    ],
  };
  const created = await call(applicant, "POST", "/api/orders", { data });
  // The certificate photos and the face capture, uploaded as the wizard does (re-encoded by the server).
  for (const kind of ["id_front", "id_back", "face_capture"]) {
    const form = new FormData();
    form.append("kind", kind);
    form.append("file", new Blob([await photo()], { type: "image/jpeg" }), `${kind}.jpg`);
    const response = await fetch(`${base}/api/orders/${created.id}/materials`, {
      method: "POST",
      headers: { cookie: applicant.cookie, "x-csrf-token": applicant.csrf },
      body: form,
    });
    if (response.status !== 201)
      throw new Error(`upload ${kind}: ${response.status} ${await response.text()}`);
  }
  const current = (await (
    await fetch(`${base}/api/orders/${created.id}`, { headers: { cookie: applicant.cookie } })
  ).json()) as { version: number };
  const submitted = await call(applicant, "POST", `/api/orders/${created.id}/submit`, {
    version: current.version,
  });
  await call(reviewer, "POST", `/api/review/orders/${created.id}/approve`, { version: submitted.version });
  const subjectNumber = `浙ICP备2026${String(++subjectSequence).padStart(6, "0")}号`;
  for (const event of [
    { type: "sms_sent" as const },
    { type: "sms_verified" as const },
    {
      type: "bureau_approved" as const,
      numbers: { subjectNumber, websiteNumbers: { [applicant.domain]: `${subjectNumber}-1` } },
    },
  ]) {
    const result = await regulator.report(created.number, event, randomUUID());
    if (result.status !== 200)
      throw new Error(`regulator ${event.type}: ${result.status} ${JSON.stringify(result.body)}`);
  }
}
