import type { Clock } from "@openbeian/core";

export interface WindowCount {
  /** Attempts counted in the current window (0 when none is open). */
  count: number;
  /** Milliseconds until the current window closes (0 when none is open). */
  resetInMs: number;
}

/** Keys kept before closed windows are swept and, if still full, the oldest dropped. */
const DEFAULT_CAPACITY = 10_000;

/**
 * Attempts per key in fixed windows, in this process's memory, on the injected clock
 * (tests pass a window by moving their clock; production uses the system clock).
 * Several API processes each count on their own: N instances allow up to N times
 * the limit. A clock moved backwards opens a new window rather than stretching the
 * old one.
 */
export class WindowCounter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  /** Counts one attempt for `key`. */
  hit(key: string, windowMs: number): WindowCount {
    const now = this.clock.now().getTime();
    let window = this.open(key, windowMs, now);
    if (window) {
      window.count += 1;
    } else {
      this.makeRoom(windowMs, now);
      window = { start: now, count: 1 };
      this.windows.set(key, window);
    }
    return { count: window.count, resetInMs: window.start + windowMs - now };
  }

  /** The count for `key` without counting. */
  peek(key: string, windowMs: number): WindowCount {
    const now = this.clock.now().getTime();
    const window = this.open(key, windowMs, now);
    return window
      ? { count: window.count, resetInMs: window.start + windowMs - now }
      : { count: 0, resetInMs: 0 };
  }

  /** Forgets `key`'s attempts (a successful login clears its failures). */
  reset(key: string): void {
    this.windows.delete(key);
  }

  private open(key: string, windowMs: number, now: number) {
    const window = this.windows.get(key);
    if (!window || now >= window.start + windowMs || now < window.start) return null;
    return window;
  }

  /** Bounded memory: an attacker cycling keys cannot grow the map without limit. */
  private makeRoom(windowMs: number, now: number) {
    if (this.windows.size < this.capacity) return;
    for (const [key, window] of this.windows) {
      if (now >= window.start + windowMs || now < window.start) this.windows.delete(key);
    }
    while (this.windows.size >= this.capacity) {
      const oldest = this.windows.keys().next().value;
      if (oldest === undefined) break;
      this.windows.delete(oldest);
    }
  }
}
