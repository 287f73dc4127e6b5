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
  // Under every key of the ring: during a key rotation some rows still carry a previous key's index.
  const byHash = new Map(
    mobiles.flatMap((mobile) => ctx.cipher.blindIndexes(mobile).map((hash) => [hash, mobile] as const)),
  );
  let query = executor
    .selectFrom("subject_contact")
    .select("hash")
    .where("hash", "in", [...byHash.keys()]);
  if (ownSubjectId) query = query.where("subject_id", "!=", ownSubjectId);
  const rows = await query.execute();
  return rows.map((row) => byHash.get(row.hash) ?? "").filter(Boolean);
}

export interface ContactEntry {
  kind: "mobile" | "email";
  /** Normalised: the mobile's digits, the e-mail trimmed and lower-cased. */
  value: string;
  /** The blind index under the current key: what is stored. */
  hash: string;
  /** …and under every key of the ring, the current first: what lookups match during a key rotation. */
  hashes: string[];
}

/** The heads' mobiles and e-mails of an order, with their blind indexes. */
export function orderContacts(ctx: AppContext, data: OrderData): ContactEntry[] {
  const heads = [data.subject?.head, ...(data.websites ?? []).map((website) => website.head)];
  const emails = heads
    .map((head) => head?.email?.trim().toLowerCase() ?? "")
    .filter((email) => email.includes("@"));
  return [
    ...headMobiles(data).map((value) => contactEntry(ctx, "mobile", value)),
    ...[...new Set(emails)].map((value) => contactEntry(ctx, "email", value)),
  ];
}

function contactEntry(ctx: AppContext, kind: ContactEntry["kind"], value: string): ContactEntry {
  const hashes = ctx.cipher.blindIndexes(value);
  return { kind, value, hash: hashes[0]!, hashes };
}

/**
 * Indexes a submitted order's contacts (replacing the previous submission's), so the review's
 * risk signals find the same mobile or e-mail in another account's order by equality on the HMAC.
 */
export async function indexOrderContacts(
  ctx: AppContext,
  executor: Executor,
  orderId: string,
  data: OrderData,
) {
  await executor.deleteFrom("order_contact").where("order_id", "=", orderId).execute();
  const rows = orderContacts(ctx, data).map((contact) => ({
    hash: contact.hash,
    order_id: orderId,
    kind: contact.kind,
  }));
  if (rows.length > 0) await executor.insertInto("order_contact").values(rows).execute();
}
