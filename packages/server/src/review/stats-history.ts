import { IN_PROVIDER_REVIEW } from "@openbeian/core";
import type { ExpressionBuilder } from "kysely";
import type { AppContext } from "../platform/context.ts";
import type { Database } from "../platform/schema.ts";
import { chunked } from "./batch.ts";

/**
 * The audit records the dashboard replays: an order's state changes and who holds
 * it (claim, assign, release — see assignment.ts). Edits are left out: their from
 * and to state are the same.
 */
export interface Move {
  id: string;
  at: number;
  orderId: string;
  /** The event, or "opening" for the state an order was in when the range began. */
  action: string;
  actorKind: string;
  actorUserId: string | null;
  from: string | null;
  to: string | null;
  detail: string;
  province: string | null;
}

export const HOLDING_ACTIONS: readonly string[] = ["claim", "assign", "release"];
const OPENING_STATES = [...IN_PROVIDER_REVIEW, "bureau_review"];

const COLUMNS = [
  "audit_log.id",
  "audit_log.at",
  "audit_log.entity_id",
  "audit_log.action",
  "audit_log.actor_kind",
  "audit_log.actor_user_id",
  "audit_log.from_state",
  "audit_log.to_state",
  "audit_log.detail",
  "filing_order.province_code",
] as const;

interface Row {
  id: string;
  at: number;
  entity_id: string;
  action: string;
  actor_kind: string;
  actor_user_id: string | null;
  from_state: string | null;
  to_state: string | null;
  detail: string;
  province_code: string | null;
}

const toMove = (row: Row): Move => ({
  id: row.id,
  at: row.at,
  orderId: row.entity_id,
  action: row.action,
  actorKind: row.actor_kind,
  actorUserId: row.actor_user_id,
  from: row.from_state,
  to: row.to_state,
  detail: row.detail,
  province: row.province_code,
});

function stateChange(eb: ExpressionBuilder<Database, "audit_log">) {
  return eb.and([
    eb("audit_log.to_state", "is not", null),
    eb.or([
      eb("audit_log.from_state", "is", null),
      eb("audit_log.from_state", "<>", eb.ref("audit_log.to_state")),
    ]),
  ]);
}

function orderRecords(ctx: AppContext) {
  return ctx.db
    .selectFrom("audit_log")
    .leftJoin("filing_order", "filing_order.id", "audit_log.entity_id")
    .select(COLUMNS)
    .where("audit_log.entity", "=", "order");
}

/** State changes and holding changes in [start, end), in the order they happened. */
export async function loadMoves(ctx: AppContext, start: number, end: number): Promise<Move[]> {
  const rows = await orderRecords(ctx)
    .where("audit_log.at", ">=", start)
    .where("audit_log.at", "<", end)
    .where((eb) => eb.or([stateChange(eb), eb("audit_log.action", "in", HOLDING_ACTIONS)]))
    // The id breaks ties of a clock that stood still.
    .orderBy("audit_log.at")
    .orderBy("audit_log.id")
    .execute();
  return rows.map(toMove);
}

/**
 * The orders in initial review or with the bureau when the range starts: each
 * one's last state change before it (whose time starts the stretch), then the
 * holding changes of the queued ones before it (the last one says who holds it).
 */
export async function loadOpening(ctx: AppContext, start: number): Promise<Move[]> {
  const lastChange = ctx.db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.max("audit_log.id").as("id"))
    .where("audit_log.entity", "=", "order")
    .where("audit_log.at", "<", start)
    .where(stateChange)
    .groupBy("audit_log.entity_id");
  const rows = await orderRecords(ctx)
    .where("audit_log.id", "in", lastChange)
    .where("audit_log.to_state", "in", OPENING_STATES)
    .orderBy("audit_log.id")
    .execute();
  // Its reasons were counted in the range it happened in.
  const openings = rows.map((row) => ({ ...toMove(row), from: null, action: "opening" }));
  const queued = openings
    .filter((move) => IN_PROVIDER_REVIEW.has(move.to as never))
    .map((move) => move.orderId);
  const holdings: Move[] = [];
  for (const ids of chunked(queued)) {
    const found = await orderRecords(ctx)
      .where("audit_log.entity_id", "in", ids)
      .where("audit_log.action", "in", HOLDING_ACTIONS)
      .where("audit_log.at", "<", start)
      .orderBy("audit_log.at")
      .orderBy("audit_log.id")
      .execute();
    holdings.push(...found.map(toMove));
  }
  return [...openings, ...holdings];
}
