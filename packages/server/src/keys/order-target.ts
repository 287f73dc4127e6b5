import type { OrderData } from "@openbeian/core";
import { subjectHash } from "../filing/orders.ts";
import { orderContacts } from "../records/contacts.ts";
import { checkIndexColumn, matchIndexRows, type Candidate } from "./index-rows.ts";
import { openOrNull, resealColumns, updateRow } from "./sealed-values.ts";
import type { KeyTarget } from "./target.ts";

/**
 * Filing orders: the sealed order data, the subject's blind index (one order per
 * subject at MIIT) and the blind indexes of the submitted heads' mobiles and
 * e-mails (`order_contact`, the review's risk signals). The revisions' sealed
 * data is its own target (order_revision).
 */
export const orderTarget: KeyTarget = {
  name: "filing_order",
  walk: { table: "filing_order", keys: ["id"] },
  sealedColumns: ["data_enc"],
  async visit(pass, executor, row) {
    const { ctx } = pass;
    const changes = resealColumns(ctx.cipher, row, ["data_enc"], pass.write, pass.tally);
    const data = parsed(openOrNull(ctx.cipher, row.data_enc));
    // Orders from before the subject's index existed keep none: nothing is added here.
    if (data && row.subject_hash !== null) {
      const wanted = subjectHash(ctx, data);
      if (checkIndexColumn(row.subject_hash, wanted, pass.tally)) changes.subject_hash = wanted;
    }
    if (pass.write) await updateRow(executor, "filing_order", { id: row.id }, changes, row);

    const orderId = String(row.id);
    const stored = await executor
      .selectFrom("order_contact")
      .select(["hash", "kind"])
      .where("order_id", "=", orderId)
      .execute();
    if (stored.length === 0) return;
    // Indexed from the data as last submitted, which is the latest revision's.
    const latest = await executor
      .selectFrom("order_revision")
      .select("data_enc")
      .where("order_id", "=", orderId)
      .orderBy("revision", "desc")
      .limit(1)
      .executeTakeFirst();
    const candidates: Candidate[] = [data, parsed(openOrNull(ctx.cipher, latest?.data_enc))].flatMap(
      (version) => (version ? orderContacts(ctx, version).map(({ kind, value }) => ({ kind, value })) : []),
    );
    for (const replacement of matchIndexRows(ctx.cipher, stored, candidates, pass.tally)) {
      if (!pass.write) continue;
      const kind = replacement.kind as "mobile" | "email";
      await executor
        .deleteFrom("order_contact")
        .where("hash", "=", replacement.from)
        .where("order_id", "=", orderId)
        .where("kind", "=", kind)
        .execute();
      await executor
        .insertInto("order_contact")
        .values({ hash: replacement.to, order_id: orderId, kind })
        .onConflict((conflict) => conflict.columns(["hash", "order_id", "kind"]).doNothing())
        .execute();
    }
  },
};

function parsed(json: string | null): OrderData | null {
  return json === null ? null : (JSON.parse(json) as OrderData);
}
