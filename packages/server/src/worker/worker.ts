import { isFinal, EXPIRING_STATES, type OrderState } from "@openbeian/core";
import { applyEventInTx } from "../filing/apply-event.ts";
import { EXPIRE_JOB, REMIND_JOB, type ExpiryTimerPayload } from "../filing/expiry.ts";
import { MAIL_JOB, commitQueuedEmail, sendQueuedEmail, type MailJobPayload } from "../notify/mail.ts";
import { SMS_JOB, commitQueuedSms, sendQueuedSms, type SmsJobPayload } from "../notify/sms-jobs.ts";
import { NOTIFY_JOB, deliverNotification, queueNotification, type NotifyPayload } from "../notify/outbox.ts";
import { PSB_REMIND_JOB, remindPsb, type PsbReminderPayload } from "../records/psb-reminders.ts";
import {
  FOOTER_CAMPAIGN_JOB,
  afterCampaign,
  campaignStep,
  nextWeeklyCampaignAt,
  scheduleWeeklyCampaign,
  type FooterCampaignPayload,
} from "../footer/campaign-schedule.ts";
import { WATCH_SWEEP, sweepStep } from "../watch/schedule.ts";
import { ORPHAN_SWEEP, orphanSweepStep } from "../materials/orphan-files.ts";
import { SUBMIT_JOB, deliverSubmission, markSubmitted } from "../regulator-bridge/outbound.ts";
import { attemptDelivery, scheduleNextAttempt } from "../webhooks/deliver.ts";
import { queueOrderExpiringWebhook } from "../webhooks/domain-events.ts";
import { WEBHOOK_JOB, type WebhookJobPayload } from "../webhooks/queue-event.ts";
import type { AppContext } from "../platform/context.ts";
import type { Tx } from "../platform/db.ts";
import { newId } from "../platform/ids.ts";
import {
  claimDue,
  completeInTx,
  extendLease,
  failJob,
  type ClaimedJob,
  type JobLease,
} from "../platform/jobs.ts";

/**
 * The worker claims due jobs (outbox messages and timers) and runs each handler
 * in one transaction with the job's completion, so a handler's writes happen
 * exactly once even if a worker dies halfway.
 */
type Handler = (ctx: AppContext, trx: Tx, payload: never, now: number) => Promise<void>;

/**
 * Work that talks to the outside world (the regulator) runs before the
 * transaction, so no database lock is held across a network call; it must be
 * idempotent, since a crash between it and the commit repeats it.
 */
type ExternalStep = (ctx: AppContext, payload: never, lease: JobLease) => Promise<void>;

/** The daily jobs (platform/daily-job.ts): the filing watch and the orphan-file sweep. */
const DAILY_JOBS = [WATCH_SWEEP, ORPHAN_SWEEP];

const HANDLERS: Record<string, Handler> = {
  [NOTIFY_JOB]: (ctx, trx, payload: NotifyPayload, now) => deliverNotification(ctx, trx, payload, now),
  [MAIL_JOB]: (ctx, trx, payload: MailJobPayload, now) => commitQueuedEmail(ctx, trx, payload, now),
  [SMS_JOB]: (ctx, trx, payload: SmsJobPayload, now) => commitQueuedSms(ctx, trx, payload, now),
  [EXPIRE_JOB]: expireOrder,
  [REMIND_JOB]: remindOrder,
  [PSB_REMIND_JOB]: (_ctx, trx, payload: PsbReminderPayload, now) => remindPsb(trx, payload, now),
  // A daily job's run schedules the next day's in its own transaction.
  ...Object.fromEntries(
    DAILY_JOBS.map((job): [string, Handler] => [
      job.kind,
      (_ctx, trx, _payload, now) => job.scheduleNext(trx, now),
    ]),
  ),
  [SUBMIT_JOB]: (_ctx, trx, payload: { messageId: string }, now) =>
    markSubmitted(trx, payload.messageId, now),
  [FOOTER_CAMPAIGN_JOB]: (_ctx, trx, payload: FooterCampaignPayload, now) => afterCampaign(trx, payload, now),
  [WEBHOOK_JOB]: (_ctx, trx, payload: WebhookJobPayload, now) => scheduleNextAttempt(trx, payload, now),
};

const EXTERNAL_STEPS: Record<string, ExternalStep> = {
  [MAIL_JOB]: (ctx, payload: MailJobPayload) => sendQueuedEmail(ctx, payload),
  [SMS_JOB]: (ctx, payload: SmsJobPayload) => sendQueuedSms(ctx, payload),
  [WATCH_SWEEP.kind]: (ctx, _payload, lease) => sweepStep(ctx, lease),
  [ORPHAN_SWEEP.kind]: (ctx, _payload, lease) => orphanSweepStep(ctx, lease),
  [SUBMIT_JOB]: (ctx, payload: { messageId: string }) => deliverSubmission(ctx, payload.messageId),
  [FOOTER_CAMPAIGN_JOB]: (ctx, payload: FooterCampaignPayload, lease) => campaignStep(ctx, payload, lease),
  [WEBHOOK_JOB]: (ctx, payload: WebhookJobPayload) => attemptDelivery(ctx, payload),
};

