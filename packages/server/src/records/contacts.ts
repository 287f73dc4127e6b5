import { phoneDigits, type OrderData } from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import type { Executor } from "../platform/db.ts";

export function headMobiles(data: OrderData): string[] {
  const heads = [data.subject?.head, ...(data.websites ?? []).map((website) => website.head)];
  return [...new Set(heads.map((head) => phoneDigits(head?.mobile)).filter(Boolean))];
}

/** Indexes a filed subject's head mobiles so later orders can find them. */
export async function indexSubjectMobiles(
  ctx: AppContext,
  executor: Executor,
  subjectId: string,
  data: OrderData,
) {
  for (const mobile of headMobiles(data)) {
    await executor
      .insertInto("subject_contact")
      .values({ hash: ctx.cipher.blindIndex(mobile), subject_id: subjectId, kind: "mobile" })
      .onConflict((conflict) => conflict.columns(["hash", "subject_id"]).doNothing())
      .execute();
  }
}

/** The order's head mobiles that another filed subject already uses. */
export async function mobilesUsedElsewhere(
  ctx: AppContext,
  executor: Executor,
  data: OrderData,
  ownSubjectId: string | null,
) {
  const mobiles = headMobiles(data);
  if (mobiles.length === 0) return [];
  const byHash = new Map(mobiles.map((mobile) => [ctx.cipher.blindIndex(mobile), mobile]));
  let query = executor
    .selectFrom("subject_contact")
    .select("hash")
    .where("hash", "in", [...byHash.keys()]);
  if (ownSubjectId) query = query.where("subject_id", "!=", ownSubjectId);
  const rows = await query.execute();
  return rows.map((row) => byHash.get(row.hash) ?? "").filter(Boolean);
}
