import { Form, theme } from "antd";
import type { ReactNode } from "react";
import { useLang } from "../../i18n";
import type { OrderView, Problem } from "../../types";
import { namePath, type FieldRenderer } from "../PersonFields";
import { isPathWithin } from "../fields";

/**
 * Renders one form field with its problems beside it: red for errors, orange
 * for warnings and for a field the reviewer returned (with the reason); a
 * locked field (a returned order's other fields) is disabled.
 */
export function useFieldRenderer(
  problems: Problem[],
  returnedFields: OrderView["returnedFields"],
  editable: (path: string) => boolean,
): FieldRenderer {
  const { t, pick } = useLang();
  const { token } = theme.useToken();
  return (path, label, input, options) => {
    const own = problems.filter((problem) => problem.field === path);
    const reason = returnedFields.find((item) => isPathWithin(path, item.field));
    const status = own.some((problem) => problem.severity === "error")
      ? "error"
      : own.length > 0 || reason
        ? "warning"
        : undefined;
    // Beside a red field, its warnings stay orange.
    const warningStyle = status === "error" ? { color: token.colorWarning } : undefined;
    const help: ReactNode[] = [
      ...(reason ? [<span style={warningStyle}>{`${t("review.reason")}：${reason.reason}`}</span>] : []),
      ...own.map((problem) => (
        <span
          data-severity={problem.severity}
          style={problem.severity === "warning" ? warningStyle : undefined}
        >
          {pick(problem.message)}
        </span>
      )),
    ];
    return (
      <Form.Item
        name={namePath(path)}
        label={label}
        valuePropName={options?.valuePropName}
        validateStatus={status}
        help={help.length > 0 ? help.map((line, index) => <div key={index}>{line}</div>) : undefined}
        className={reason ? "field-returned" : undefined}
        data-path={path}
      >
        {input(!editable(path))}
      </Form.Item>
    );
  };
}
