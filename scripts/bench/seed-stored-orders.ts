import { makeResidentId, type OrderState } from "@openbeian/core";
import type { AppContext } from "../../packages/server/src/platform/context.ts";
import { newId } from "../../packages/server/src/platform/ids.ts";

/**
 * Fills the database with `count` orders spread over states and accounts, as a
 * provider's history would look, so the benchmark runs against a non-empty
 * database. Written straight to the tables in batches: this is setup, not the
 * thing measured.
 */
const STATES: OrderState[] = [
  "approved",
  "approved",
  "approved",
  "abandoned",
  "expired",
  "withdrawn",
  "approved",
];

/** Returns how many of the stored orders are approved, for the benchmark's final count. */
export async function seedStoredOrders(ctx: AppContext, count: number): Promise<number> {
  const now = ctx.clock.now().getTime();
  const batch = 500;
  const data = ctx.cipher.encryptJson({
    subject: {
      type: "personal",
      name: "历史订单",
      certificateNumber: makeResidentId("110105", "1985-06-15", "021"),
    },
  });
  for (let start = 0; start < count; start += batch) {
    const accounts = [];
    const orders = [];
    for (let i = start; i < Math.min(start + batch, count); i++) {
      const accountId = newId();
      accounts.push({
        id: accountId,
        kind: "customer" as const,
        type: "personal" as const,
        name: `历史客户${i}`,
        created_at: now,
      });
      orders.push({
        id: newId(),
        number: `OBHIST${String(i).padStart(8, "0")}`,
        account_id: accountId,
        type: "first_filing" as const,
        state: STATES[i % STATES.length] ?? "approved",
        version: 8,
        province_code: "11",
        subject_name: "历史订单",
        domains: `history-${i}.cn`,
        data_enc: data,
        returned_fields: null,
        active_account_id: null,
        revision: 1,
        expires_at: null,
        submitted_at: now,
        created_at: now,
        updated_at: now,
      });
    }
    await ctx.db.insertInto("account").values(accounts).execute();
    await ctx.db.insertInto("filing_order").values(orders).execute();
  }
  return Array.from({ length: count }, (_, i) => STATES[i % STATES.length]).filter(
    (state) => state === "approved",
  ).length;
}
