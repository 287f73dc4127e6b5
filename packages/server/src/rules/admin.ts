import {
  ADMIN_SOURCE,
  ALL_PROVINCE_RULE_ROWS,
  AppError,
  DEFAULT_RULES,
  PROVINCE_RULE_KEYS,
  provinceByCode,
  resolveProvinceRules,
  type ProvinceRuleKey,
} from "@openbeian/core";
import { writeAudit } from "../audit/audit-log.ts";
import type { Viewer } from "../identity/viewer.ts";
import type { AppContext } from "../platform/context.ts";
import { newId } from "../platform/ids.ts";
import { activeOverrides } from "./overrides.ts";

/**
 * Province rules as an administrator sees them: the shipped rows with their
 * sources, the admin overrides, and what results today. Overrides are stored,
 * revocable and audited; the pre-check picks them up on the next check.
 */
export async function provinceRulesView(ctx: AppContext, province: string) {
  const code = requireProvince(province);
  const overrides = await activeOverrides(ctx.db);
  const resolved = resolveProvinceRules(ALL_PROVINCE_RULE_ROWS, code, ctx.clock.now(), overrides);
  const rows = await ctx.db
    .selectFrom("province_rule_override")
    .selectAll()
    .where("province", "in", [code, "*"])
    .orderBy("created_at", "desc")
    .execute();
  return {
    province: code,
    rules: resolved.rules,
    sources: resolved.sources,
    conflicts: resolved.conflicts,
    rows: ALL_PROVINCE_RULE_ROWS.filter((row) => row.province === code || row.province === "*"),
    overrides: rows.map((row) => ({
      id: row.id,
      province: row.province,
      rule: row.rule,
      value: JSON.parse(row.value) as unknown,
      reason: row.reason,
      effectiveFrom: row.effective_from,
      createdBy: row.created_by,
      createdAt: new Date(row.created_at).toISOString(),
      revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at).toISOString(),
    })),
  };
}

export interface OverrideInput {
  province: string;
  rule: string;
  value: unknown;
  reason: string;
  effectiveFrom: string;
}

export async function addOverride(ctx: AppContext, viewer: Viewer, input: OverrideInput) {
  const province = input.province === "*" ? "*" : requireProvince(input.province);
  const rule = input.rule as ProvinceRuleKey;
  if (!PROVINCE_RULE_KEYS.includes(rule)) {
    throw new AppError("VALIDATION_FAILED", [
      { field: "rule", problem: "unknown rule", allowed: PROVINCE_RULE_KEYS },
    ]);
  }
  const example = DEFAULT_RULES.find((row) => row.rule === rule)?.value;
  if (!sameShape(example, input.value)) {
    throw new AppError("VALIDATION_FAILED", [{ field: "value", problem: "wrong type", example }]);
  }
  const id = newId();
  const now = ctx.clock.now().getTime();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("province_rule_override")
      .values({
        id,
        province,
        rule,
        value: JSON.stringify(input.value),
        reason: input.reason,
        effective_from: input.effectiveFrom,
        created_by: viewer.userId,
        created_at: now,
        revoked_at: null,
        revoked_by: null,
      })
      .execute();
    await writeAudit(trx, {
      at: now,
      actorKind: "admin",
      actorUserId: viewer.userId,
      accountId: viewer.accountId,
      entity: "province_rule",
      entityId: id,
      action: "override",
      detail: {
        province,
        rule,
        value: input.value,
        reason: input.reason,
        effectiveFrom: input.effectiveFrom,
        source: ADMIN_SOURCE,
      },
    });
  });
  return { id };
}

export async function revokeOverride(ctx: AppContext, viewer: Viewer, id: string, reason: string) {
  const now = ctx.clock.now().getTime();
  await ctx.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("province_rule_override")
      .set({ revoked_at: now, revoked_by: viewer.userId })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError("NOT_FOUND");
    await writeAudit(trx, {
      at: now,
      actorKind: "admin",
      actorUserId: viewer.userId,
      accountId: viewer.accountId,
      entity: "province_rule",
      entityId: id,
      action: "revoke",
      detail: { reason },
    });
  });
}

function requireProvince(value: string): string {
  const province = /^\d{2}(\d{4})?$/.test(value) ? provinceByCode(value) : undefined;
  if (!province) throw new AppError("NOT_FOUND", { province: value });
  return province.code;
}

/** The override must have the shape of the shipped value: number, boolean, string, list or object alike. */
function sameShape(example: unknown, value: unknown): boolean {
  if (example === null || example === undefined) return value === null || typeof value === "number";
  if (Array.isArray(example)) return Array.isArray(value);
  return (
    typeof example === typeof value &&
    (typeof value !== "object" || (value !== null && !Array.isArray(value)))
  );
}
