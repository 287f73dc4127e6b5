/**
 * Runs tasks with bounded concurrency and per-host politeness: at most
 * `concurrency` tasks at once, never two for the same key at the same time, and
 * at least `hostIntervalMs` between one task for a key ending and the next one
 * starting. A footer campaign over thousands of sites must not look like an
 * attack on the few servers that host many of them.
 */
export interface PolitePoolOptions {
  concurrency: number;
  hostIntervalMs: number;
}

interface Pending {
  key: string;
  start: () => void;
}

export class PolitePool {
  private readonly pending: Pending[] = [];
  private readonly busy = new Set<string>();
  /** When each key's last task ended; forgotten once the interval has passed. */
  private readonly lastEnded = new Map<string, number>();
  private active = 0;
  private timer: NodeJS.Timeout | null = null;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: PolitePoolOptions) {
    if (!(options.concurrency >= 1)) throw new RangeError("concurrency must be at least 1");
  }

  /** Queues `task` under `key`; settles with the task's result. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({
        key,
        start: () => {
          this.active += 1;
          this.busy.add(key);
          task()
            .then(resolve, reject)
            .finally(() => {
              this.active -= 1;
              this.busy.delete(key);
              this.lastEnded.set(key, performance.now());
              this.pump();
            });
        },
      });
      this.pump();
    });
  }

  /** Resolves once nothing is queued or running. */
  idle(): Promise<void> {
    if (this.active === 0 && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get size(): { running: number; queued: number } {
    return { running: this.active, queued: this.pending.length };
  }

  private pump(): void {
    const now = performance.now();
    let soonest = Infinity;
    for (let index = 0; index < this.pending.length && this.active < this.options.concurrency;) {
      const candidate = this.pending[index]!;
      if (this.busy.has(candidate.key)) {
        index += 1;
        continue;
      }
      const ended = this.lastEnded.get(candidate.key);
      const readyAt = ended === undefined ? now : ended + this.options.hostIntervalMs;
      if (readyAt > now) {
        soonest = Math.min(soonest, readyAt);
        index += 1;
        continue;
      }
      if (ended !== undefined) this.lastEnded.delete(candidate.key);
      this.pending.splice(index, 1);
      candidate.start();
    }
    if (soonest !== Infinity && this.timer === null) {
      this.timer = setTimeout(
        () => {
          this.timer = null;
          this.pump();
        },
        Math.max(1, Math.ceil(soonest - now)),
      );
    }
    if (this.active === 0 && this.pending.length === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
