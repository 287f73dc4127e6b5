import { SendOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Space, Tag, Typography } from "antd";
import { useLang } from "../../i18n";
import type { OrderView } from "../../types";

interface Props {
  view: OrderView;
  /** Sends the transfer (shown while it is a draft). */
  onSubmit: () => void;
  busy: boolean;
}

/**
 * A transfer's page body instead of a wizard (转移备案): the subject and websites that move,
 * the receiving account's ID, what acceptance needs and does, and while it is a draft the
 * button that sends it. While it waits (待对方接收) the owner may withdraw it (the page's 撤销转移).
 */
export function TransferOrderPanel({ view, onSubmit, busy }: Props) {
  const { t } = useLang();
  const draft = view.state === "draft";
  const waiting = view.state === "awaiting_acceptance";
  const tone = view.state === "declined" ? "warning" : view.state === "approved" ? "success" : "info";
  return (
    <Card
      title={t("transfer.order.title")}
      style={{ marginBottom: 16 }}
      data-testid="transfer-order"
      data-state={view.state}
    >
      <Descriptions
        bordered
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        styles={{ label: { width: 160, whiteSpace: "nowrap" } }}
        items={[
          { key: "subject", label: t("filing.subject"), children: view.data.subject?.name ?? "—" },
          {
            key: "websites",
            label: t("transfer.order.websites"),
            children:
              view.domains.length > 0 ? view.domains.map((domain) => <Tag key={domain}>{domain}</Tag>) : "—",
          },
          {
            key: "to",
            label: t("transfer.order.to"),
            children: (
              <Typography.Text code copyable={!!view.transferTo} data-testid="transfer-to">
                {view.transferTo ?? "—"}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Alert
        type={tone}
        showIcon
        style={{ marginBottom: draft ? 16 : 0 }}
        title={t(`transfer.order.state.${view.state}`, t("transfer.order.state.other"))}
        description={waiting || draft ? t("transfer.order.how") : undefined}
      />
      {draft ? (
        <Space>
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={busy}
            onClick={onSubmit}
            data-testid="submit-transfer"
          >
            {t("transfer.order.send")}
          </Button>
        </Space>
      ) : null}
    </Card>
  );
}
