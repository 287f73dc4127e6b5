import type { Answer } from "./http-actor.ts";

/**
 * What the load generator was told: every acknowledged (2xx) change with what
 * the answer said, the refusals by code, and the requests that got no answer
 * (the server died under them: applied or not, nobody knows). Afterwards the
 * database must hold every acknowledged change.
 */
export type Ack =
  | { kind: "create"; orderId: string; number: string; version: number }
  | {
      kind: "edit" | "submit" | "withdraw" | "abandon" | "approve" | "return" | "reject";
      orderId: string;
      version: number;
      state: string;
    }
  | {
      kind: "regulator";
      orderId: string;
      messageId: string;
      event: string;
      /** The platform had applied this message before (a redelivery). */
      duplicate: boolean;
      version: number;
      state: string;
      numbers?: { subjectNumber: string; websiteNumbers: Record<string, string> };
    }
  | { kind: "upload"; orderId: string; materialId: string };

export class Ledger {
  readonly acks: Ack[] = [];
  readonly refusals = new Map<string, number>();
  /** Answers no request of the load should get (5xx, unexpected 4xx), with what they said. */
  readonly unexpected: string[] = [];
  unanswered = 0;

  ack(entry: Ack): void {
    this.acks.push(entry);
  }

  /** A 409 (or another expected refusal) under its stable code. */
  refused(answer: Answer): void {
    const code = String(answer.body?.code ?? answer.status);
    this.refusals.set(code, (this.refusals.get(code) ?? 0) + 1);
  }

  /** Counts an answer that is neither success nor a conflict as a problem to report. */
  problem(what: string, answer: Answer): void {
    this.unexpected.push(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`);
  }

  /** Sorts an answer that is not 2xx: a conflict is an outcome, anything else a problem. */
  notOk(what: string, answer: Answer): void {
    if (answer.status === 409) this.refused(answer);
    else this.problem(what, answer);
  }

  count(kind: Ack["kind"]): number {
    return this.acks.filter((entry) => entry.kind === kind).length;
  }

  /** Acknowledged state changes of orders (uploads are changes of materials). */
  get transitions(): number {
    return this.acks.filter((entry) => entry.kind !== "upload").length;
  }

  get conflicts(): number {
    return [...this.refusals.values()].reduce((sum, count) => sum + count, 0);
  }
}
