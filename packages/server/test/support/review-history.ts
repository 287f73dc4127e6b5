import { createUser } from "../../src/identity/accounts.ts";
import { ApiClient } from "./client.ts";
import {
  STAFF_PASSWORD,
  personalOrder,
  readyApplicant,
  uniqueEmail,
  type ReadyApplicant,
} from "./factories.ts";
import { uploadStandardMaterials } from "./materials.ts";
import type { TestPlatform } from "./platform.ts";

/** Helpers for tests that build a review history through the API: named staff, orders, regulator events. */
export interface NamedStaff {
  client: ApiClient;
  id: string;
  email: string;
  displayName: string;
}

export async function namedStaff(
  platform: TestPlatform,
  role: "reviewer" | "supervisor" | "admin",
  displayName: string,
): Promise<NamedStaff> {
  const email = uniqueEmail(role);
  const { userId } = await createUser(platform.ctx, {
    email,
    password: STAFF_PASSWORD,
    displayName,
    accountType: "organization",
    role,
    accountKind: "provider",
  });
  const client = new ApiClient(platform.app);
  await client.logIn(email, STAFF_PASSWORD);
  return { client, id: userId, email, displayName };
}

export interface SubmittedOrder {
  applicant: ReadyApplicant;
  id: string;
  number: string;
  version: number;
}

/** A new applicant whose first-filing order is submitted into initial review now. */
export async function submittedOrder(platform: TestPlatform): Promise<SubmittedOrder> {
  const applicant = await readyApplicant(platform);
  const created = await applicant.client.post("/api/orders", { data: personalOrder(applicant) });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  await uploadStandardMaterials(applicant.client, created.body.id);
  const submitted = await applicant.client.post(`/api/orders/${created.body.id}/submit`, {
    version: created.body.version,
  });
  if (submitted.status !== 200) throw new Error(JSON.stringify(submitted.body));
  return { applicant, id: created.body.id, number: created.body.number, version: submitted.body.version };
}

let messages = 0;
/** One regulator event for the order, as the bridge delivers it. */
export async function regulatorEvent(platform: TestPlatform, orderNumber: string, event: unknown) {
  const response = await new ApiClient(platform.app).request(
    "POST",
    "/api/internal/regulator/events",
    { messageId: `stats-${++messages}-${Date.now()}`, orderNumber, event },
    { authorization: `Bearer ${platform.regulatorToken}` },
  );
  if (response.status !== 200) throw new Error(JSON.stringify(response.body));
  return response.body;
}

/** The current version of an order, as staff see it. */
export async function versionOf(staff: ApiClient, orderId: string): Promise<number> {
  return (await staff.get(`/api/review/orders/${orderId}`)).body.version;
}
