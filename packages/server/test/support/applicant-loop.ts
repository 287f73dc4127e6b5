import { DAY_MS, makeResidentId, type OrderData } from "@openbeian/core";
import { personalOrder } from "./factories.ts";
import { expectOk, type Answer, type HttpActor } from "./http-actor.ts";
import { chance, idle, loop, sleep, type LoadContext } from "./load-context.ts";
import { photo } from "./materials.ts";

/**
 * An applicant of the load: signs up with a real-name verified domain and an
 * eligible server, then creates, fills in, submits, fixes, withdraws and
 * abandons orders until one is approved.
 */
export interface Applicant {
  actor: HttpActor;
  accountId: string;
  certificateNumber: string;
  mobile: string;
  domain: string;
  serviceCodes: string[];
}

/**
 * Signs up an applicant with a real-name verified domain and an eligible server
 * (dates from the platform's clock, `now`), and, given a URL, a webhook endpoint
 * for every order and deadline event of the account.
 */
export async function signUpApplicant(
  actor: HttpActor,
  index: number,
  tag: string,
  now: number,
  webhookUrl?: string,
): Promise<Applicant> {
  const birth = new Date(Date.UTC(1975, 0, 1) + index * 37 * DAY_MS).toISOString().slice(0, 10);
  const certificateNumber = makeResidentId("330106", birth, String(100 + (index % 900)));
  const domain = `load-${tag}-${index}.cn`;
  const signedUp = expectOk(
    await withRetryAfter(() =>
      actor.post("/api/auth/signup", {
        email: `load.${tag}.${index}@example.cn`,
        password: "Passw0rd!2026",
        displayName: "张三",
        accountType: "personal",
      }),
    ),
    "sign-up",
  );
  expectOk(
    await actor.post("/api/domains", {
      name: domain,
      holderName: "张三",
      holderCertificateNumber: certificateNumber,
      realNameVerifiedAt: new Date(now - 10 * DAY_MS).toISOString(),
      expiresAt: new Date(now + 365 * DAY_MS).toISOString(),
    }),
    "domain",
  );
  const server = expectOk(
    await actor.post("/api/servers", {
      instanceId: `i-load-${tag}-${index}`,
      region: "cn-hangzhou",
      product: "ecs.e-c1m2.large",
      billingType: "subscription",
      paidFrom: new Date(now - DAY_MS).toISOString(),
      paidUntil: new Date(now + 364 * DAY_MS).toISOString(),
      autoRenew: false,
      publicIp: "47.96.10.20",
    }),
    "server",
  );
  if (webhookUrl)
    expectOk(
      await actor.post("/api/webhooks", { url: webhookUrl, events: ["order.*", "deadline.*"] }),
      "webhook",
    );
  return {
    actor,
    accountId: signedUp.user.accountId,
    certificateNumber,
    mobile: `137${String(index).padStart(4, "0")}${tag.slice(0, 4).replace(/\D/g, "0").padEnd(4, "0")}`,
    domain,
    serviceCodes: server.serviceCodes.map((code: { code: string }) => code.code),
  };
}

/** Sign-up is rate limited per address: wait as long as the answer says, then try again. */
async function withRetryAfter(request: () => Promise<Answer>): Promise<Answer> {
  for (;;) {
    const answer = await request();
    if (answer.status !== 429) return answer;
    await sleep(1000 * Number(answer.body?.details?.retryAfterSeconds ?? 5));
  }
}

const MATERIALS = ["id_front", "id_back", "face_capture"];
const WAITING_FOR_OTHERS = new Set([
  "provider_review",
  "resubmitted",
  "queued_for_bureau",
  "regulator_returned",
]);
const OVER = new Set(["withdrawn", "abandoned", "expired"]);

export class ApplicantLoop {
  private orderId: string | null = null;
  private readonly uploaded = new Set<string>();
  private readonly edited = new Set<string>();

  constructor(
    private readonly applicant: Applicant,
    private readonly load: LoadContext,
  ) {}

  run(): Promise<void> {
    return loop(this.load, () => this.step());
  }

  /** One move; false when the applicant's filing is approved and there is nothing left to do. */
  private async step(): Promise<boolean> {
    if (!this.orderId) {
      await this.create();
      return true;
    }
    const answer = await this.applicant.actor.get(`/api/orders/${this.orderId}`);
    if (answer.status !== 200) {
      this.load.ledger.problem("read the order", answer);
      await idle();
      return true;
    }
    const order = answer.body as OrderView;
    this.load.board.note(order);
    if (order.state === "approved") return false;
    if (OVER.has(order.state)) this.orderId = null;
    else if (order.state === "draft") await this.prepare(order);
    else if (order.state === "returned") await (chance(0.08) ? this.end(order, "withdraw") : this.fix(order));
    else if (order.state === "provider_rejected" || order.state === "bureau_rejected")
      await (chance(0.25) ? this.end(order, "abandon") : this.fix(order));
    else if (WAITING_FOR_OTHERS.has(order.state) && chance(0.02)) await this.end(order, "withdraw");
    else await idle();
    return true;
  }

