import { STATE_LABELS, type OrderState } from "@openbeian/core";
import type { BlockReason } from "./block-page.ts";
import type { KnownStatus } from "./decide.ts";
import { FiledDomainSet } from "./filed-set.ts";

/**
 * Keeps a gate's domain set in step with the platform: one full load, then the
 * change log from the sequence number the load started at. The source is the
 * platform's database (see the server's gate-sync); the gate itself knows no SQL.
 *
 * The gate must keep serving through database trouble: a failed load is retried
 * with backoff while the gate answers from what it has (at first: nothing is
 * filed, so everything is blocked, the safe side), a failed poll keeps the last
 * set and tries again, and a lost LISTEN connection is re-opened. Every
 * reconnection is followed by a poll, so changes made meanwhile are not lost.
 */
export type ChangeStatus = "filed" | "blocked" | "unknown";

export interface GateChange {
  seq: number;
  domain: string;
  status: ChangeStatus;
  reason: Exclude<BlockReason, "never_filed"> | null;
  orderState: string | null;
}

export interface GateSource {
  /** The sequence number to follow the log from; read before the records, so nothing is missed. */
  currentSeq(): Promise<number>;
  /** Every domain's status as recorded now, page by page. */
  records(
    onPage: (
      page: {
        domain: string;
        status: ChangeStatus;
        reason: GateChange["reason"];
        orderState: string | null;
      }[],
    ) => void,
  ): Promise<void>;
  /** Changes after `seq`, in order, at most `limit`. */
  changesSince(seq: number, limit: number): Promise<GateChange[]>;
  /**
   * Calls `onSignal` when changes may be waiting (PostgreSQL's NOTIFY); the
   * returned function stops listening. `onLost` reports a dropped connection.
   * Sources without notifications leave it out and are polled.
   */
  listen?(onSignal: () => void, onLost: (error: unknown) => void): Promise<() => Promise<void>>;
}

export interface GateSyncOptions {
  source: GateSource;
  /** How often to poll for changes: the only path without notifications, a fallback with them. */
  pollMs?: number;
  batchSize?: number;
  log?: (level: "info" | "warn", message: string, detail?: Record<string, unknown>) => void;
}

const RETRY_MIN_MS = 200;
const RETRY_MAX_MS = 5_000;

export class GateSync {
  private filedSet = FiledDomainSet.fromDomains([]);
  private statusMap = new Map<string, KnownStatus>();
  private seq = 0;
  private loaded = false;
  private stopped = false;
  private polling: Promise<void> | null = null;
  private pollAgain = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private wake: (() => void) | null = null;
  private failures = 0;
  private readonly pollMs: number;
  private readonly batchSize: number;

  constructor(private readonly options: GateSyncOptions) {
    this.pollMs = options.pollMs ?? 250;
    this.batchSize = options.batchSize ?? 10_000;
  }

  /** The set and statuses as of now: read on every request, so updates need no restart. */
  readonly filed = (): FiledDomainSet => this.filedSet;
  readonly statuses = (): ReadonlyMap<string, KnownStatus> => this.statusMap;

  get isLoaded(): boolean {
    return this.loaded;
  }

  /** The last change applied. */
  get position(): number {
    return this.seq;
  }

