import { AppError, normalizeDomain } from "@openbeian/core";
import type { AppContext } from "../platform/context.ts";
import { maskCertificate } from "../platform/crypto.ts";
import { isUniqueViolation } from "../platform/db.ts";
import { newId } from "../platform/ids.ts";
import type { DomainTable } from "../platform/schema.ts";

export interface DomainInput {
  name: string;
  holderName: string;
  holderCertificateNumber: string;
  realNameVerifiedAt: string | null;
  expiresAt: string;
}

export async function addDomain(ctx: AppContext, accountId: string, input: DomainInput) {
  const name = normalizeDomain(input.name);
  if (!name) throw new AppError("VALIDATION_FAILED", [{ field: "name", problem: "domain" }]);
  const row: DomainTable = {
    id: newId(),
    account_id: accountId,
    name,
    holder_name: input.holderName.trim(),
    holder_certificate_enc: ctx.cipher.encrypt(input.holderCertificateNumber.trim().toUpperCase()),
    real_name_verified_at: input.realNameVerifiedAt ? Date.parse(input.realNameVerifiedAt) : null,
    expires_at: Date.parse(input.expiresAt),
    created_at: ctx.clock.now().getTime(),
  };
  try {
    await ctx.db.insertInto("domain").values(row).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("DOMAIN_TAKEN");
    throw error;
  }
  return presentDomain(ctx, row);
}

export async function listDomains(ctx: AppContext, accountId: string) {
  const rows = await ctx.db
    .selectFrom("domain")
    .selectAll()
    .where("account_id", "=", accountId)
    .orderBy("name")
    .execute();
  return rows.map((row) => presentDomain(ctx, row));
}

export async function getDomain(ctx: AppContext, accountId: string, id: string) {
  const row = await ctx.db
    .selectFrom("domain")
    .selectAll()
    .where("id", "=", id)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND");
  return presentDomain(ctx, row);
}

function presentDomain(ctx: AppContext, row: DomainTable) {
  return {
    id: row.id,
    name: row.name,
    holderName: row.holder_name,
    holderCertificateNumber: maskCertificate(ctx.cipher.decrypt(row.holder_certificate_enc)),
    realNameVerifiedAt:
      row.real_name_verified_at === null ? null : new Date(row.real_name_verified_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
  };
}