  private async create(): Promise<void> {
    const { actor } = this.applicant;
    const answer = await actor.post("/api/orders", { data: personalOrder(this.applicant) });
    if (answer.status === 201) {
      const order = answer.body as OrderView;
      this.load.ledger.ack({
        kind: "create",
        orderId: order.id,
        number: order.number,
        version: order.version,
      });
      this.load.board.note(order, this.applicant.domain);
      this.orderId = order.id;
    } else if (answer.body?.code === "ACTIVE_ORDER_EXISTS") {
      // The previous attempt was applied but its answer was lost in a crash: carry on with that order.
      this.load.ledger.refused(answer);
      this.orderId = answer.body.details.orderId;
      this.load.board.note(
        { id: this.orderId!, number: answer.body.details.number, state: "draft" },
        this.applicant.domain,
      );
    } else this.load.ledger.notOk("create an order", answer);
  }

  /** A draft: its materials one upload a turn, one edit, then submit (or, rarely, give up). */
  private async prepare(order: OrderView): Promise<void> {
    const missing = MATERIALS.find((kind) => !this.uploaded.has(`${order.id}:${kind}`));
    if (missing) return this.upload(order.id, missing);
    if (!this.edited.has(order.id)) {
      this.edited.add(order.id);
      return this.edit(order, "remark");
    }
    if (chance(0.08)) return this.end(order, "abandon");
    return this.submit(order);
  }

  /** A returned or rejected order: change what the reviewer or the bureau objected to, submit again. */
  private async fix(order: OrderView): Promise<void> {
    const key = `${order.id}:${order.version}`;
    if (!this.edited.has(key)) {
      this.edited.add(key);
      return this.edit(order, order.state === "returned" ? "name" : "remark");
    }
    return this.submit(order);
  }

  private async upload(orderId: string, kind: string): Promise<void> {
    const path = `/api/orders/${orderId}/materials`;
    const answer = await this.applicant.actor.upload(path, kind, await photo(), `${kind}.jpg`, "image/jpeg");
    if (answer.status === 201) {
      this.load.ledger.ack({ kind: "upload", orderId, materialId: answer.body.id });
      this.uploaded.add(`${orderId}:${kind}`);
    } else this.load.ledger.notOk(`upload ${kind}`, answer);
  }

  private async edit(order: OrderView, what: "remark" | "name"): Promise<void> {
    const data = structuredClone(order.data);
    const website = data.websites![0]!;
    if (what === "name") website.name = website.name === NAMES[0] ? NAMES[1] : NAMES[0];
    else website.remark = website.remark === REMARKS[0] ? REMARKS[1] : REMARKS[0];
    const answer = await this.applicant.actor.put(`/api/orders/${order.id}/data`, {
      version: order.version,
      data,
    });
    this.settle("edit", order.id, answer);
    if (answer.status === 200) this.edited.add(`${order.id}:${answer.body.version}`);
  }

  private async submit(order: OrderView): Promise<void> {
    const answer = await this.applicant.actor.post(`/api/orders/${order.id}/submit`, {
      version: order.version,
      acknowledgeWarnings: true,
    });
    this.settle("submit", order.id, answer);
  }

  private async end(order: OrderView, how: "withdraw" | "abandon"): Promise<void> {
    const answer = await this.applicant.actor.post(`/api/orders/${order.id}/${how}`, {
      version: order.version,
    });
    this.settle(how, order.id, answer);
  }

  private settle(kind: "edit" | "submit" | "withdraw" | "abandon", orderId: string, answer: Answer): void {
    if (answer.status !== 200) return this.load.ledger.notOk(`${kind} ${orderId}`, answer);
    this.load.ledger.ack({ kind, orderId, version: answer.body.version, state: answer.body.state });
    this.load.board.note(answer.body);
  }
}

const NAMES = ["张三的编程笔记", "张三的读书笔记"];
const REMARKS = [
  "个人技术博客，记录编程学习笔记与读书心得，不涉及经营性内容。",
  "个人技术博客，记录编程学习与读书心得，不涉及经营性内容。",
];

interface OrderView {
  id: string;
  number: string;
  state: string;
  version: number;
  data: OrderData;
}
