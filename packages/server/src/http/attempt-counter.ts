import type { Clock } from "@openbeian/core";
import { sql } from "kysely";
import type { FieldCipher } from "../platform/crypto.ts";
import type { Db } from "../platform/db.ts";
import { WindowCounter, type WindowCount } from "./window-counter.ts";

/**
 * Attempts counted in fixed windows, for every limit the platform keeps: the routes'
 * (rate-limit.ts), wrong passwords per account (login-limits.ts) and requests per API
 * token (token-auth.ts). Each limit counts in its own `namespace`.
 *
 * Two stores behind one interface. In memory (the default on SQLite, one API process):
 * nothing to write, but each process counts on its own. In the database (the default on
 * PostgreSQL, where several API processes share one database): every process sees the
 * same counts, one upsert per attempt. BEIAN_RATE_LIMIT_STORE chooses otherwise.
 */
export interface AttemptCounter {
  /** Counts one attempt. */
  hit(namespace: string, key: string, windowMs: number): Promise<WindowCount>;
  /** The count without counting. */
  peek(namespace: string, key: string, windowMs: number): Promise<WindowCount>;
  /** Forgets the key's attempts (a successful login clears its failures). */
  reset(namespace: string, key: string): Promise<void>;
}

export type AttemptStore = "memory" | "database";

/** This process's memory: one bounded WindowCounter per namespace. */
export class MemoryAttemptCounter implements AttemptCounter {
  private readonly counters = new Map<string, WindowCounter>();

  constructor(private readonly clock: Clock) {}

  async hit(namespace: string, key: string, windowMs: number): Promise<WindowCount> {
    return this.counter(namespace).hit(key, windowMs);
  }

  async peek(namespace: string, key: string, windowMs: number): Promise<WindowCount> {
    return this.counter(namespace).peek(key, windowMs);
  }

  async reset(namespace: string, key: string): Promise<void> {
    this.counter(namespace).reset(key);
  }

  private counter(namespace: string): WindowCounter {
    let counter = this.counters.get(namespace);
    if (!counter) {
      counter = new WindowCounter(this.clock);
      this.counters.set(namespace, counter);
    }
    return counter;
  }
}

/** Expired windows are deleted after about this many attempts (one delete, by the expiry index). */
const SWEEP_EVERY = 500;

/**
 * The database (table rate_window): one row per key holding its current window, updated
 * in one statement, so two processes counting at once both count. The key is stored as
 * a keyed hash (the data key's blind index): the table holds no address or e-mail. A
 * clock moved backwards opens a new window, as in memory.
 */
export class DatabaseAttemptCounter implements AttemptCounter {
  private hits = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly cipher: FieldCipher,
  ) {}

  async hit(namespace: string, key: string, windowMs: number): Promise<WindowCount> {
    const now = this.clock.now().getTime();
    if (++this.hits % SWEEP_EVERY === 0) await this.sweep(now);
    // Every SET expression reads the row as it was before this update (both engines).
    const stale = sql`rate_window.expires_at <= ${now} or rate_window.window_start > ${now}`;
    const { rows } = await sql<{ count: number; expires_at: number }>`
      insert into rate_window (key_hash, window_start, expires_at, count)
      values (${this.hash(namespace, key)}, ${now}, ${now + windowMs}, 1)
      on conflict (key_hash) do update set
        count = case when ${stale} then 1 else rate_window.count + 1 end,
        window_start = case when ${stale} then ${now} else rate_window.window_start end,
        expires_at = case when ${stale} then ${now + windowMs} else rate_window.expires_at end
      returning count, expires_at`.execute(this.db);
    const row = rows[0];
    if (!row) throw new Error("rate_window: the upsert returned no row");
    // pg reads int8 as a number (db.ts), as SQLite does.
    return { count: row.count, resetInMs: row.expires_at - now };
  }

  async peek(namespace: string, key: string, _windowMs: number): Promise<WindowCount> {
    const now = this.clock.now().getTime();
    const row = await this.db
      .selectFrom("rate_window")
      .select(["count", "window_start", "expires_at"])
      .where("key_hash", "=", this.hash(namespace, key))
      .executeTakeFirst();
    if (!row || row.expires_at <= now || row.window_start > now) return { count: 0, resetInMs: 0 };
    return { count: row.count, resetInMs: row.expires_at - now };
  }

  async reset(namespace: string, key: string): Promise<void> {
    await this.db.deleteFrom("rate_window").where("key_hash", "=", this.hash(namespace, key)).execute();
  }

  private hash(namespace: string, key: string): string {
    return this.cipher.blindIndex(`rate:${namespace}:${key}`);
  }

  private async sweep(now: number): Promise<void> {
    await this.db.deleteFrom("rate_window").where("expires_at", "<=", now).execute();
  }
}
