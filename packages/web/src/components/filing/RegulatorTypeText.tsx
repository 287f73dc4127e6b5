import type { RegulatorOrderType } from "@openbeian/core";
import { Typography } from "antd";
import { useLang } from "../../i18n";

/**
 * 变更主体 …, what MIIT receives the order as; "按当前修改" while it is only expected; for a change
 * with nothing changed yet (no type), that it follows from the edits.
 */
export function RegulatorTypeText({
  type,
  expected,
}: {
  type: RegulatorOrderType | null;
  expected: boolean;
}) {
  const { t } = useLang();
  if (!type) {
    return <Typography.Text type="secondary">{t("kind.smsUnknown")}</Typography.Text>;
  }
  return (
    <span data-testid="regulator-type" data-type={type}>
      <Typography.Text strong>{t(`kind.regulatorTypes.${type}`)}</Typography.Text>
      {expected ? <Typography.Text type="secondary">（{t("kind.expected")}）</Typography.Text> : null}
    </span>
  );
}
