import type { RegulatorOrderType } from "@openbeian/core";
import { Descriptions } from "antd";
import { useLang } from "../../i18n";
import type { OrderData } from "../../types";
import { RegulatorTypeText } from "./RegulatorTypeText";
import { SmsRecipients } from "./SmsRecipients";

/** What MIIT receives the order as and whom it texts, in two lines. */
export function KindFacts({
  type,
  expected,
  data,
}: {
  type: RegulatorOrderType | null;
  /** The type is the browser's reading of the edits, not yet the server's. */
  expected: boolean;
  data: OrderData;
}) {
  const { t } = useLang();
  return (
    <Descriptions
      size="small"
      column={1}
      style={{ marginTop: 8 }}
      items={[
        {
          key: "type",
          label: t("kind.regulatorType"),
          children: <RegulatorTypeText type={type} expected={expected && !!type} />,
        },
        { key: "sms", label: t("kind.sms"), children: <SmsRecipients type={type} data={data} /> },
      ]}
    />
  );
}
