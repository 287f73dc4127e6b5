import Database from "better-sqlite3";
import type { SequenceSource } from "./numbering.ts";
import type { SmsSessionState } from "./sms.ts";
import type { Submission, SubmissionInput } from "./submissions.ts";

/**
 * The simulator's memory, in its own SQLite file (or in memory for tests):
 * submissions, each order's progress, the number counters, the subjects the
 * bureau has on record, and the outbox of reports to the platform. Everything
 * the engine changes in one step is written in one transaction, so a restart
 * loses nothing and never issues a number twice or skips one.
 */
export type OrderPhase =
  "awaiting_sms" | "sms_pending" | "bureau_review" | "approved" | "rejected" | "returned";

export const ACTIVE_PHASES: readonly OrderPhase[] = ["awaiting_sms", "sms_pending", "bureau_review"];

export interface Decision {
  approved: boolean;
  reasons: string[];
  subjectNumber?: string;
  serviceNumbers?: Record<string, string>;
  by: "bureau" | "operator";
  at: string;
}

export interface TrackedOrder {
  orderNumber: string;
  /** The provider that submitted it: the bureau sees every provider's orders (主办者冲突). */
  provider: string;
  submission: Submission;
  phase: OrderPhase;
  smsAt: number;
  sms: SmsSessionState | null;
  decisionAt: number | null;
  /** What the checks at receipt found (a domain already resolving). */
  findings: string[];
  decision: Decision | null;
  updatedAt: string;
}

export interface FiledSubject {
  certificateNumber: string;
  name: string;
  subjectNumber: string;
  province: string;
}

