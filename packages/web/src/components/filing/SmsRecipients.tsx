import { MessageOutlined } from "@ant-design/icons";
import { Space, Tag, Typography } from "antd";
import type { RegulatorOrderType } from "@openbeian/core";
import { useLang } from "../../i18n";
import type { OrderData } from "../../types";
import { sendsSms, smsPeople } from "./orderKinds";

/**
 * Who MIIT will text for this order (core SMS_MATRIX): each person once, with the roles they
 * hold and the masked mobile; or that no SMS is needed; or, for a change with nothing changed
 * yet, that it depends on the edits.
 */
export function SmsRecipients({ type, data }: { type: RegulatorOrderType | null; data: OrderData }) {
  const { t } = useLang();
  if (!type) {
    return (
      <Typography.Text type="secondary" data-testid="sms-recipients" data-sms="unknown">
        {t("kind.smsUnknown")}
      </Typography.Text>
    );
  }
  if (!sendsSms(type)) {
    return (
      <Typography.Text data-testid="sms-recipients" data-sms="none">
        {t("kind.smsNone")}
      </Typography.Text>
    );
  }
  return (
    <Space orientation="vertical" size={2} data-testid="sms-recipients" data-sms="some">
      {smsPeople(type, data).map((person, index) => (
        <span key={index} data-testid="sms-person" data-roles={person.roles.join(",")}>
          <MessageOutlined style={{ color: "#1677ff", marginInlineEnd: 6 }} />
          {person.roles.map((role) => (
            <Tag key={role}>{t(`kind.role.${role}`)}</Tag>
          ))}
          {person.name ?? <Typography.Text type="secondary">{t("kind.headPending")}</Typography.Text>}
          {person.mobile ? <Typography.Text type="secondary">（{person.mobile}）</Typography.Text> : null}
        </span>
      ))}
    </Space>
  );
}
