import { AppError, type OrderData, type OrderState, type ReturnedField } from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import type { Executor } from "../platform/db.ts";
import type { FilingOrderTable } from "../platform/schema.ts";

/** Loading and decoding order rows. Scoped loads make other accounts' orders "not found". */
export interface OrderScope {
  /** Restrict to this account (applicants); staff and the regulator load without one. */
  accountId?: string;
}

export async function loadOrder(
  executor: Executor,
  id: string,
  scope: OrderScope = {},
): Promise<FilingOrderTable> {
  let query = executor.selectFrom("filing_order").selectAll().where("id", "=", id);
  if (scope.accountId !== undefined) query = query.where("account_id", "=", scope.accountId);
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

export function orderState(row: FilingOrderTable): OrderState {
  return row.state as OrderState;
}

export function orderData(ctx: AppContext, row: Pick<FilingOrderTable, "data_enc">): OrderData {
  return ctx.cipher.decryptJson<OrderData>(row.data_enc);
}

export function returnedFields(row: FilingOrderTable): ReturnedField[] {
  return row.returned_fields ? (JSON.parse(row.returned_fields) as ReturnedField[]) : [];
}

/** The list columns derived from the data, kept in sync on every save. */
export function summaryColumns(data: OrderData) {
  const websites = data.websites ?? [];
  return {
    subject_name: data.subject?.name ?? null,
    province_code: data.subject?.divisionCode?.slice(0, 2) ?? null,
    domains: websites
      .map((website) => website.domain?.trim().toLowerCase())
      .filter(Boolean)
      .join(","),
  };
}
