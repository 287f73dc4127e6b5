import { ADMIN_SOURCE, type ProvinceRuleRow } from "@openbeian/core";
import type { Executor } from "../platform/db.ts";

/** The admin overrides in force (not revoked), as rule rows for the resolver. */
export async function activeOverrides(executor: Executor): Promise<ProvinceRuleRow[]> {
  const rows = await executor
    .selectFrom("province_rule_override")
    .selectAll()
    .where("revoked_at", "is", null)
    .execute();
  return rows.map(
    (row) =>
      ({
        province: row.province,
        rule: row.rule,
        value: JSON.parse(row.value) as unknown,
        source: ADMIN_SOURCE,
        effectiveFrom: row.effective_from,
        note: row.reason,
      }) as ProvinceRuleRow,
  );
}
