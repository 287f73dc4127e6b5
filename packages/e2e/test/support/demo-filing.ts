import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { makeResidentId, type OrderData } from "@openbeian/core";
import { DEMO_PASSWORD, type DemoReviewer, type HttpSession, type OrderView } from "@openbeian/server";
import type { Page } from "playwright-core";

/**
 * What the browser tests share around the seeded demo applicant: logging in through
 * the login page, a picture for uploads, the regulator's events over HTTP, and the
 * applicant's first filing taken through the API to the bureau's approval.
 */
export async function logIn(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/login`);
  await page.locator("#login_email").fill(email);
  await page.locator("#login_password").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** A small JPEG drawn in the page, standing in for the document photos and the face capture. */
export async function picture(page: Page): Promise<Uint8Array> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 320;
    canvas.height = 200;
    const g = canvas.getContext("2d") as CanvasRenderingContext2D;
    g.fillStyle = "#e6f4ff";
    g.fillRect(0, 0, 320, 200);
    return canvas.toDataURL("image/jpeg", 0.8);
  });
  return Buffer.from(dataUrl.split(",")[1] ?? "", "base64");
}

/** One regulator event through the platform's internal endpoint, with a fresh message id. */
export async function regulatorEvent(
  baseUrl: string,
  regulatorToken: string,
  orderNumber: string,
  event: Record<string, unknown>,
) {
  const response = await fetch(`${baseUrl}/api/internal/regulator/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${regulatorToken}`, "content-type": "application/json" },
    body: JSON.stringify({ messageId: randomBytes(8).toString("hex"), orderNumber, event }),
  });
  assert.equal(response.status, 200, `regulator event ${String(event.type)}: ${await response.text()}`);
}

export interface DemoFiling {
  baseUrl: string;
  regulatorToken: string;
  applicant: HttpSession;
  reviewer: DemoReviewer;
  photo: Uint8Array;
  domain: string;
  /** The head's e-mail (a change test edits it). */
  email: string;
  subjectNumber: string;
  websiteNumber: string;
}

/** The seeded applicant's first filing, through the API: filed, uploaded, submitted, approved, SMS, bureau. */
export async function fileDemoFiling(filing: DemoFiling): Promise<OrderView> {
  const { applicant, domain } = filing;
  const servers = await applicant.get<{ items: { serviceCodes: { code: string; state: string }[] }[] }>(
    "/api/servers",
  );
  const serviceCode = servers.items[0]?.serviceCodes.find((code) => code.state === "unused")?.code;
  assert.ok(serviceCode, "the seeded server has an unused service code");
  const certificateNumber = makeResidentId("330106", "1990-03-07", "123");
  const person = {
    name: "张三",
    certificateType: "resident_id" as const,
    certificateNumber,
    certificateValidFrom: "2020-01-01",
    certificateValidTo: "2040-01-01",
    mobile: "13800138000",
    emergencyPhone: "13900139000",
    email: filing.email,
  };
  const data: OrderData = {
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
  assert.equal(
    (await filing.reviewer.approve(created.id)).state,
    "queued_for_bureau",
    "the reviewer approves it",
  );
  const event = (body: Record<string, unknown>) =>
    regulatorEvent(filing.baseUrl, filing.regulatorToken, created.number, body);
  await event({ type: "sms_sent" });
  await event({ type: "sms_verified" });
  await event({
    type: "bureau_approved",
    numbers: { subjectNumber: filing.subjectNumber, websiteNumbers: { [domain]: filing.websiteNumber } },
  });
  const filed = await applicant.get<OrderView>(`/api/orders/${created.id}`);
  assert.equal(filed.state, "approved", "the bureau's approval files the order");
  return filed;
}
