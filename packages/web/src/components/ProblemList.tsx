import { Alert } from "antd";
import { useLang } from "../i18n";
import type { OrderData, Problem } from "../types";
import { fieldLabel, fieldPaths } from "./fields";

/**
 * The pre-check's problems as a list: errors first, then warnings; within each,
 * the particular findings before the plain "required" ones, in the form's order.
 * `label` names a problem's field where it is not an order field (the footer check's).
 */
export function ProblemList({
  problems,
  title,
  label,
}: {
  problems: Problem[];
  title?: string;
  label?: (field: string) => string;
}) {
  const { t, pick } = useLang();
  if (problems.length === 0) return null;
  const errors = problems.filter((problem) => problem.severity === "error");
  return (
    <Alert
      type={errors.length > 0 ? "error" : "warning"}
      showIcon
      title={title ?? t(errors.length > 0 ? "order.problems" : "order.warnings")}
      description={
        <ul className="problem-list" style={{ margin: 0, paddingInlineStart: 20 }}>
          {sortProblems(problems).map((problem, index) => (
            <li
              key={`${problem.field}-${problem.ruleId}-${index}`}
              data-field={problem.field}
              data-severity={problem.severity}
            >
              <b>{label ? label(problem.field) : fieldLabel(problem.field, t)}</b>：{pick(problem.message)}
            </li>
          ))}
        </ul>
      }
      style={{ marginBottom: 16 }}
    />
  );
}

const isRequired = (problem: Problem) => problem.ruleId === "required";

function sortProblems(problems: Problem[]): Problem[] {
  const sites = Math.max(
    0,
    ...problems.map((problem) => Number(/^websites\.(\d+)\./.exec(problem.field)?.[1] ?? 0)),
  );
  const paths = fieldPaths({
    subject: { type: "organization" },
    websites: Array.from({ length: sites + 1 }, () => ({})),
  } as OrderData);
  const position = (field: string) => {
    const index = paths.indexOf(field);
    return index < 0 ? paths.length : index;
  };
  const rank = (problem: Problem) => [
    problem.severity === "error" ? 0 : 1,
    isRequired(problem) ? 1 : 0,
    position(problem.field),
  ];
  return problems
    .map((problem, index) => ({ problem, index, key: rank(problem) }))
    .sort((a, b) => {
      for (const [i, value] of a.key.entries()) {
        const diff = value - (b.key[i] ?? 0);
        if (diff !== 0) return diff;
      }
      return a.index - b.index;
    })
    .map((item) => item.problem);
}
