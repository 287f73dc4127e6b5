import type { HttpActor } from "./http-actor.ts";
import { chance, idle, loop, type LoadContext } from "./load-context.ts";

/**
 * The other side of the load: reviewers deciding on orders in initial review,
 * and the regulator reporting SMS and bureau outcomes (now and then delivering
 * a message twice).
 */
interface OrderView {
  id: string;
  number: string;
  state: string;
  version: number;
}

const IN_REVIEW = new Set(["provider_review", "resubmitted", "regulator_returned"]);

/** A reviewer: takes an order that waits for initial review and decides on it at the version it saw. */
export class ReviewerLoop {
  constructor(
    private readonly actor: HttpActor,
    private readonly load: LoadContext,
  ) {}

  run(): Promise<void> {
    return loop(this.load, () => this.step());
  }

  private async step(): Promise<void> {
    const picked = this.load.board.pick(IN_REVIEW);
    if (!picked) return idle();
    const [orderId] = picked;
    const answer = await this.actor.get(`/api/review/orders/${orderId}`);
    if (answer.status !== 200) return this.load.ledger.problem("review: read the order", answer);
    const order = answer.body as OrderView;
    this.load.board.note(order);
    if (!IN_REVIEW.has(order.state)) return;
    const roll = Math.random();
    const fresh = order.state !== "regulator_returned";
    if (roll < 0.6 || (!fresh && roll < 0.85))
      return this.decide(orderId, "approve", { version: order.version });
    if (roll < 0.9 || !fresh)
      return this.decide(orderId, "return", {
        version: order.version,
        fields: [{ field: "websites.0.name", reason: "网站名称请与网站内容一致" }],
      });
    return this.decide(orderId, "reject", { version: order.version, reason: "主体信息与证件不符" });
  }

  private async decide(orderId: string, kind: "approve" | "return" | "reject", body: unknown): Promise<void> {
    const answer = await this.actor.post(`/api/review/orders/${orderId}/${kind}`, body);
    if (answer.status !== 200) return this.load.ledger.notOk(`${kind} ${orderId}`, answer);
    this.load.ledger.ack({ kind, orderId, version: answer.body.version, state: answer.body.state });
    this.load.board.note(answer.body);
  }
}

const AT_REGULATOR = new Set(["queued_for_bureau", "sms_pending", "bureau_review"]);

export interface RegulatorMessage {
  messageId: string;
  orderNumber: string;
  event: Record<string, unknown> & { type: string };
}

/**
 * MIIT and the bureau, through the platform's internal endpoint: the next event
 * for an order it holds, and now and then the previous message again (a
 * redelivery after a lost acknowledgement), which must be recognised.
 */
export class RegulatorLoop {
  private sent = 0;
  private last: { orderId: string; message: RegulatorMessage } | null = null;

  constructor(
    private readonly actor: HttpActor,
    private readonly token: string,
    private readonly tag: string,
    private readonly load: LoadContext,
  ) {}

  run(): Promise<void> {
    return loop(this.load, () => this.step());
  }

  private async step(): Promise<void> {
    if (this.last && chance(0.1)) return this.deliver(this.last.orderId, this.last.message);
    const picked = this.load.board.pick(AT_REGULATOR);
    if (!picked) return idle();
    const [orderId, order] = picked;
    const message = {
      messageId: `${this.tag}-${++this.sent}`,
      orderNumber: order.number,
      event: this.next(order),
    };
    this.last = { orderId, message };
    return this.deliver(orderId, message);
  }

  private next(order: { state: string; domain: string }): RegulatorMessage["event"] {
    if (order.state === "queued_for_bureau") return { type: "sms_sent" };
    if (order.state === "sms_pending")
      return chance(0.85) ? { type: "sms_verified" } : { type: "sms_failed", attempts: 5 };
    if (chance(0.6)) return { type: "bureau_rejected", reasons: ["网站名称与内容不符"] };
    const subjectNumber = `浙ICP备2026${String(700_000 + this.sent).padStart(6, "0")}号`;
    return {
      type: "bureau_approved",
      numbers: { subjectNumber, websiteNumbers: { [order.domain]: `${subjectNumber}-1` } },
    };
  }

  private async deliver(orderId: string, message: RegulatorMessage): Promise<void> {
    const answer = await this.actor.post("/api/internal/regulator/events", message, {
      authorization: `Bearer ${this.token}`,
    });
    if (answer.status !== 200) return this.load.ledger.notOk(`regulator ${message.event.type}`, answer);
    const { duplicate, order } = answer.body as { duplicate: boolean; order: OrderView };
    this.load.board.note(order);
    this.load.ledger.ack({
      kind: "regulator",
      orderId,
      messageId: message.messageId,
      event: message.event.type,
      duplicate,
      version: order.version,
      state: order.state,
      ...(message.event.type === "bureau_approved"
        ? {
            numbers: message.event.numbers as {
              subjectNumber: string;
              websiteNumbers: Record<string, string>;
            },
          }
        : {}),
    });
  }
}
