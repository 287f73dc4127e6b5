import { randomBytes, randomInt } from "node:crypto";
import { DAY_MS, makeResidentId, makeUscc, type OrderData, type Province } from "@openbeian/core";
import { HttpSession, postJson } from "./http-session.ts";

/**
 * One complete first filing through the platform's real HTTP API, as people
 * would do it: an applicant signs up, registers a domain and a server, files
 * and submits; the reviewer approves; the SMS codes are read from the
 * platform's SMS channel and verified on the regulator's 短信核验 page; the
 * bureau decides. `beian demo` prints the result; it doubles as a smoke test.
 */
export interface DemoOptions {
  baseUrl: string;
  province: Province;
  subject: "personal" | "organisation";
  reviewer: { email: string; password: string };
  /** How long to wait for the regulator in all. */
  timeoutMs: number;
  pollMs?: number;
  log?: (line: string) => void;
}

export interface DemoResult {
  orderId: string;
  domain: string;
  finalState: string;
  icpSubjectNumber: string | null;
  icpWebsiteNumber: string | null;
  province: string;
  steps: { state: string; at: string }[];
}

interface OrderView {
  id: string;
  number: string;
  state: string;
  version: number;
  records?: { subjectNumber?: string; websites?: { domain: string; websiteNumber: string }[] } | null;
  timeline: { at: string; toState: string | null }[];
}

interface Person {
  name: string;
  certificateNumber: string;
  mobile: string;
}

export class DemoFailure extends Error {
  constructor(
    message: string,
    readonly result: Partial<DemoResult>,
  ) {
    super(message);
  }
}

export async function runDemoJourney(options: DemoOptions): Promise<DemoResult> {
  const log = options.log ?? (() => {});
  const deadline = Date.now() + options.timeoutMs;
  const tag = randomBytes(4).toString("hex");
  const today = new Date();
  const head = demoPerson(options.province, "张三");
  const domain = `openbeian-demo-${tag}.cn`;
  const applicant = new HttpSession(options.baseUrl);
  const partial: Partial<DemoResult> = { domain, province: options.province.code };

  log(`注册申请人 sign up the applicant (${options.subject})`);
  const organisation = options.subject === "organisation";
  await applicant.post("/api/auth/signup", {
    email: `demo.${tag}@example.cn`,
    password: `Demo!${tag}2026`,
    displayName: organisation ? "杭州示例科技有限公司" : head.name,
    accountType: organisation ? "organization" : "personal",
  });
  const holder = organisation ? organisationOf(options.province, tag) : null;
  await applicant.post("/api/domains", {
    name: domain,
    holderName: holder?.name ?? head.name,
    holderCertificateNumber: holder?.certificateNumber ?? head.certificateNumber,
    realNameVerifiedAt: new Date(today.getTime() - 10 * DAY_MS).toISOString(),
    expiresAt: new Date(today.getTime() + 365 * DAY_MS).toISOString(),
  });
  const server = await applicant.post<{ serviceCodes: { code: string }[] }>("/api/servers", {
    instanceId: `i-demo-${tag}`,
    region: "cn-hangzhou",
    product: "ecs.e-c1m2.large",
    billingType: "subscription",
    paidFrom: new Date(today.getTime() - DAY_MS).toISOString(),
    paidUntil: new Date(today.getTime() + 364 * DAY_MS).toISOString(),
    autoRenew: false,
    publicIp: "47.96.10.20",
  });

  log("填写并提交订单 fill in and submit the order");
  const data = orderData(options.province, head, holder, domain, server.serviceCodes[0]?.code ?? "");
  const created = await applicant.post<OrderView>("/api/orders", { data });
  partial.orderId = created.id;
  const submitted = await applicant.post<OrderView>(`/api/orders/${created.id}/submit`, {
    version: created.version,
    acknowledgeWarnings: true,
  });

  log("审核员初审通过 the reviewer approves");
  const reviewer = new HttpSession(options.baseUrl);
  await reviewer.post("/api/auth/login", options.reviewer);
  await reviewer.post(`/api/review/orders/${created.id}/approve`, { version: submitted.version });

  const view = () => applicant.get<OrderView>(`/api/orders/${created.id}`);
  const waitFor = async (what: string, done: (order: OrderView) => boolean) => {
    for (;;) {
      const order = await view();
      if (done(order)) return order;
      if (Date.now() > deadline)
        throw new DemoFailure(`timed out waiting for ${what}; the order is ${order.state}`, {
          ...partial,
          finalState: order.state,
          steps: stepsOf(order),
        });
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
    }
  };

  log("等待工信部短信 wait for MIIT's SMS");
  await waitFor("the SMS", (order) => order.state !== "queued_for_bureau");
  const people = [head];
  const verified = new Set<string>();
  let verifyUrl: string | null = null;
  while (verified.size < people.length) {
    const sms = await applicant.get<{
      items: { text: string; mobileMasked: string }[];
      verifyUrl: string | null;
    }>(`/api/orders/${created.id}/sms`);
    verifyUrl = sms.verifyUrl;
    if (!verifyUrl) throw new DemoFailure("the platform has no regulator page to verify on", partial);
    for (const person of people) {
      if (verified.has(person.mobile)) continue;
      const masked = `${person.mobile.slice(0, 3)}****${person.mobile.slice(-4)}`;
      const text = sms.items.filter((item) => item.mobileMasked === masked).at(-1)?.text;
      const code = text && /(\d{6})/.exec(text.replace(/订单\S+?）/, ""))?.[1];
      if (!code) continue;
      log(`短信核验 verify the SMS of ${masked}`);
      const answer = await postJson(new URL("/api/sms/verify", verifyUrl).toString(), {
        mobile: person.mobile,
        code,
        certificateLast6: person.certificateNumber.slice(-6),
      });
      if (answer.status !== 200)
        throw new DemoFailure(
          `SMS verification answered ${answer.status}: ${JSON.stringify(answer.body)}`,
          partial,
        );
      verified.add(person.mobile);
    }
    if (verified.size < people.length) {
      if (Date.now() > deadline) throw new DemoFailure("timed out waiting for the SMS texts", partial);
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
    }
  }

  log("等待管局审核 wait for the bureau");
  const final = await waitFor(
    "the bureau's decision",
    (order) => !["queued_for_bureau", "sms_pending", "bureau_review"].includes(order.state),
  );
  const result: DemoResult = {
    orderId: final.id,
    domain,
    finalState: final.state,
    icpSubjectNumber: final.records?.subjectNumber ?? null,
    icpWebsiteNumber:
      final.records?.websites?.find((website) => website.domain === domain)?.websiteNumber ?? null,
    province: options.province.code,
    steps: stepsOf(final),
  };
  if (final.state !== "approved")
    throw new DemoFailure(`the order ended ${final.state}, not approved`, result);
  return result;
}

