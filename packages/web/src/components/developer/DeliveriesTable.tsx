import { Button, Table, Tag, Typography } from "antd";
import { api } from "../../api";
import { useNotify } from "../../hooks";
import { useLang } from "../../i18n";
import { formatTime } from "../format";
import type { WebhookDelivery } from "./types";

const STATUS_COLOR = { pending: "processing", delivered: "success", failed: "error" } as const;

/** Deliveries with their attempts and last answer; the body on expanding a row; 重新投递. */
export function DeliveriesTable({
  items,
  loading,
  redeliverPath,
  onChanged,
  showAccount = false,
}: {
  items: WebhookDelivery[];
  loading: boolean;
  /** Where a delivery is redelivered: the account's route or the console's. */
  redeliverPath: (id: string) => string;
  onChanged: () => void;
  showAccount?: boolean;
}) {
  const { t } = useLang();
  const notify = useNotify();
  const redeliver = async (id: string) => {
    try {
      await api.post(redeliverPath(id));
      notify.ok(t("developer.redelivered"));
      onChanged();
    } catch (error) {
      notify.fail(error);
    }
  };
  return (
    <Table<WebhookDelivery>
      rowKey="id"
      size="small"
      scroll={{ x: "max-content" }}
      loading={loading}
      dataSource={items}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      data-testid="delivery-table"
      expandable={{
        expandedRowRender: (delivery) => (
          <Typography.Paragraph style={{ margin: 0 }}>
            <Typography.Text type="secondary">{t("developer.payload")}</Typography.Text>
            <pre style={{ margin: 0, whiteSpace: "pre-wrap" }}>
              {JSON.stringify(delivery.payload, null, 2)}
            </pre>
          </Typography.Paragraph>
        ),
      }}
      columns={[
        { title: t("developer.createdAt"), dataIndex: "createdAt", render: formatTime },
        ...(showAccount
          ? [
              { title: t("developer.account"), dataIndex: "accountId" },
              { title: t("developer.url"), dataIndex: "url" },
            ]
          : []),
        {
          title: t("developer.event"),
          dataIndex: "eventType",
          render: (type: string) => <code>{type}</code>,
        },
        {
          title: t("developer.status"),
          dataIndex: "status",
          render: (status: WebhookDelivery["status"]) => (
            <Tag color={STATUS_COLOR[status]}>{t(`developer.${status}`)}</Tag>
          ),
        },
        { title: t("developer.attempts"), dataIndex: "attempts" },
        {
          title: t("developer.lastCode"),
          dataIndex: "lastStatusCode",
          render: (code: number | null) => code ?? "—",
        },
        { title: t("developer.nextAttempt"), dataIndex: "nextAttemptAt", render: formatTime },
        {
          title: t("developer.error"),
          dataIndex: "lastError",
          render: (error: string | null) =>
            error ? <Typography.Text type="danger">{error}</Typography.Text> : "—",
        },
        {
          title: "",
          key: "actions",
          render: (_: unknown, delivery) =>
            delivery.eventType === "ping" ? null : (
              <Button size="small" onClick={() => redeliver(delivery.id)}>
                {t("developer.redeliver")}
              </Button>
            ),
        },
      ]}
    />
  );
}
