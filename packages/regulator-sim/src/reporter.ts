import type { PlatformClient, RegulatorEventBody } from "./platform-client.ts";
import type { OutboxMessage, SimStore } from "./store.ts";

/**
 * Delivers the simulator's outbox to the platform. A message that cannot be
 * delivered (platform down, 5xx) is retried with exponential backoff and holds
 * back the later messages of its order; a message the platform refuses (4xx) is
 * closed with the refusal, since sending it again would not change the answer.
 */
export interface ReporterOptions {
  now: () => Date;
  backoffMs?: number;
  maxBackoffMs?: number;
  onRefused?: (message: OutboxMessage, answer: { status: number; body: unknown }) => void;
}

export class Reporter {
  private running: Promise<number> | null = null;

  constructor(
    private readonly store: SimStore,
    private readonly client: PlatformClient,
    private readonly options: ReporterOptions,
  ) {}

  /** One pass over the due messages; overlapping calls share the pass in flight. */
  deliverDue(): Promise<number> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const due = this.store.dueMessages(this.options.now().getTime(), 50);
      if (due.length === 0) return delivered;
      let progressed = false;
      for (const message of due) {
        if (await this.deliver(message)) {
          delivered += 1;
          progressed = true;
        }
      }
      if (!progressed) return delivered;
    }
  }

  private async deliver(message: OutboxMessage): Promise<boolean> {
    const now = this.options.now().getTime();
    try {
      const answer =
        message.kind === "sms"
          ? await this.client.sendSms(
              message.orderNumber,
              message.body as { mobile: string; text: string },
              message.messageId,
            )
          : await this.client.report(
              message.orderNumber,
              message.body as RegulatorEventBody,
              message.messageId,
            );
      if (answer.status < 300) {
        this.store.markDelivered(message.id, now);
        return true;
      }
      if (answer.status < 500) {
        this.store.markRefused(message.id, now, `${answer.status} ${JSON.stringify(answer.body)}`);
        this.options.onRefused?.(message, answer);
        return true;
      }
      this.retryLater(message, now, `${answer.status} ${JSON.stringify(answer.body)}`);
    } catch (error) {
      this.retryLater(message, now, String((error as Error).message ?? error));
    }
    return false;
  }

  private retryLater(message: OutboxMessage, now: number, error: string) {
    const base = this.options.backoffMs ?? 500;
    const delay = Math.min(base * 2 ** message.attempts, this.options.maxBackoffMs ?? 30_000);
    this.store.markFailed(message.id, now + delay, error);
  }
}
