import { DAY_MS, makeResidentId, type OrderData } from "@openbeian/core";
import { createUser } from "../../src/identity/accounts.ts";
import { ApiClient } from "./client.ts";
import type { TestPlatform } from "./platform.ts";

/** Factories with overrides: a ready applicant, staff, and a complete personal order. */
let people = 0;
/** A valid resident ID number no other test applicant has (birth dates from 1970 on). */
function uniqueResidentId(): string {
  const index = people++;
  const birth = new Date(Date.UTC(1970, 0, 1) + (index % 15_000) * DAY_MS).toISOString().slice(0, 10);
  return makeResidentId("330106", birth, String(Math.floor(index / 15_000) + 100).padStart(3, "0"));
}
export const STAFF_PASSWORD = "Reviewer!2026";

let sequence = 0;
export const uniqueEmail = (prefix: string) =>
  `${prefix}.${Date.now().toString(36)}.${++sequence}@example.cn`;

export interface ReadyApplicant {
  client: ApiClient;
  /** Every applicant is a different person: one certificate files one subject. */
  certificateNumber: string;
  /** …with their own mobile number: one mobile number, one subject (fact base §3.2). */
  mobile: string;
  domain: string;
  serviceCodes: string[];
}

export const APPLICANT_PASSWORD = "Passw0rd!2026";

/** Signs up an applicant with a real-name verified domain and an eligible server. */
export async function readyApplicant(platform: TestPlatform, name = "张三"): Promise<ReadyApplicant> {
  const client = new ApiClient(platform.app);
  await client.signUp(uniqueEmail("applicant"), APPLICANT_PASSWORD, name);
  return equipApplicant(platform, client, name);
}

/**
 * Gives a signed-in applicant (however their user was made) a real-name verified
 * domain and an eligible server, as a person of their own.
 */
export async function equipApplicant(
  platform: TestPlatform,
  client: ApiClient,
  name = "张三",
): Promise<ReadyApplicant> {
  const now = platform.clock.now().getTime();
  const domain = `site-${Date.now().toString(36)}-${++sequence}.cn`;
  const certificateNumber = uniqueResidentId();
  const domainResponse = await client.post("/api/domains", {
    name: domain.toUpperCase() + ".",
    holderName: name,
    holderCertificateNumber: certificateNumber,
    realNameVerifiedAt: new Date(now - 10 * DAY_MS).toISOString(),
    expiresAt: new Date(now + 365 * DAY_MS).toISOString(),
  });
  if (domainResponse.status !== 201) throw new Error(JSON.stringify(domainResponse.body));
  const server = await client.post("/api/servers", {
    instanceId: `i-${Date.now().toString(36)}-${sequence}`,
    region: "cn-hangzhou",
    product: "ecs.e-c1m2.large",
    billingType: "subscription",
    paidFrom: new Date(now - DAY_MS).toISOString(),
    paidUntil: new Date(now + 364 * DAY_MS).toISOString(),
    autoRenew: false,
    publicIp: "47.96.10.20",
  });
  if (server.status !== 201) throw new Error(JSON.stringify(server.body));
  return {
    client,
    certificateNumber,
    mobile: `138${String(people).padStart(8, "0")}`,
    domain,
    serviceCodes: server.body.serviceCodes.map((code: { code: string }) => code.code),
  };
}

export async function staffClient(
  platform: TestPlatform,
  role: "reviewer" | "supervisor" | "admin" = "reviewer",
): Promise<ApiClient> {
  const email = uniqueEmail(role);
  await createUser(platform.ctx, {
    email,
    password: STAFF_PASSWORD,
    displayName: "审核员",
    accountType: "organization",
    role,
    accountKind: "provider",
  });
  const client = new ApiClient(platform.app);
  await client.logIn(email, STAFF_PASSWORD);
  return client;
}

export function personalOrder(
  applicant: Pick<ReadyApplicant, "certificateNumber" | "mobile" | "domain" | "serviceCodes">,
  name = "张三",
): OrderData {
  const person = {
    name,
    certificateType: "resident_id" as const,
    certificateNumber: applicant.certificateNumber,
    certificateValidFrom: "2020-01-01",
    certificateValidTo: "2040-01-01",
    mobile: applicant.mobile,
    emergencyPhone: "13900139000",
    email: "zhangsan@example.cn",
  };
  return {
    subject: {
      type: "personal",
      name,
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
        homeUrl: `https://${applicant.domain}/`,
        serviceContent: "blog",
        languages: ["zh-CN"],
        remark: "个人技术博客，记录编程学习笔记与读书心得，不涉及经营性内容。",
        head: person,
        serviceCode: applicant.serviceCodes[0] ?? "",
      },
    ],
  };
}
