import { AppError, type OrderData, type ServiceCodeState } from "@openbeian/core";
import type { ExpressionBuilder } from "kysely";
import type { Tx } from "../platform/db.ts";
import type { Database } from "../platform/schema.ts";

/**
 * Keeps the service codes in step with an order. A draft that names a code
 * binds it (so no other order can take it), if the account may use it (its own,
 * or granted to it); a code no longer named is released. `subjectId`: the filed
 * subject the order acts on, whose websites' codes are not the order's (filedCodes).
 */
export async function syncServiceCodeBindings(
  trx: Tx,
  accountId: string,
  orderId: string,
  subjectId: string | null,
  data: OrderData,
  now: number,
) {
  const named = referencedCodes(data, await filedCodes(trx, subjectId));
  let release = trx
    .updateTable("service_code")
    .set({ state: "unused", order_id: null, updated_at: now })
    .where("order_id", "=", orderId)
    .where("state", "=", "bound");
  if (named.length > 0) release = release.where("code", "not in", named);
  await release.execute();
  if (named.length === 0) return;
  await trx
    .updateTable("service_code")
    .set({ state: "bound", order_id: orderId, updated_at: now })
    .where("code", "in", named)
    .where((eb) => usableBy(eb, accountId))
    .where("state", "=", "unused")
    .execute();
}

/** Moves the order's codes to `to`, as the transition table asks (`subjectId` as for syncServiceCodeBindings). */
export async function moveServiceCodes(
  trx: Tx,
  orderId: string,
  subjectId: string | null,
  data: OrderData,
  to: ServiceCodeState,
  now: number,
) {
  if (to === "unused") {
    await trx
      .updateTable("service_code")
      .set({ state: "unused", order_id: null, updated_at: now })
      .where("order_id", "=", orderId)
      .where("state", "in", ["bound", "in_filing"])
      .execute();
    return;
  }
  const from: ServiceCodeState[] = to === "used" ? ["in_filing"] : ["bound", "in_filing"];
  await trx
    .updateTable("service_code")
    .set({ state: to, order_id: orderId, updated_at: now })
    .where("order_id", "=", orderId)
    .where("state", "in", from)
    .execute();
  const named = referencedCodes(data, await filedCodes(trx, subjectId));
  if (named.length === 0) return;
  const held = await trx
    .selectFrom("service_code")
    .select("code")
    .where("order_id", "=", orderId)
    .where("state", "=", to)
    .where("code", "in", named)
    .execute();
  if (held.length !== named.length) throw new AppError("SERVICE_CODE_UNAVAILABLE");
}

/**
 * Codes an account may file with: its own that it has not granted to another
 * account, and those another account granted to it (授权备案服务号).
 */
export function usableBy(eb: ExpressionBuilder<Database, "service_code">, accountId: string) {
  return eb.or([
    eb.and([
      eb("service_code.account_id", "=", accountId),
      eb("service_code.granted_to_account_id", "is", null),
    ]),
    eb("service_code.granted_to_account_id", "=", accountId),
  ]);
}

/**
 * The codes a filed subject's websites already used: an order on the filing (a
 * change) names them for the websites it keeps where they are; only a new code
 * (a change of access) is the order's to bind.
 */
async function filedCodes(trx: Tx, subjectId: string | null): Promise<string[]> {
  if (!subjectId) return [];
  const rows = await trx
    .selectFrom("website")
    .select("service_code")
    .where("subject_id", "=", subjectId)
    .where("status", "=", "filed")
    .execute();
  return rows.map((row) => row.service_code);
}

function referencedCodes(data: OrderData, alreadyFiled: readonly string[]): string[] {
  const filed = new Set(alreadyFiled);
  return [
    ...new Set(
      (data.websites ?? [])
        .map((website) => website.serviceCode?.trim())
        .filter((code): code is string => !!code && !filed.has(code)),
    ),
  ];
}
