import { Typography } from "antd";
import type { CSSProperties } from "react";
import { useLang } from "../../i18n";
import type { Problem } from "../../types";

/** "实时检查：2个错误，1个提示", the live check's tally. */
export function LiveCheckLine({ problems, style }: { problems: Problem[]; style?: CSSProperties }) {
  const { t } = useLang();
  const errors = problems.filter((problem) => problem.severity === "error").length;
  const warnings = problems.length - errors;
  return (
    <Typography.Text
      type={errors > 0 ? "danger" : warnings > 0 ? "warning" : "success"}
      style={{ fontSize: 12, ...style }}
      data-testid="live-check"
      data-errors={errors}
      data-warnings={warnings}
      role="status"
    >
      {t("form.liveCheck", {
        errors: t("form.liveErrors", { count: errors }),
        warnings: t("form.liveWarnings", { count: warnings }),
      })}
    </Typography.Text>
  );
}
