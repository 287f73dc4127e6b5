import { Alert } from "antd";
import { useLang } from "../i18n";
import type { Problem } from "../types";
import { fieldLabel } from "./fields";

/** The submit checks' problems as a list: errors first, then warnings. */
export function ProblemList({ problems, title }: { problems: Problem[]; title?: string }) {
  const { t, pick } = useLang();
  if (problems.length === 0) return null;
  const errors = problems.filter((problem) => problem.severity === "error");
  const sorted = [...errors, ...problems.filter((problem) => problem.severity !== "error")];
  return (
    <Alert
      type={errors.length > 0 ? "error" : "warning"}
      showIcon
      title={title ?? t(errors.length > 0 ? "order.problems" : "order.warnings")}
      description={
        <ul className="problem-list" style={{ margin: 0, paddingInlineStart: 20 }}>
          {sorted.map((problem, index) => (
            <li key={`${problem.field}-${problem.ruleId}-${index}`} data-field={problem.field}>
              <b>{fieldLabel(problem.field, t)}</b>：{pick(problem.message)}
            </li>
          ))}
        </ul>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
