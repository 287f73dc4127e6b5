import assert from "node:assert/strict";
import { ApiClient } from "./client.ts";
import { personalOrder, type ReadyApplicant } from "./factories.ts";
import { uploadStandardMaterials } from "./materials.ts";
import type { TestPlatform } from "./platform.ts";

/**
 * Moves an applicant's first filing through the API as far as a test needs it:
 * submitted and approved in initial review, SMS verified (in bureau review),
 * then approved by the bureau with numbers. Regulator events go through the
 * internal endpoint with the platform's token, each with a fresh message id.
 */
let messages = 0;

export function regulatorEvent(platform: TestPlatform, orderNumber: string, event: unknown) {
  return new ApiClient(platform.app).request(
    "POST",
    "/api/internal/regulator/events",
    { messageId: `support-${process.pid}-${++messages}`, orderNumber, event },
    { authorization: `Bearer ${platform.regulatorToken}` },
  );
}

/** An order through initial review and SMS verification, waiting in bureau review. */
export async function orderInBureauReview(
  platform: TestPlatform,
  applicant: ReadyApplicant,
  reviewer: ApiClient,
): Promise<{ id: string; number: string }> {
  const created = await applicant.client.post("/api/orders", { data: personalOrder(applicant) });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const { id, number } = created.body as { id: string; number: string };
  await uploadStandardMaterials(applicant.client, id);
  const submitted = await applicant.client.post(`/api/orders/${id}/submit`, {
    version: created.body.version,
  });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  const approved = await reviewer.post(`/api/review/orders/${id}/approve`, {
    version: submitted.body.version,
  });
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  assert.equal((await regulatorEvent(platform, number, { type: "sms_sent" })).status, 200);
  assert.equal((await regulatorEvent(platform, number, { type: "sms_verified" })).status, 200);
  return { id, number };
}

/** The bureau's approval with a fresh Zhejiang subject number and the website number `-1`. */
export async function bureauApproves(platform: TestPlatform, orderNumber: string, domain: string) {
  const sequence = String(++messages).padStart(6, "0");
  const numbers = {
    subjectNumber: `浙ICP备2026${sequence}号`,
    websiteNumbers: { [domain.toLowerCase()]: `浙ICP备2026${sequence}号-1` },
  };
  const answer = await regulatorEvent(platform, orderNumber, { type: "bureau_approved", numbers });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal(answer.body.order.state, "approved", "the bureau's approval files the order");
  return numbers;
}

/** A filed first filing: the order, approved by the bureau. */
export async function filedOrder(platform: TestPlatform, applicant: ReadyApplicant, reviewer: ApiClient) {
  const order = await orderInBureauReview(platform, applicant, reviewer);
  const numbers = await bureauApproves(platform, order.number, applicant.domain);
  return { ...order, numbers };
}

/** The gate's latest verdict on a domain, from its change log. */
export function gateOf(platform: TestPlatform, domain: string) {
  return platform.ctx.db
    .selectFrom("gate_change")
    .select(["status", "reason"])
    .where("domain", "=", domain)
    .orderBy("seq", "desc")
    .executeTakeFirst();
}