export interface OutboxMessage {
  id: number;
  messageId: string;
  orderNumber: string;
  /** `event` goes to the platform's regulator events, `sms` through its SMS channel. */
  kind: "event" | "sms";
  body: unknown;
  dueAt: number;
  attempts: number;
  lastError: string | null;
  deliveredAt: number | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS submission (
  message_id TEXT PRIMARY KEY, order_number TEXT NOT NULL, order_type TEXT NOT NULL,
  province TEXT NOT NULL, provider TEXT NOT NULL, payload TEXT NOT NULL,
  received_at TEXT NOT NULL, deliveries INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tracked_order (
  order_number TEXT PRIMARY KEY, phase TEXT NOT NULL, record TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS tracked_order_phase ON tracked_order (phase);
CREATE TABLE IF NOT EXISTS counter (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS filed_subject (
  certificate_number TEXT PRIMARY KEY, name TEXT NOT NULL, subject_number TEXT NOT NULL, province TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS filed_website (
  domain TEXT PRIMARY KEY, website_number TEXT NOT NULL, name TEXT NOT NULL,
  certificate_number TEXT NOT NULL, providers TEXT NOT NULL, status TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS filed_website_subject ON filed_website (certificate_number);
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT, message_id TEXT NOT NULL UNIQUE, order_number TEXT NOT NULL,
  kind TEXT NOT NULL, body TEXT NOT NULL, due_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT, delivered_at INTEGER
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (delivered_at, due_at);
`;

/** A website as MIIT's records hold it: its number, its subject, the providers that host it. */
export interface FiledWebsite {
  domain: string;
  websiteNumber: string;
  name: string;
  certificateNumber: string;
  /** Access providers (接入商); empty: a shell site (空壳网站). */
  providers: string[];
  status: "filed" | "cancelled";
}

interface FiledWebsiteRow {
  domain: string;
  website_number: string;
  name: string;
  certificate_number: string;
  providers: string;
  status: "filed" | "cancelled";
}

function toFiledWebsite(row: FiledWebsiteRow): FiledWebsite {
  return {
    domain: row.domain,
    websiteNumber: row.website_number,
    name: row.name,
    certificateNumber: row.certificate_number,
    providers: JSON.parse(row.providers) as string[],
    status: row.status,
  };
}

interface OutboxRow {
  id: number;
  message_id: string;
  order_number: string;
  kind: "event" | "sms";
  body: string;
  due_at: number;
  attempts: number;
  last_error: string | null;
  delivered_at: number | null;
}

export class SimStore implements SequenceSource {
  private readonly db: Database.Database;

  /** `path` is a file, or ":memory:" for a simulator that forgets on exit. */
  constructor(path = ":memory:") {
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.exec(SCHEMA);
  }

  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    return this.db.transaction(fn)();
  }

  receiveSubmission(
    input: SubmissionInput & { provider: string },
    now: Date,
  ): { submission: Submission; duplicate: boolean } {
    return this.transaction(() => {
      const existing = this.db
        .prepare("SELECT * FROM submission WHERE message_id = ?")
        .get(input.messageId) as SubmissionRow | undefined;
      if (existing) {
        this.db
          .prepare("UPDATE submission SET deliveries = deliveries + 1 WHERE message_id = ?")
          .run(input.messageId);
        return {
          submission: { ...toSubmission(existing), deliveries: existing.deliveries + 1 },
          duplicate: true,
        };
      }
      const receivedAt = now.toISOString();
      this.db
        .prepare(
          `INSERT INTO submission (message_id, order_number, order_type, province, provider, payload, received_at, deliveries)
           VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
        )
        .run(
          input.messageId,
          input.orderNumber,
          input.orderType,
          input.province,
          input.provider,
          JSON.stringify(input.payload ?? null),
          receivedAt,
        );
      const submission: Submission = {
        messageId: input.messageId,
        orderNumber: input.orderNumber,
        orderType: input.orderType,
        province: input.province,
        payload: input.payload ?? null,
        receivedAt,
        deliveries: 1,
      };
      return { submission, duplicate: false };
    });
  }

  submissions(): Submission[] {
    const rows = this.db.prepare("SELECT * FROM submission ORDER BY received_at").all() as SubmissionRow[];
    return rows.map(toSubmission);
  }

  order(orderNumber: string): TrackedOrder | undefined {
    const row = this.db
      .prepare("SELECT record FROM tracked_order WHERE order_number = ?")
      .get(orderNumber) as { record: string } | undefined;
    return row ? (JSON.parse(row.record) as TrackedOrder) : undefined;
  }

  putOrder(order: TrackedOrder): void {
    this.db
      .prepare(
        `INSERT INTO tracked_order (order_number, phase, record, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (order_number) DO UPDATE SET phase = excluded.phase, record = excluded.record, updated_at = excluded.updated_at`,
      )
      .run(order.orderNumber, order.phase, JSON.stringify(order), order.updatedAt);
  }

  /** Orders still moving: waiting for the SMS, for its verification, or for the bureau. */
  activeOrders(): TrackedOrder[] {
    const rows = this.db
      .prepare(
        `SELECT record FROM tracked_order WHERE phase IN (${ACTIVE_PHASES.map(() => "?").join(",")}) ORDER BY order_number`,
      )
      .all(...ACTIVE_PHASES) as { record: string }[];
    return rows.map((row) => JSON.parse(row.record) as TrackedOrder);
  }

  /** The most recently changed orders first, for the operator page. */
  recentOrders(limit: number, phase?: OrderPhase): TrackedOrder[] {
    const rows = (
      phase
        ? this.db
            .prepare("SELECT record FROM tracked_order WHERE phase = ? ORDER BY updated_at DESC LIMIT ?")
            .all(phase, limit)
        : this.db.prepare("SELECT record FROM tracked_order ORDER BY updated_at DESC LIMIT ?").all(limit)
    ) as { record: string }[];
    return rows.map((row) => JSON.parse(row.record) as TrackedOrder);
  }

  next(key: string): number {
    const row = this.db
      .prepare(
        "INSERT INTO counter (key, value) VALUES (?, 1) ON CONFLICT (key) DO UPDATE SET value = value + 1 RETURNING value",
      )
      .get(key) as { value: number };
    return row.value;
  }

  filedSubject(certificateNumber: string): FiledSubject | undefined {
    const row = this.db
      .prepare("SELECT * FROM filed_subject WHERE certificate_number = ?")
      .get(certificateNumber) as
      { certificate_number: string; name: string; subject_number: string; province: string } | undefined;
    return row
      ? {
          certificateNumber: row.certificate_number,
          name: row.name,
          subjectNumber: row.subject_number,
          province: row.province,
        }
      : undefined;
  }

  putFiledSubject(subject: FiledSubject): void {
    this.db
      .prepare(
        `INSERT INTO filed_subject (certificate_number, name, subject_number, province) VALUES (?, ?, ?, ?)
         ON CONFLICT (certificate_number) DO UPDATE SET name = excluded.name`,
      )
      .run(subject.certificateNumber, subject.name, subject.subjectNumber, subject.province);
  }

  filedWebsite(domain: string): FiledWebsite | undefined {
    const row = this.db.prepare("SELECT * FROM filed_website WHERE domain = ?").get(domain) as
      FiledWebsiteRow | undefined;
    return row ? toFiledWebsite(row) : undefined;
  }

  websitesOfSubject(certificateNumber: string): FiledWebsite[] {
    const rows = this.db
      .prepare("SELECT * FROM filed_website WHERE certificate_number = ? ORDER BY website_number")
      .all(certificateNumber) as FiledWebsiteRow[];
    return rows.map(toFiledWebsite);
  }

  /** A website's record as MIIT holds it: a re-filed domain replaces its cancelled record. */
  putFiledWebsite(website: FiledWebsite): void {
    this.db
      .prepare(
        `INSERT INTO filed_website (domain, website_number, name, certificate_number, providers, status)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (domain) DO UPDATE SET website_number = excluded.website_number, name = excluded.name,
           certificate_number = excluded.certificate_number, providers = excluded.providers, status = excluded.status`,
      )
      .run(
        website.domain,
        website.websiteNumber,
        website.name,
        website.certificateNumber,
        JSON.stringify(website.providers),
        website.status,
      );
  }

  /** 注销主体: the subject leaves the records (its numbers are never issued again: the counters only rise). */
  removeFiledSubject(certificateNumber: string): void {
    this.db.prepare("DELETE FROM filed_subject WHERE certificate_number = ?").run(certificateNumber);
  }

  enqueue(message: Omit<OutboxMessage, "id" | "attempts" | "lastError" | "deliveredAt">): void {
    this.db
      .prepare("INSERT INTO outbox (message_id, order_number, kind, body, due_at) VALUES (?, ?, ?, ?, ?)")
      .run(message.messageId, message.orderNumber, message.kind, JSON.stringify(message.body), message.dueAt);
  }

  /**
   * Undelivered messages due by `now`, oldest first; a message waits while an
   * earlier one of the same order is undelivered, so the platform sees an
   * order's reports in the order they happened.
   */
  dueMessages(now: number, limit: number): OutboxMessage[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM outbox AS m WHERE m.delivered_at IS NULL AND m.due_at <= ?
           AND NOT EXISTS (SELECT 1 FROM outbox AS e WHERE e.order_number = m.order_number
                           AND e.delivered_at IS NULL AND e.id < m.id)
         ORDER BY m.id LIMIT ?`,
      )
      .all(now, limit) as OutboxRow[];
    return rows.map(toOutbox);
  }

  outbox(orderNumber?: string): OutboxMessage[] {
    const rows = (
      orderNumber
        ? this.db.prepare("SELECT * FROM outbox WHERE order_number = ? ORDER BY id").all(orderNumber)
        : this.db.prepare("SELECT * FROM outbox ORDER BY id").all()
    ) as OutboxRow[];
    return rows.map(toOutbox);
  }

  markDelivered(id: number, now: number): void {
    this.db
      .prepare("UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?")
      .run(now, id);
  }

  /** The platform refused the message (4xx): retrying cannot help, so it is closed with the reason. */
  markRefused(id: number, now: number, error: string): void {
    this.db
      .prepare("UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, last_error = ? WHERE id = ?")
      .run(now, error.slice(0, 500), id);
  }

  /** A failed delivery is tried again at `retryAt`; later messages of the same order wait for it. */
  markFailed(id: number, retryAt: number, error: string): void {
    this.db
      .prepare("UPDATE outbox SET due_at = ?, attempts = attempts + 1, last_error = ? WHERE id = ?")
      .run(retryAt, error.slice(0, 500), id);
  }

  close(): void {
    this.db.close();
  }
}

interface SubmissionRow {
  message_id: string;
  order_number: string;
  order_type: string;
  province: string;
  provider: string;
  payload: string;
  received_at: string;
  deliveries: number;
}

function toSubmission(row: SubmissionRow): Submission {
  return {
    messageId: row.message_id,
    orderNumber: row.order_number,
    orderType: row.order_type,
    province: row.province,
    payload: JSON.parse(row.payload) as unknown,
    receivedAt: row.received_at,
    deliveries: row.deliveries,
  };
}

function toOutbox(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    messageId: row.message_id,
    orderNumber: row.order_number,
    kind: row.kind,
    body: JSON.parse(row.body) as unknown,
    dueAt: row.due_at,
    attempts: row.attempts,
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
  };
}