  /** Loads (retrying until it succeeds or `stop()`), then follows the log. Resolves once loaded. */
  async start(): Promise<void> {
    while (!this.stopped && !this.loaded) {
      try {
        await this.load();
      } catch (error) {
        this.failures += 1;
        this.log("warn", "gate load failed; retrying", { error: String(error) });
        await this.sleep(this.backoff());
      }
    }
    if (this.stopped) return;
    await this.openListener();
    this.schedule(this.pollMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    await this.polling;
    await this.unlisten?.().catch(() => {});
  }

  /** Reads the log now (also what a notification does); concurrent calls share one read. */
  poll(): Promise<void> {
    if (this.polling) {
      this.pollAgain = true;
      return this.polling;
    }
    this.polling = this.readLog().finally(() => {
      this.polling = null;
      if (this.pollAgain && !this.stopped) {
        this.pollAgain = false;
        void this.poll();
      }
    });
    return this.polling;
  }

  private async load(): Promise<void> {
    const started = Date.now();
    const seq = await this.options.source.currentSeq();
    const builder = FiledDomainSet.builder();
    const statuses = await readRecords(this.options.source, (domain) => builder.add(domain));
    this.filedSet = builder.build();
    this.statusMap = statuses;
    this.seq = seq;
    this.loaded = true;
    this.failures = 0;
    this.log("info", "gate loaded", { filed: this.filedSet.size, seq, ms: Date.now() - started });
  }

  private async readLog(): Promise<void> {
    try {
      for (;;) {
        const changes = await this.options.source.changesSince(this.seq, this.batchSize);
        for (const change of changes) this.apply(change);
        if (changes.length < this.batchSize) break;
      }
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      this.log("warn", "gate change log unreadable; serving the last set", { error: String(error) });
    }
  }

  private apply(change: GateChange): void {
    if (change.seq !== this.seq + 1) {
      // The log is gapless by construction; a gap means it was rewritten (a restore): start over.
      this.log("warn", "gate change log has a gap; reloading", { expected: this.seq + 1, got: change.seq });
      this.loaded = false;
      throw new Error("change log gap");
    }
    this.seq = change.seq;
    if (change.status === "filed") {
      this.statusMap.delete(change.domain);
      this.filedSet.add(change.domain);
      return;
    }
    this.filedSet.delete(change.domain);
    if (change.status === "blocked" && change.reason)
      this.statusMap.set(change.domain, knownStatus(change.reason, change.orderState));
    else this.statusMap.delete(change.domain);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.tick();
    }, delay);
  }

  private async tick(): Promise<void> {
    if (!this.loaded) {
      try {
        await this.load();
      } catch (error) {
        this.failures += 1;
        this.log("warn", "gate reload failed; serving the last set", { error: String(error) });
      }
    } else {
      await this.poll();
    }
    this.schedule(this.failures > 0 ? this.backoff() : this.pollMs);
  }

  private async openListener(): Promise<void> {
    const listen = this.options.source.listen;
    if (!listen || this.stopped) return;
    try {
      this.unlisten = await listen.call(
        this.options.source,
        () => void this.poll(),
        (error) => {
          this.log("warn", "gate lost its LISTEN connection; reconnecting", { error: String(error) });
          this.unlisten = null;
          void this.reopenListener();
        },
      );
      // Whatever was committed while no one listened.
      void this.poll();
    } catch (error) {
      this.log("warn", "gate could not LISTEN; polling until it can", { error: String(error) });
      void this.reopenListener();
    }
  }

  private async reopenListener(): Promise<void> {
    if (this.stopped) return;
    await this.sleep(this.backoff());
    this.failures += 1;
    await this.openListener();
    if (this.unlisten) this.failures = 0;
  }

  /** The pause after `failures` failures in a row: doubling from RETRY_MIN_MS up to RETRY_MAX_MS. */
  private backoff(): number {
    return Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.min(Math.max(this.failures, 1) - 1, 5));
  }

  /** A pause that `stop()` cuts short. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private log(level: "info" | "warn", message: string, detail?: Record<string, unknown>) {
    this.options.log?.(level, message, detail);
  }
}

/**
 * Reads every record of a source: each filed domain goes to `onFiled` (the gate keeps only
 * fingerprints, the nginx export the names), and the blocked ones come back with their
 * reasons, as the gate shows them.
 */
export async function readRecords(
  source: GateSource,
  onFiled: (domain: string) => void,
): Promise<Map<string, KnownStatus>> {
  const statuses = new Map<string, KnownStatus>();
  await source.records((page) => {
    for (const record of page) {
      if (record.status === "filed") onFiled(record.domain);
      else if (record.status === "blocked" && record.reason)
        statuses.set(record.domain, knownStatus(record.reason, record.orderState));
    }
  });
  return statuses;
}

/** A block reason as the gate shows it; an order's state with its label in both languages. */
export function knownStatus(
  reason: Exclude<BlockReason, "never_filed">,
  orderState: string | null,
): KnownStatus {
  const label = orderState ? STATE_LABELS[orderState as OrderState] : undefined;
  return label ? { reason, stateLabel: `${label.zh} / ${label.en}` } : { reason };
}
