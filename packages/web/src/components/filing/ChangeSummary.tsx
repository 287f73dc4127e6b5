import type { RegulatorOrderType } from "@openbeian/core";
import { Alert, Card, Descriptions, Empty } from "antd";
import { useLang } from "../../i18n";
import type { OrderData } from "../../types";
import { DiffTable } from "../DiffTable";
import type { ChangeDiff } from "./changeDiff";
import { RegulatorTypeText } from "./RegulatorTypeText";
import { SmsRecipients } from "./SmsRecipients";

interface Props {
  diff: ChangeDiff;
  data: OrderData;
  /** The server's type once the initial review passed; before it the diff's. */
  regulatorType: RegulatorOrderType | null;
  title?: string;
}

/**
 * 变更内容: a change against the filing as it stands, field by field, the websites it removes,
 * what MIIT receives it as (变更主体 / 变更网站 / 变更接入 / both) and who MIIT texts for it.
 */
export function ChangeSummary({ diff, data, regulatorType, title }: Props) {
  const { t } = useLang();
  const type = regulatorType ?? diff.regulatorType;
  const nothing = diff.rows.length === 0 && diff.removed.length === 0;
  return (
    <Card title={title ?? t("kind.diffTitle")} style={{ marginBottom: 16 }} data-testid="change-summary">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        style={{ marginBottom: nothing ? 0 : 16 }}
        items={[
          {
            key: "type",
            label: t("kind.regulatorType"),
            children: <RegulatorTypeText type={type} expected={!regulatorType} />,
          },
          { key: "sms", label: t("kind.sms"), children: <SmsRecipients type={type} data={data} /> },
        ]}
      />
      {nothing ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("kind.diffEmpty")} />
      ) : (
        <>
          {diff.removed.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              title={`${t("kind.removed")}：${t("kind.removedNote", { domains: diff.removed.join("、") })}`}
              style={{ marginBottom: diff.rows.length > 0 ? 12 : 0 }}
              data-testid="change-removed"
            />
          ) : null}
          {diff.rows.length > 0 ? (
            <div data-testid="change-diff">
              <DiffTable rows={diff.rows} />
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}
