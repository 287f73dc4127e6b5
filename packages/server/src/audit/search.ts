import { AppError, chinaStartOfDay, isCalendarDate } from "@openbeian/core";
import { sql } from "kysely";
import type { AppContext } from "../platform/context.ts";
import { maskDetail } from "./mask.ts";

/** One audit record as staff see it: who (by name), what, and the detail with personal data masked. */
export interface AuditItem {
  id: string;
  at: string;
  actorKind: string;
  actor: { id: string; displayName: string } | null;
  accountId: string | null;
  entity: string;
  entityId: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  detail: unknown;
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  actorUserId?: string;
  accountId?: string;
  action?: string;
  /** "YYYY-MM-DD" (a day in China, from its start) or an ISO instant with an offset. */
  from?: string;
  /** "YYYY-MM-DD" (up to the end of that day in China) or an ISO instant (exclusive). */
  to?: string;
  /** Substring of the action, the entity id or the detail text. */
  q?: string;
  limit: number;
  /** The id of the last item of the previous page. */
  cursor?: string;
}

export const AUDIT_PAGE_MAX = 200;
const DAY_MS = 24 * 60 * 60 * 1000;

function baseQuery(ctx: AppContext) {
  return ctx.db
    .selectFrom("audit_log")
    .leftJoin("app_user as actor", "actor.id", "audit_log.actor_user_id")
    .select([
      "audit_log.id",
      "audit_log.at",
      "audit_log.actor_kind",
      "audit_log.actor_user_id",
      "audit_log.account_id",
      "audit_log.entity",
      "audit_log.entity_id",
      "audit_log.action",
      "audit_log.from_state",
      "audit_log.to_state",
      "audit_log.detail",
      "actor.display_name as actor_name",
    ]);
}

type AuditRow = Awaited<ReturnType<ReturnType<typeof baseQuery>["execute"]>>[number];

function present(row: AuditRow): AuditItem {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    actorKind: row.actor_kind,
    actor:
      row.actor_user_id === null
        ? null
        : { id: row.actor_user_id, displayName: row.actor_name ?? row.actor_user_id },
    accountId: row.account_id,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    fromState: row.from_state,
    toState: row.to_state,
    detail: maskDetail(JSON.parse(row.detail) as unknown),
  };
}

/** Audit records matching every given filter, newest first, one page at a time (keyset on id). */
export async function searchAudit(
  ctx: AppContext,
  query: AuditQuery,
): Promise<{ items: AuditItem[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(query.limit, 1), AUDIT_PAGE_MAX);
  let select = baseQuery(ctx);
  const equal = [
    ["audit_log.entity", query.entity],
    ["audit_log.entity_id", query.entityId],
    ["audit_log.actor_user_id", query.actorUserId],
    ["audit_log.account_id", query.accountId],
    ["audit_log.action", query.action],
  ] as const;
  for (const [column, value] of equal) if (value !== undefined) select = select.where(column, "=", value);
  if (query.from !== undefined) select = select.where("audit_log.at", ">=", instantOf(query.from, "from"));
  if (query.to !== undefined) select = select.where("audit_log.at", "<", instantOf(query.to, "to"));
  if (query.cursor !== undefined) select = select.where("audit_log.id", "<", query.cursor);
  if (query.q !== undefined) {
    const pattern = `%${escapeLike(query.q)}%`;
    // SQLite's LIKE ignores ASCII case; PostgreSQL needs ILIKE for the same answer.
    const like = ctx.engine === "postgres" ? sql.raw("ilike") : sql.raw("like");
    select = select.where((eb) =>
      eb.or(
        (["audit_log.action", "audit_log.entity_id", "audit_log.detail"] as const).map(
          (column) => sql<boolean>`${sql.ref(column)} ${like} ${pattern} escape '!'`,
        ),
      ),
    );
  }
  const rows = await select
    .orderBy("audit_log.id", "desc")
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return {
    items: page.map(present),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** An order's whole trail, oldest first, with the actors' names. */
export async function orderAuditTrail(ctx: AppContext, orderId: string): Promise<AuditItem[]> {
  const rows = await baseQuery(ctx)
    .where("audit_log.entity", "=", "order")
    .where("audit_log.entity_id", "=", orderId)
    .orderBy("audit_log.id")
    .execute();
  return rows.map(present);
}

/** Refuses a `from` or `to` that is neither a day nor an instant (VALIDATION_FAILED), as the search would. */
export function checkAuditPeriod(query: Pick<AuditQuery, "from" | "to">): void {
  if (query.from !== undefined) instantOf(query.from, "from");
  if (query.to !== undefined) instantOf(query.to, "to");
}

/** `!` escapes LIKE's wildcards (and itself), the same on both engines with `escape '!'`. */
export function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (char) => `!${char}`);
}

function instantOf(value: string, field: "from" | "to"): number {
  const datePart = value.slice(0, 10);
  if (value.length === 10 && isCalendarDate(value)) {
    const start = chinaStartOfDay(value).getTime();
    return field === "from" ? start : start + DAY_MS;
  }
  // Date.parse takes 02-30 for 03-02: the date part must be a real date first.
  const time = value.length > 10 && isCalendarDate(datePart) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(time)) {
    throw new AppError("VALIDATION_FAILED", { field, value, expected: "YYYY-MM-DD or an ISO 8601 instant" });
  }
  return time;
}
