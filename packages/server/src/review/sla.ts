import { AppError, reviewSla, type OrderState, type SlaClock, type SlaTransition } from "@openbeian/core";
import { cachedCalendar } from "../calendar/cache.ts";
import type { AppContext } from "../platform/context.ts";
import type { Executor } from "../platform/db.ts";
import { chunked } from "./batch.ts";

/**
 * The SLA clock of each order (core review/sla.ts) from its state changes in the audit log:
 * one query for any number of orders. null when the calendar has no data for a year the
 * order spent in review (never a guess).
 */
export async function loadSlas(
  ctx: AppContext,
  executor: Executor,
  orderIds: readonly string[],
): Promise<Map<string, SlaClock | null>> {
  const history = new Map<string, SlaTransition[]>();
  for (const ids of chunked(orderIds)) {
    const rows = await executor
      .selectFrom("audit_log")
      .select(["entity_id", "at", "to_state"])
      .where("entity", "=", "order")
      .where("entity_id", "in", ids)
      .where("to_state", "is not", null)
      .orderBy("at")
      .orderBy("id")
      .execute();
    for (const row of rows) {
      const list = history.get(row.entity_id) ?? [];
      list.push({ at: new Date(row.at), to: row.to_state as OrderState });
      history.set(row.entity_id, list);
    }
  }
  const calendar = await cachedCalendar(ctx, executor);
  const now = ctx.clock.now();
  const result = new Map<string, SlaClock | null>();
  for (const id of orderIds) {
    try {
      result.set(
        id,
        reviewSla({ transitions: history.get(id) ?? [], now, calendar, limitDays: ctx.reviewSlaWorkingDays }),
      );
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "CALENDAR_NO_DATA") throw error;
      result.set(id, null);
    }
  }
  return result;
}
