import { randomBytes, randomInt } from "node:crypto";
import { DAY_MS, makeResidentId, makeUscc, type OrderData, type Province } from "@openbeian/core";
import sharp from "sharp";
import { HttpSession, postJson } from "./http-session.ts";

/**
 * The people of a filing, driving the platform over HTTP as their browsers
 * would: an applicant with a real-name domain and an eligible server who files
 * and verifies MIIT's SMS, and a reviewer who decides in initial review. The
 * demo journey and the multi-process tests share them.
 */
export interface OrderView {
  id: string;
  number: string;
  /** The order's kind: first_filing, change, cancel_website … */
  type: string;
  state: string;
  version: number;
  data: OrderData;
  records?: { subjectNumber?: string; websites?: { domain: string; websiteNumber: string }[] } | null;
  timeline: { at: string; action: string; toState: string | null; detail: unknown }[];
}

export interface DemoPerson {
  name: string;
  certificateNumber: string;
  mobile: string;
}

export interface Waiting {
  deadline: number;
  pollMs?: number;
}

/** Waiting ran out; carries the order as it was, for the report. */
export class WaitTimeout extends Error {
  constructor(
    what: string,
    readonly order: OrderView,
  ) {
    super(`timed out waiting for ${what}; the order is ${order.state}`);
  }
}

export class DemoApplicant {
  orderId = "";

  private constructor(
    readonly session: HttpSession,
    readonly province: Province,
    readonly head: DemoPerson,
    readonly organisation: { name: string; certificateNumber: string } | null,
    readonly domain: string,
    readonly serviceCode: string,
    /** All five codes of the demo server: a later order (an added website) takes the next one. */
    readonly serviceCodes: readonly string[] = [serviceCode],
  ) {}

  /** Signs up with a real-name verified domain and an eligible server, as the seed's preparation asks. */
  static async signUp(
    baseUrl: string,
    province: Province,
    subject: "personal" | "organisation",
  ): Promise<DemoApplicant> {
    const tag = randomBytes(4).toString("hex");
    const session = new HttpSession(baseUrl);
    const head = demoPerson(province, "张三");
    const organisation = subject === "organisation" ? organisationOf(province, tag) : null;
    const domain = `openbeian-demo-${tag}.cn`;
    const today = Date.now();
    await session.post("/api/auth/signup", {
      email: `demo.${tag}@example.cn`,
      password: `Demo!${tag}2026`,
      displayName: organisation?.name ?? head.name,
      accountType: organisation ? "organization" : "personal",
    });
    await session.post("/api/domains", {
      name: domain,
      holderName: organisation?.name ?? head.name,
      holderCertificateNumber: organisation?.certificateNumber ?? head.certificateNumber,
      realNameVerifiedAt: new Date(today - 10 * DAY_MS).toISOString(),
      expiresAt: new Date(today + 365 * DAY_MS).toISOString(),
    });
    const server = await session.post<{ serviceCodes: { code: string }[] }>("/api/servers", {
      instanceId: `i-demo-${tag}`,
      region: "cn-hangzhou",
      product: "ecs.e-c1m2.large",
      billingType: "subscription",
      paidFrom: new Date(today - DAY_MS).toISOString(),
      paidUntil: new Date(today + 364 * DAY_MS).toISOString(),
      autoRenew: false,
      publicIp: "47.96.10.20",
    });
    return new DemoApplicant(
      session,
      province,
      head,
      organisation,
      domain,
      server.serviceCodes[0]?.code ?? "",
      server.serviceCodes.map((code) => code.code),
    );
  }

  /** The people MIIT texts for a first filing: here one person heads both subject and website. */
  get people(): DemoPerson[] {
    return [this.head];
  }

  orderData(): OrderData {
    return demoOrderData(this.province, this.head, this.organisation, this.domain, this.serviceCode);
  }

  async fileAndSubmit(): Promise<OrderView> {
    const created = await this.session.post<OrderView>("/api/orders", { data: this.orderData() });
    this.orderId = created.id;
    await this.uploadMaterials();
    const current = await this.order();
    return this.submit(current.version);
  }

  /**
   * Uploads what the order needs: photos for the certificates and the face check,
   * the platform's own pre-filled PDFs for the signed forms a province asks for,
   * and a generated scan for anything else (phone bills, domain certificate).
   */
  async uploadMaterials(): Promise<void> {
    const { required } = await this.session.get<{ required: { kind: string }[] }>(
      `/api/orders/${this.orderId}/materials`,
    );
    for (const { kind } of required) {
      const document = SIGNED_FORMS[kind];
      const file = document
        ? {
            bytes: await this.session.download(`/api/orders/${this.orderId}/documents/${document}`),
            name: `${kind}.pdf`,
            type: "application/pdf",
          }
        : { bytes: await demoPhoto(kind), name: `${kind}.jpg`, type: "image/jpeg" };
      await this.session.upload(`/api/orders/${this.orderId}/materials`, kind, file);
    }
  }

