import { Form, theme } from "antd";
import type { ReactNode } from "react";
import { useLang } from "../../i18n";
import type { OrderView, Problem } from "../../types";
import { namePath, type FieldRenderer } from "../PersonFields";
import { isPathWithin } from "../fields";

/**
 * Renders one form field with its problems beside it: red for errors, orange
 * for warnings and for a field the reviewer returned (with the reason) or one
 * to update (`focus`, a watch finding's fields); a locked field (a returned
 * order's other fields, what the order's kind fixes) is disabled.
 */
export function useFieldRenderer(
  problems: Problem[],
  returnedFields: OrderView["returnedFields"],
  editable: (path: string) => boolean,
  focus: string[] = [],
): FieldRenderer {
  const { t, pick } = useLang();
  const { token } = theme.useToken();
  return (path, label, input, options) => {
    const own = problems.filter((problem) => problem.field === path);
    const reason = returnedFields.find((item) => isPathWithin(path, item.field));
    const focused = focus.some((item) => isPathWithin(path, item));
    const status = own.some((problem) => problem.severity === "error")
      ? "error"
      : own.length > 0 || reason || focused
        ? "warning"
        : undefined;
    // Beside a red field, its warnings stay orange.
    const warningStyle = status === "error" ? { color: token.colorWarning } : undefined;
    const help: ReactNode[] = [
      ...(reason ? [<span style={warningStyle}>{`${t("review.reason")}：${reason.reason}`}</span>] : []),
      ...(focused && !reason ? [<span style={warningStyle}>{t("kind.focusReason")}</span>] : []),
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
        className={reason || focused ? "field-returned" : undefined}
        data-path={path}
        data-focus={focused || undefined}
      >
        {input(!editable(path))}
      </Form.Item>
    );
  };
}