const LEASE_MS = 60_000;

export interface WorkerOptions {
  id?: string;
  batchSize?: number;
  leaseMs?: number;
}

export class Worker {
  readonly id: string;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly options: WorkerOptions = {},
  ) {
    this.id = options.id ?? `worker-${newId()}`;
  }

  /** Runs every job due now, batch after batch, until none is left. Returns how many ran. */
  async runDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const now = this.ctx.clock.now().getTime();
      const jobs = await claimDue(
        this.ctx.db,
        this.ctx.engine,
        this.id,
        now,
        this.options.batchSize ?? 20,
        this.options.leaseMs ?? LEASE_MS,
      );
      if (jobs.length === 0) return total;
      for (const job of jobs) await this.runOne(job, now);
      total += jobs.length;
    }
  }

  start(pollMs: number): void {
    // The daily jobs: scheduled here once, then each run schedules the next.
    const now = this.ctx.clock.now().getTime();
    for (const job of DAILY_JOBS) {
      job
        .scheduleNext(this.ctx.db, now)
        .catch((error: unknown) =>
          this.ctx.logger.warn({ err: error, job: job.kind }, "could not schedule a daily job"),
        );
    }
    // The weekly footer campaign, likewise.
    scheduleWeeklyCampaign(this.ctx.db, nextWeeklyCampaignAt(now), now).catch((error: unknown) =>
      this.ctx.logger.warn({ err: error }, "could not schedule the footer campaign"),
    );
    const tick = async () => {
      this.running = this.runDue().catch((error: unknown) => {
        this.ctx.logger.error({ err: error }, "worker tick failed");
        return 0;
      });
      await this.running;
      this.running = null;
      if (this.timer) this.timer = setTimeout(tick, pollMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private async runOne(job: ClaimedJob, now: number): Promise<void> {
    const handler = HANDLERS[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      const leaseMs = this.options.leaseMs ?? LEASE_MS;
      const lease: JobLease = {
        extend: () => extendLease(this.ctx.db, job, this.id, this.ctx.clock.now().getTime(), leaseMs),
      };
      await EXTERNAL_STEPS[job.kind]?.(this.ctx, job.payload as never, lease);
      await this.ctx.db.transaction().execute(async (trx) => {
        await handler(this.ctx, trx, job.payload as never, now);
        await completeInTx(trx, job, this.id, now);
      });
      this.ctx.metrics.jobs.inc({ kind: job.kind, result: "done" });
    } catch (error) {
      this.ctx.logger.warn({ err: error, job: job.id, kind: job.kind }, "job failed");
      this.ctx.metrics.jobs.inc({ kind: job.kind, result: "failed" });
      await failJob(this.ctx.db, job, this.id, now, error);
    }
  }
}

/** The deadline still stands only if the order has not moved since the timer was set. */
async function currentDeadline(trx: Tx, payload: ExpiryTimerPayload) {
  const order = await trx
    .selectFrom("filing_order")
    .select(["id", "number", "state", "account_id", "expires_at"])
    .where("id", "=", payload.orderId)
    .executeTakeFirst();
  if (!order || order.expires_at !== payload.expiresAt) return null;
  const state = order.state as OrderState;
  if (isFinal(state) || !EXPIRING_STATES.has(state)) return null;
  return order;
}

async function expireOrder(ctx: AppContext, trx: Tx, payload: ExpiryTimerPayload, now: number) {
  if (now < payload.expiresAt || !(await currentDeadline(trx, payload))) return;
  await applyEventInTx(ctx, trx, {
    orderId: payload.orderId,
    event: { type: "expire" },
    actor: { kind: "system", userId: null },
  });
}

async function remindOrder(_ctx: AppContext, trx: Tx, payload: ExpiryTimerPayload, now: number) {
  const order = await currentDeadline(trx, payload);
  if (!order) return;
  await queueNotification(
    trx,
    {
      accountId: order.account_id,
      orderId: order.id,
      template: "order.reminder",
      params: {
        orderNumber: order.number,
        daysLeft: payload.daysLeft ?? 0,
        expiresOn: new Date(payload.expiresAt).toISOString().slice(0, 10),
      },
    },
    now,
  );
  await queueOrderExpiringWebhook(trx, order, payload.daysLeft ?? 0, payload.expiresAt, now);
}