  submit(version: number): Promise<OrderView> {
    return this.session.post<OrderView>(`/api/orders/${this.orderId}/submit`, {
      version,
      acknowledgeWarnings: true,
    });
  }

  /** Saves changed data (after a return or a rejection) and submits again. */
  async editAndResubmit(change: (data: OrderData) => void): Promise<OrderView> {
    const current = await this.order();
    const data = structuredClone(current.data);
    change(data);
    const saved = await this.session.request<OrderView>("PUT", `/api/orders/${this.orderId}/data`, {
      version: current.version,
      data,
    });
    return this.submit(saved.version);
  }

  order(): Promise<OrderView> {
    return this.session.get<OrderView>(`/api/orders/${this.orderId}`);
  }

  sms() {
    return this.session.get<{
      items: { text: string; mobileMasked: string; at: string }[];
      verifyUrl: string | null;
    }>(`/api/orders/${this.orderId}/sms`);
  }

  async waitFor(what: string, done: (order: OrderView) => boolean, waiting: Waiting): Promise<OrderView> {
    for (;;) {
      const order = await this.order();
      if (done(order)) return order;
      if (Date.now() > waiting.deadline) throw new WaitTimeout(what, order);
      await sleep(waiting.pollMs ?? 250);
    }
  }

  /** The newest code texted to `person`, once it has arrived through the platform's SMS channel. */
  async codeFor(
    person: DemoPerson,
    waiting: Waiting,
    after = "",
  ): Promise<{ code: string; verifyUrl: string }> {
    const masked = `${person.mobile.slice(0, 3)}****${person.mobile.slice(-4)}`;
    for (;;) {
      const sms = await this.sms();
      if (!sms.verifyUrl) throw new Error("the platform names no regulator page to verify the SMS on");
      const text = sms.items.filter((item) => item.mobileMasked === masked && item.at > after).at(-1)?.text;
      const code = text && /短信核验码为(\d{6})/.exec(text)?.[1];
      if (code) return { code, verifyUrl: sms.verifyUrl };
      if (Date.now() > waiting.deadline) throw new Error(`timed out waiting for the SMS to ${masked}`);
      await sleep(waiting.pollMs ?? 250);
    }
  }

  /** 短信核验 on the regulator's page: the code, the mobile number, the certificate's last 6 characters. */
  async verifySms(person: DemoPerson, code: string, verifyUrl: string) {
    return postJson(new URL("/api/sms/verify", verifyUrl).toString(), {
      mobile: person.mobile,
      code,
      certificateLast6: person.certificateNumber.slice(-6),
    });
  }

  async verifyAllSms(waiting: Waiting, after = ""): Promise<void> {
    for (const person of this.people) {
      const { code, verifyUrl } = await this.codeFor(person, waiting, after);
      const answer = await this.verifySms(person, code, verifyUrl);
      if (answer.status !== 200)
        throw new Error(`SMS verification answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
  }
}

export class DemoReviewer {
  private constructor(readonly session: HttpSession) {}

  static async logIn(baseUrl: string, credentials: { email: string; password: string }) {
    const session = new HttpSession(baseUrl);
    await session.post("/api/auth/login", credentials);
    return new DemoReviewer(session);
  }

  /** 初审通过 at the order's current version. */
  async approve(orderId: string): Promise<OrderView> {
    const order = await this.session.get<OrderView>(`/api/review/orders/${orderId}`);
    return this.session.post<OrderView>(`/api/review/orders/${orderId}/approve`, { version: order.version });
  }

  regulatorMessages(orderId: string) {
    return this.session.get<{
      items: {
        direction: string;
        type: string;
        status: string;
        attempts: number;
        lastError: string | null;
      }[];
    }>(`/api/review/orders/${orderId}/regulator-messages`);
  }
}

/** Forms the platform generates pre-filled, which the demo "signs" by uploading them back. */
const SIGNED_FORMS: Record<string, string> = {
  commitment_letter: "commitment-letter.pdf",
  verification_form: "verification-form.pdf",
  verification_form_commitment: "verification-form.pdf",
  responsibility_notice: "commitment-letter.pdf",
};

/** A small photo standing in for a document scan or the face capture. */
async function demoPhoto(kind: string): Promise<Uint8Array> {
  const shade = [...kind].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 120;
  return sharp({
    create: { width: 320, height: 200, channels: 3, background: { r: 120 + shade, g: 160, b: 200 } },
  })
    .jpeg({ quality: 80 })
    .toBuffer();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A person of the province: ID card issued there, a mobile number nobody else in the demo has. */
function demoPerson(province: Province, name: string): DemoPerson {
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

export function demoOrderData(
  province: Province,
  head: DemoPerson,
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
    // One address per person: a shared e-mail is a risk signal reviewers act on (issue 6).
    email: `demo.${head.mobile}@example.cn`,
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
        // Personal sites file as 其他 (Shaanxi wants a news approval for 博客/个人空间, fact base §3.3).
        serviceContent: organisation ? "enterprise_portal" : "other",
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
