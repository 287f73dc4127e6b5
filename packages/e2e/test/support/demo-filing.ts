import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { makeResidentId, type OrderData } from "@openbeian/core";
import { DEMO_PASSWORD, DEMO_USERS, DemoReviewer, HttpSession, type OrderView } from "@openbeian/server";
import type { Page } from "playwright-core";

/**
 * What the browser tests share around the seeded demo applicant: logging in through
 * the login page, a picture for uploads, the wizard's uploads, the order a page shows,
 * the regulator's events over HTTP, and the applicant's first filing taken through the
 * API to the bureau's approval.
 */
export async function logIn(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/login`);
  await page.locator("#login_email").fill(email);
  await page.locator("#login_password").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** A small JPEG drawn in the page (with `label` written on it), standing in for a document photo or the face capture. */
export async function picture(page: Page, label = ""): Promise<Buffer> {
  const dataUrl = await page.evaluate((text) => {
    const canvas = document.createElement("canvas");
    canvas.width = 320;
    canvas.height = 200;
    const g = canvas.getContext("2d") as CanvasRenderingContext2D;
    g.fillStyle = "#e6f4ff";
    g.fillRect(0, 0, 320, 200);
    g.fillStyle = "#333";
    g.font = "24px sans-serif";
    g.fillText(text, 20, 48);
    return canvas.toDataURL("image/jpeg", 0.8);
  }, label);
  return Buffer.from(dataUrl.split(",")[1] ?? "", "base64");
}

/** 上传资料: every document the order still needs gets a picture, one after the other. */
export async function uploadMissingMaterials(page: Page) {
  await page.locator(".material-row").first().waitFor();
  for (;;) {
    const missing = page.locator('.material-row[data-status="missing"]');
    if ((await missing.count()) === 0) return;
    const kind = (await missing.first().getAttribute("data-kind")) ?? "";
    await missing
      .first()
      .locator('input[type="file"]')
      .setInputFiles({ name: `${kind}.jpg`, mimeType: "image/jpeg", buffer: await picture(page, kind) });
    await page.locator(`.material-row[data-kind="${kind}"][data-status="uploaded"]`).waitFor();
  }
}

/** The order the page shows (/orders/:id…), read over the page's session. */
export async function orderOf(page: Page, baseUrl: string): Promise<OrderView> {
  const id = /\/orders\/([^/?]+)/.exec(page.url())?.[1];
  assert.ok(id, `an order page: ${page.url()}`);
  const response = await page.request.get(`${baseUrl}/api/orders/${id}`);
  assert.equal(response.status(), 200);
  return (await response.json()) as OrderView;
}

/** The platform a filing is made on: its address and the regulator's token for the internal endpoints. */
export interface PlatformAt {
  baseUrl: string;
  regulatorToken: string;
}

/** One regulator event through the platform's internal endpoint, with a fresh message id. */
export async function regulatorEvent(at: PlatformAt, orderNumber: string, event: Record<string, unknown>) {
  const response = await fetch(`${at.baseUrl}/api/internal/regulator/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${at.regulatorToken}`, "content-type": "application/json" },
    body: JSON.stringify({ messageId: randomBytes(8).toString("hex"), orderNumber, event }),
  });
  assert.equal(response.status, 200, `regulator event ${String(event.type)}: ${await response.text()}`);
}

export interface DemoFiling {
  photo: Uint8Array;
  domain: string;
  /** The head's e-mail (a change test edits it). */
  email: string;
  subjectNumber: string;
  websiteNumber: string;
}

/** An unused service code of the seeded applicant's server. */
export async function unusedServiceCode(applicant: HttpSession): Promise<string> {
  const servers = await applicant.get<{ items: { serviceCodes: { code: string; state: string }[] }[] }>(
    "/api/servers",
  );
  const serviceCode = servers.items[0]?.serviceCodes.find((code) => code.state === "unused")?.code;
  assert.ok(serviceCode, "the seeded server has an unused service code");
  return serviceCode;
}

/** The demo applicant's first filing as data: 张三's personal blog on `domain`, heading both. */
export function demoOrderData(domain: string, email: string, serviceCode: string): OrderData {
  const certificateNumber = makeResidentId("330106", "1990-03-07", "123");
  const person = {
    name: "张三",
    certificateType: "resident_id" as const,
    certificateNumber,
    certificateValidFrom: "2020-01-01",
    certificateValidTo: "2040-01-01",
    mobile: "13800138000",
    emergencyPhone: "13900139000",
    email,
  };
  return {
    subject: {
      type: "personal",
      name: "张三",
      certificateType: "resident_id",
      certificateNumber,
      divisionCode: "330106",
      address: "浙江省杭州市西湖区文三路100号",
      head: person,
    },
    websites: [
      {
        name: "张三的编程笔记",
        domain,
        homeUrl: `https://${domain}/`,
        serviceContent: "blog",
        languages: ["zh-CN"],
        remark: "个人技术博客，记录编程学习笔记与读书心得，不涉及经营性内容。",
        head: person,
        serviceCode,
      },
    ],
  };
}

/**
 * The seeded applicant's first filing, through the API: filed, uploaded, submitted, approved,
 * SMS, bureau. Returns the filed order with the applicant's and the reviewer's sessions.
 */
export async function fileDemoFiling(
  at: PlatformAt,
  filing: DemoFiling,
): Promise<{ order: OrderView; applicant: HttpSession; reviewer: DemoReviewer }> {
  const { domain } = filing;
  const applicant = new HttpSession(at.baseUrl);
  await applicant.post("/api/auth/login", { email: DEMO_USERS.applicant, password: DEMO_PASSWORD });
  const reviewer = await DemoReviewer.logIn(at.baseUrl, {
    email: DEMO_USERS.reviewer,
    password: DEMO_PASSWORD,
  });
  const data = demoOrderData(domain, filing.email, await unusedServiceCode(applicant));
  const created = await applicant.post<OrderView>("/api/orders", { data });
  const { required } = await applicant.get<{ required: { kind: string }[] }>(
    `/api/orders/${created.id}/materials`,
  );
  for (const { kind } of required) {
    await applicant.upload(`/api/orders/${created.id}/materials`, kind, {
      bytes: filing.photo,
      name: `${kind}.jpg`,
      type: "image/jpeg",
    });
  }
  const current = await applicant.get<OrderView>(`/api/orders/${created.id}`);
  const submitted = await applicant.post<OrderView>(`/api/orders/${created.id}/submit`, {
    version: current.version,
    acknowledgeWarnings: true,
  });
  assert.equal(submitted.state, "provider_review", "the order is submitted to initial review");
  assert.equal((await reviewer.approve(created.id)).state, "queued_for_bureau", "the reviewer approves it");
  const event = (body: Record<string, unknown>) => regulatorEvent(at, created.number, body);
  await event({ type: "sms_sent" });
  await event({ type: "sms_verified" });
  await event({
    type: "bureau_approved",
    numbers: { subjectNumber: filing.subjectNumber, websiteNumbers: { [domain]: filing.websiteNumber } },
  });
  const filed = await applicant.get<OrderView>(`/api/orders/${created.id}`);
  assert.equal(filed.state, "approved", "the bureau's approval files the order");
  return { order: filed, applicant, reviewer };
}
