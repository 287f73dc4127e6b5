import { randomInt } from "node:crypto";
import { AppError, SERVICE_CODES_PER_SERVER, serverEligibility, type BillingType } from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import { isUniqueViolation } from "../platform/db.ts";
import { newId } from "../platform/ids.ts";
import type { ServerTable, ServiceCodeTable } from "../platform/schema.ts";
import { ownCodesQuery, presentOwnCode, type OwnCodeRow } from "./service-codes.ts";

export interface ServerInput {
  instanceId: string;
  region: string;
  product: string;
  billingType: BillingType;
  paidFrom: string;
  paidUntil: string;
  autoRenew: boolean;
  publicIp: string | null;
}

/**
 * Registers a server. An eligible one yields its five single-use filing service
 * codes at once (fact base §6); an ineligible one is kept with its reasons.
 */
export async function addServer(ctx: AppContext, accountId: string, input: ServerInput) {
  const now = ctx.clock.now();
  const row: ServerTable = {
    id: newId(),
    account_id: accountId,
    instance_id: input.instanceId.trim(),
    region: input.region,
    product: input.product,
    billing_type: input.billingType,
    paid_from: Date.parse(input.paidFrom),
    paid_until: Date.parse(input.paidUntil),
    auto_renew: input.autoRenew ? 1 : 0,
    public_ip: input.publicIp,
    created_at: now.getTime(),
  };
  if (row.paid_until <= row.paid_from) {
    throw new AppError("VALIDATION_FAILED", [{ field: "paidUntil", problem: "must be after paidFrom" }]);
  }
  const eligible = serverEligibility(toFacts(row), now).length === 0;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto("server").values(row).execute();
      if (!eligible) return;
      const codes: ServiceCodeTable[] = Array.from({ length: SERVICE_CODES_PER_SERVER }, () => ({
        code: newServiceCode(),
        server_id: row.id,
        account_id: accountId,
        state: "unused",
        order_id: null,
        updated_at: now.getTime(),
        granted_to_account_id: null,
        granted_to_user_id: null,
        granted_by_user_id: null,
        granted_at: null,
      }));
      await trx.insertInto("service_code").values(codes).execute();
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("VALIDATION_FAILED", [{ field: "instanceId", problem: "already registered" }]);
    }
    throw error;
  }
  return getServer(ctx, accountId, row.id);
}

export async function listServers(ctx: AppContext, accountId: string) {
  const rows = await ctx.db
    .selectFrom("server")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("created_at")
    .execute();
  const codes = await ownCodesQuery(ctx.db).where("service_code.account_id", "=", accountId).execute();
  return rows.map((row) =>
    presentServer(
      ctx,
      row,
      codes.filter((code) => code.server_id === row.id),
    ),
  );
}

export async function getServer(ctx: AppContext, accountId: string, id: string) {
  const row = await ctx.db
    .selectFrom("server")
    .selectAll()
    .where("id", "=", id)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND");
  const codes = await ownCodesQuery(ctx.db).where("service_code.server_id", "=", id).execute();
  return presentServer(ctx, row, codes);
}

export function toFacts(row: ServerTable) {
  return {
    region: row.region,
    billingType: row.billing_type,
    paidFrom: new Date(row.paid_from),
    paidUntil: new Date(row.paid_until),
    autoRenew: row.auto_renew === 1,
    publicIp: row.public_ip,
  };
}

function presentServer(ctx: AppContext, row: ServerTable, codes: OwnCodeRow[]) {
  const reasons = serverEligibility(toFacts(row), ctx.clock.now());
  return {
    id: row.id,
    instanceId: row.instance_id,
    region: row.region,
    product: row.product,
    billingType: row.billing_type,
    paidFrom: new Date(row.paid_from).toISOString(),
    paidUntil: new Date(row.paid_until).toISOString(),
    autoRenew: row.auto_renew === 1,
    publicIp: row.public_ip,
    eligible: reasons.length === 0,
    ineligibleReasons: reasons,
    serviceCodes: codes.map(presentOwnCode),
  };
}

// Without 0/O and 1/I/L so a code read over the phone is unambiguous.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

function newServiceCode(): string {
  let code = "";
  for (let i = 0; i < 12; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}