function stepsOf(order: OrderView): { state: string; at: string }[] {
  return order.timeline
    .filter((entry) => entry.toState)
    .map((entry) => ({ state: entry.toState!, at: entry.at }));
}

/** A person of the province: ID card issued there, a mobile number nobody else in the demo has. */
function demoPerson(province: Province, name: string): Person {
  const birth = new Date(Date.UTC(1975, 0, 1) + randomInt(0, 9000) * DAY_MS).toISOString().slice(0, 10);
  return {
    name,
    certificateNumber: makeResidentId(`${province.code}0100`, birth, String(randomInt(100, 999))),
    mobile: `139${String(randomInt(0, 100_000_000)).padStart(8, "0")}`,
  };
}

function organisationOf(province: Province, tag: string) {
  const orgCode = `MA${tag
    .toUpperCase()
    .replace(/[^0-9A-HJ-NP-RTUWXY]/g, "0")
    .slice(0, 6)
    .padEnd(6, "0")}0`;
  return {
    name: `${province.zh}示例科技有限公司`,
    certificateNumber: makeUscc(`91${province.code}0100${orgCode}`),
  };
}

function orderData(
  province: Province,
  head: Person,
  organisation: { name: string; certificateNumber: string } | null,
  domain: string,
  serviceCode: string,
): OrderData {
  const person = {
    name: head.name,
    certificateType: "resident_id" as const,
    certificateNumber: head.certificateNumber,
    certificateValidFrom: "2020-01-01",
    certificateValidTo: "2040-01-01",
    mobile: head.mobile,
    emergencyPhone: `137${head.mobile.slice(3)}`,
    officePhone: "0571-88886666",
    email: "demo@example.cn",
  };
  const address = `${province.zh}示例区示例路100号`;
  const subject: NonNullable<OrderData["subject"]> = organisation
    ? {
        type: "organization",
        name: organisation.name,
        certificateType: "business_licence",
        certificateNumber: organisation.certificateNumber,
        divisionCode: `${province.code}0100`,
        address,
        head: person,
        legalRepresentative: { name: head.name, certificateNumber: head.certificateNumber },
      }
    : {
        type: "personal",
        name: head.name,
        certificateType: "resident_id",
        certificateNumber: head.certificateNumber,
        divisionCode: `${province.code}0100`,
        address,
        head: person,
      };
  return {
    subject,
    websites: [
      {
        name: organisation ? "示例科技官网" : "张三的编程笔记",
        domain,
        homeUrl: `https://${domain}/`,
        serviceContent: organisation ? "enterprise_portal" : "blog",
        languages: ["zh-CN"],
        remark: organisation
          ? "企业官网，介绍公司产品与服务，不涉及经营性内容。"
          : "个人技术博客，记录编程学习笔记与读书心得，不涉及经营性内容。",
        head: person,
        serviceCode,
      },
    ],
  };
}
