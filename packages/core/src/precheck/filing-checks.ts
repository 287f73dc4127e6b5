import { changeProblems } from "../filing/change-rules.ts";
import { changedPaths } from "../filing/order-data.ts";
import type { CheckEnv } from "./env.ts";

/**
 * Orders that act on a filing are judged against it (fact base §1.3, §1.4): a
 * change may not move province, certificate or subject type nor add domains; an
 * added website comes under the subject as filed, whose data cannot change in
 * the same order ("do the change first").
 */
export function checkAgainstFiling(env: CheckEnv): void {
  const { filing, orderType } = env.context;
  if (!filing) return;
  if (orderType === "change") {
    for (const problem of changeProblems(filing, env.order)) {
      env.out.add(problem.ruleId, problem.field, problem.message, problem.source);
    }
    return;
  }
  if (
    (orderType === "add_website" || orderType === "app") &&
    changedPaths(filing.subject, env.order.subject).length > 0
  ) {
    env.out.add(
      `${orderType}.subject_changed`,
      "subject",
      {
        zh: "新增网站或App时不能修改主体信息：请先办理变更备案，完成后再新增",
        en: "An add-website or app order cannot change the subject: file a change first, then add",
      },
      "fact-base §1.3 [H-CHG] [T-CHG]",
    );
  }
}
