import { phoneDigits, type OrderData } from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import type { Executor } from "../platform/db.ts";
import { headMobiles } from "../records/contacts.ts";
import type { Row } from "./batches.ts";
import { checkIndexColumn, matchIndexRows } from "./index-rows.ts";
import { openOrNull, resealColumns, updateRow } from "./sealed-values.ts";
import type { KeyTarget } from "./target.ts";

/**
 * Filed subjects: their sealed columns, the certificate's blind index (one
 * subject per certificate) and the blind indexes of their heads' mobiles (one
 * mobile per subject, `subject_contact`), all rewritten in the subject's batch.
 */
const COLUMNS = ["certificate_enc", "head_mobile_enc", "head_emergency_enc", "filing_enc"] as const;

export const subjectTarget: KeyTarget = {
  name: "subject",
  walk: { table: "subject", keys: ["id"] },
  sealedColumns: COLUMNS,
  async visit(pass, executor, row) {
    const { cipher } = pass.ctx;
    const changes = resealColumns(cipher, row, COLUMNS, pass.write, pass.tally);
    const certificate = openOrNull(cipher, row.certificate_enc);
    if (certificate !== null) {
      const wanted = cipher.blindIndex(certificate);
      if (checkIndexColumn(row.certificate_hash, wanted, pass.tally)) changes.certificate_hash = wanted;
    }
    if (pass.write) await updateRow(executor, "subject", { id: row.id }, changes, row);

    const subjectId = String(row.id);
    const stored = await executor
      .selectFrom("subject_contact")
      .select(["hash", "kind"])
      .where("subject_id", "=", subjectId)
      .execute();
    if (stored.length === 0) return;
    const mobiles = await mobilesOnRecord(pass.ctx, executor, row);
    const candidates = mobiles.map((value) => ({ kind: "mobile", value }));
    for (const replacement of matchIndexRows(cipher, stored, candidates, pass.tally)) {
      if (!pass.write) continue;
      await executor
        .deleteFrom("subject_contact")
        .where("hash", "=", replacement.from)
        .where("subject_id", "=", subjectId)
        .execute();
      await executor
        .insertInto("subject_contact")
        .values({ hash: replacement.to, subject_id: subjectId, kind: "mobile" })
        .onConflict((conflict) => conflict.columns(["hash", "subject_id"]).doNothing())
        .execute();
    }
  },
};

/**
 * Every mobile the subject's index rows can have come from: the subject's head, its
 * websites' heads (cancelled ones too), the filing as it stands, and every order that
 * filed or changed it (a change leaves the mobiles it replaced indexed).
 */
async function mobilesOnRecord(ctx: AppContext, executor: Executor, subject: Row): Promise<string[]> {
  const { cipher } = ctx;
  const subjectId = String(subject.id);
  const websites = await executor
    .selectFrom("website")
    .select(["head_mobile_enc", "order_id"])
    .where("subject_id", "=", subjectId)
    .execute();
  const orderIds = new Set(websites.map((website) => website.order_id));
  const changes = await executor
    .selectFrom("filing_order")
    .select("id")
    .where("subject_id", "=", subjectId)
    .execute();
  for (const order of changes) orderIds.add(order.id);
  const orders =
    orderIds.size === 0
      ? []
      : await executor
          .selectFrom("filing_order")
          .select("data_enc")
          .where("id", "in", [...orderIds])
          .execute();

  const mobiles = [subject.head_mobile_enc, ...websites.map((website) => website.head_mobile_enc)].map(
    (value) => phoneDigits(openOrNull(cipher, value) ?? ""),
  );
  for (const sealed of [subject.filing_enc, ...orders.map((order) => order.data_enc)]) {
    const json = openOrNull(cipher, sealed);
    if (json !== null) mobiles.push(...headMobiles(JSON.parse(json) as OrderData));
  }
  return [...new Set(mobiles.filter(Boolean))];
}
