import {
  DAY_MS,
  IN_PROVIDER_REVIEW,
  hasHighRisk,
  type OrderState,
  type OrderKind,
  type Risk,
  type SlaClock,
} from "@openbeian/core";
import { presentOrderSummary } from "../filing/presenter.ts";
import type { Viewer } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import type { FilingOrderTable } from "../platform/schema.ts";
import { loadRisks } from "./risk.ts";
import { loadSlas } from "./sla.ts";

/**
 * The initial-review queue. Filters that live in columns (state, province, order type, age,
 * assignee) are one SQL query; the SLA clocks come from one audit-log query for all of its rows
 * and sort them; the risk (DNS and a few batched queries) is computed for the page only, or for
 * every row when sorting or filtering by it. At most SCAN_LIMIT orders, oldest first, are
 * considered: far more than any provider's open queue.
 */
export const SCAN_LIMIT = 2000;

export type QueueSort = "sla" | "age" | "risk";

export interface QueueQuery {
  state?: OrderState;
  province?: string;
  orderType?: OrderKind;
  minAgeDays?: number;
  risk?: "high";
  /** "me", "none" or a user id. */
  assignee?: string;
  sort?: QueueSort;
  limit?: number;
}

type QueueRow = FilingOrderTable & { assignee_name: string | null };

export async function listQueue(ctx: AppContext, viewer: Viewer, query: QueueQuery) {
  const states: OrderState[] = query.state ? [query.state] : [...IN_PROVIDER_REVIEW];
  let select = ctx.db
    .selectFrom("filing_order")
    .leftJoin("app_user as assignee", "assignee.id", "filing_order.assignee_user_id")
    .selectAll("filing_order")
    .select("assignee.display_name as assignee_name")
    .where("filing_order.state", "in", states);
  if (query.province) select = select.where("filing_order.province_code", "=", query.province);
  // The column holds first filings only so far; the filter is ready for the other types.
  if (query.orderType) {
    select = select.where("filing_order.type", "=", query.orderType);
  }
  if (query.minAgeDays !== undefined && query.minAgeDays > 0) {
    const before = ctx.clock.now().getTime() - query.minAgeDays * DAY_MS;
    select = select.where("filing_order.submitted_at", "<=", before);
  }
  if (query.assignee === "none") select = select.where("filing_order.assignee_user_id", "is", null);
  else if (query.assignee) {
    const id = query.assignee === "me" ? viewer.userId : query.assignee;
    select = select.where("filing_order.assignee_user_id", "=", id);
  }
  const rows: QueueRow[] = await select
    .orderBy("filing_order.submitted_at")
    .orderBy("filing_order.id")
    .limit(SCAN_LIMIT)
    .execute();

  const slas = await loadSlas(
    ctx,
    ctx.db,
    rows.map((row) => row.id),
  );
  const sort = query.sort ?? "sla";
  const riskOfAll = sort === "risk" || query.risk === "high";
  const risks = riskOfAll ? await loadRisks(ctx, ctx.db, rows) : new Map<string, Risk>();

  let candidates = rows;
  if (query.risk === "high") candidates = candidates.filter((row) => hasHighRisk(risks.get(row.id)!));
  const bySla = (a: QueueRow, b: QueueRow) => compareSla(slas.get(a.id), slas.get(b.id)) || byAge(a, b);
  const order =
    sort === "age"
      ? byAge
      : sort === "risk"
        ? (a: QueueRow, b: QueueRow) =>
            (risks.get(b.id)?.score ?? 0) - (risks.get(a.id)?.score ?? 0) || bySla(a, b)
        : bySla;
  const page = [...candidates].sort(order).slice(0, query.limit ?? 50);
  if (!riskOfAll) for (const [id, risk] of await loadRisks(ctx, ctx.db, page)) risks.set(id, risk);

  return {
    items: page.map((row) => ({
      ...presentOrderSummary(row),
      sla: slas.get(row.id) ?? null,
      assignee: row.assignee_user_id
        ? { id: row.assignee_user_id, displayName: row.assignee_name ?? "" }
        : null,
      risk: risks.get(row.id) ?? { score: 0, signals: [] },
    })),
    total: candidates.length,
  };
}

/** Oldest submission first; never-submitted orders last. */
function byAge(a: FilingOrderTable, b: FilingOrderTable): number {
  const left = a.submitted_at ?? Number.MAX_SAFE_INTEGER;
  const right = b.submitted_at ?? Number.MAX_SAFE_INTEGER;
  return left - right || a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Soonest due first. Orders without a due time (paused, or the calendar runs out) come after,
 * those with the least budget left first; unknown clocks last.
 */
function compareSla(a: SlaClock | null | undefined, b: SlaClock | null | undefined): number {
  const rank = (clock: SlaClock | null | undefined) => (!clock ? 2 : clock.dueAt === null ? 1 : 0);
  const difference = rank(a) - rank(b);
  if (difference !== 0 || !a || !b) return difference;
  if (a.dueAt !== null && b.dueAt !== null) return Date.parse(a.dueAt) - Date.parse(b.dueAt);
  return a.limitDays - a.usedWorkingDays - (b.limitDays - b.usedWorkingDays);
}
