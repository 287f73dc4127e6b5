import { DAY_MS, HOUR_MS, IN_PROVIDER_REVIEW } from "@openbeian/core";
import { maskText } from "../audit/mask.ts";
import type { AppContext } from "../platform/context.ts";
import { loadSlas } from "./sla.ts";
import { bucketOf, makeBuckets, quantile, round2, type Bucket, type BucketKind } from "./stats-buckets.ts";
import { loadMoves, loadOpening, type Move } from "./stats-history.ts";

/**
 * The supervisors' dashboard, computed from the audit log, where every state
 * change of an order is one record with its from/to state, actor and detail.
 * The orders' state when the range begins plus the changes inside it, replayed
 * in time order, give the queue at the end of each bucket, every stretch in
 * initial review ((re)submission → decision) and every bureau review (SMS
 * verified → bureau decision). SLA breaches come from the queue's own SLA clock
 * (sla.ts), so the dashboard and the queue agree on which orders are late.
 */
export interface StatsQuery {
  /** China calendar dates, both included. */
  from: string;
  to: string;
  bucket: BucketKind;
}

export interface ReviewStats {
  queueSize: { at: string; waiting: number; inReview: number }[];
  slaBreaches: { at: string; breaches: number }[];
  reviewTimePerReviewer: {
    reviewer: { id: string; displayName: string };
    decisions: number;
    medianHours: number;
    p90Hours: number;
  }[];
  bureauTimePerProvince: { province: string | null; decided: number; medianDays: number }[];
  topReturnReasons: { reason: string; count: number }[];
  topRejectionReasons: { reason: string; count: number; by: "provider" | "bureau" }[];
}

const DECISIONS: ReadonlySet<string> = new Set(["approve", "return", "reject"]);
const BUREAU_DECISIONS: ReadonlySet<string> = new Set(["bureau_approved", "bureau_rejected"]);
const TOP_REASONS = 10;

const inQueue = (state: string | null) => state !== null && IN_PROVIDER_REVIEW.has(state as never);

export async function reviewStats(ctx: AppContext, query: StatsQuery): Promise<ReviewStats> {
  const buckets = makeBuckets(query.from, query.to, query.bucket);
  const rangeStart = buckets[0]?.start ?? 0;
  const rangeEnd = buckets.at(-1)?.end ?? 0;
  const now = ctx.clock.now().getTime();
  const [opening, moves] = await Promise.all([
    loadOpening(ctx, rangeStart),
    loadMoves(ctx, rangeStart, rangeEnd),
  ]);

  /** Orders in initial review now, with the time they arrived. */
  const queue = new Map<string, number>();
  /** Who holds each order (a claim survives a return; see assignment.ts). */
  const holder = new Map<string, string | null>();
  const reviewedOrders = new Set<string>();
  const bureauSince = new Map<string, number>();
  const reviewHours = new Map<string, number[]>();
  const bureauDays = new Map<string | null, number[]>();
  const reasons = new ReasonCounts();

  const apply = (move: Move) => {
    if (move.action === "claim") holder.set(move.orderId, move.actorUserId);
    if (move.action === "assign") holder.set(move.orderId, assigneeOf(move));
    if (move.action === "release") holder.set(move.orderId, null);
    if (move.to === null || move.from === move.to) return;
    const arrived = queue.get(move.orderId);
    if (arrived !== undefined && inQueue(move.from)) {
      queue.delete(move.orderId);
      if (DECISIONS.has(move.action) && move.actorKind === "reviewer" && move.actorUserId) {
        push(reviewHours, move.actorUserId, (move.at - arrived) / HOUR_MS);
      }
    }
    if (inQueue(move.to) && !inQueue(move.from)) {
      queue.set(move.orderId, move.at);
      reviewedOrders.add(move.orderId);
    }
    const verified = bureauSince.get(move.orderId);
    if (verified !== undefined && move.from === "bureau_review") {
      bureauSince.delete(move.orderId);
      if (BUREAU_DECISIONS.has(move.action)) push(bureauDays, move.province, (move.at - verified) / DAY_MS);
    }
    if (move.to === "bureau_review") bureauSince.set(move.orderId, move.at);
    reasons.count(move);
  };

  for (const move of opening) apply(move);
  const queueSize: ReviewStats["queueSize"] = [];
  let next = 0;
  for (const bucket of buckets) {
    // The queue as it stands at the bucket's end, or now for the bucket under way.
    const until = Math.min(bucket.end, now);
    for (let move = moves[next]; move && move.at < until; move = moves[++next]) apply(move);
    const held = [...queue.keys()].filter((orderId) => holder.get(orderId)).length;
    queueSize.push({ at: bucket.at, waiting: queue.size - held, inReview: held });
  }
  for (let move = moves[next]; move; move = moves[++next]) apply(move);

  return {
    queueSize,
    slaBreaches: await slaBreaches(ctx, buckets, [...reviewedOrders]),
    reviewTimePerReviewer: await perReviewer(ctx, reviewHours),
    bureauTimePerProvince: [...bureauDays]
      .map(([province, days]) => {
        const sorted = days.sort((a, b) => a - b);
        return { province, decided: sorted.length, medianDays: round2(quantile(sorted, 0.5)) };
      })
      .sort((a, b) => b.decided - a.decided || String(a.province).localeCompare(String(b.province))),
    topReturnReasons: top(reasons.returns).map(([reason, count]) => ({ reason, count })),
    topRejectionReasons: (["provider", "bureau"] as const)
      .flatMap((by) => top(reasons.rejections[by]).map(([reason, count]) => ({ reason, count, by })))
      .sort((a, b) => b.count - a.count || a.by.localeCompare(b.by) || a.reason.localeCompare(b.reason)),
  };
}

function assigneeOf(move: Move): string | null {
  const detail = JSON.parse(move.detail) as { assigneeUserId?: unknown };
  return typeof detail.assigneeUserId === "string" ? detail.assigneeUserId : null;
}

function push<K>(map: Map<K, number[]>, key: K, value: number) {
  const values = map.get(key);
  if (values) values.push(value);
  else map.set(key, [value]);
}

/** Reasons are free text: trimmed, masked like the audit search, counted as written. */
class ReasonCounts {
  readonly returns = new Map<string, number>();
  readonly rejections = { provider: new Map<string, number>(), bureau: new Map<string, number>() };

  count(move: Move) {
    if (move.action !== "return" && move.action !== "reject" && move.action !== "bureau_rejected") return;
    const detail = JSON.parse(move.detail) as {
      fields?: { reason?: unknown }[];
      reason?: unknown;
      reasons?: unknown[];
    };
    if (move.action === "return") for (const field of detail.fields ?? []) add(this.returns, field.reason);
    if (move.action === "reject") add(this.rejections.provider, detail.reason);
    if (move.action === "bureau_rejected") {
      for (const reason of detail.reasons ?? []) add(this.rejections.bureau, reason);
    }
  }
}

function add(counts: Map<string, number>, reason: unknown) {
  if (typeof reason !== "string" || !reason.trim()) return;
  const key = maskText(reason.trim());
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function top(counts: Map<string, number>): [string, number][] {
  return [...counts]
    .sort(([reasonA, a], [reasonB, b]) => b - a || reasonA.localeCompare(reasonB))
    .slice(0, TOP_REASONS);
}

/**
 * An order breaches the SLA once: at the instant its review clock used up the
 * budget (`dueAt` of a breached clock). Counted in the bucket of that instant.
 * Orders whose clock cannot be computed (no calendar for a year) are left out,
 * as the queue leaves their clock empty.
 */
async function slaBreaches(
  ctx: AppContext,
  buckets: readonly Bucket[],
  orderIds: readonly string[],
): Promise<ReviewStats["slaBreaches"]> {
  const clocks = await loadSlas(ctx, ctx.db, orderIds);
  const counts = new Map<string, number>();
  for (const clock of clocks.values()) {
    if (!clock?.breached || clock.dueAt === null) continue;
    const bucket = bucketOf(buckets, Date.parse(clock.dueAt));
    if (bucket) counts.set(bucket.at, (counts.get(bucket.at) ?? 0) + 1);
  }
  return buckets.map((bucket) => ({ at: bucket.at, breaches: counts.get(bucket.at) ?? 0 }));
}

async function perReviewer(ctx: AppContext, hours: Map<string, number[]>) {
  const ids = [...hours.keys()];
  const names = ids.length
    ? await ctx.db.selectFrom("app_user").select(["id", "display_name"]).where("id", "in", ids).execute()
    : [];
  const nameOf = new Map(names.map((row) => [row.id, row.display_name]));
  return [...hours]
    .map(([id, values]) => {
      const sorted = values.sort((a, b) => a - b);
      return {
        reviewer: { id, displayName: nameOf.get(id) ?? id },
        decisions: sorted.length,
        medianHours: round2(quantile(sorted, 0.5)),
        p90Hours: round2(quantile(sorted, 0.9)),
      };
    })
    .sort(
      (a, b) => b.decisions - a.decisions || a.reviewer.displayName.localeCompare(b.reviewer.displayName),
    );
}
