import { Card, Empty, Table, Tag, Typography } from "antd";
import { useLoad } from "../hooks";
import { useLang } from "../i18n";
import type { Items, RegulatorMessage } from "../types";
import { formatTime } from "./format";

/**
 * 与工信部往来消息: every message the bridge sent to the regulator and every
 * result it received for one order, so a reviewer can see why an order waits
 * (a submission still retrying, an SMS not yet verified, a decision applied).
 * The page remounts it with the order's version as key, so it reloads on every change.
 */
export function RegulatorMessages({ orderId }: { orderId: string }) {
  const { t } = useLang();
  const messages = useLoad<Items<RegulatorMessage>>(`/api/review/orders/${orderId}/regulator-messages`);
  return (
    <Card title={t("review.regulatorMessages")} style={{ marginBottom: 16 }} loading={messages.loading}>
      {(messages.data?.items.length ?? 0) === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("review.noRegulatorMessages")} />
      ) : (
        <Table<RegulatorMessage>
          scroll={{ x: "max-content" }}
          size="small"
          rowKey="messageId"
          pagination={false}
          dataSource={messages.data?.items ?? []}
          columns={[
            {
              title: t("review.direction"),
              dataIndex: "direction",
              render: (direction: RegulatorMessage["direction"]) => (
                <Tag color={direction === "outbound" ? "blue" : "green"}>{t(`review.${direction}`)}</Tag>
              ),
            },
            { title: t("review.messageType"), dataIndex: "type" },
            {
              title: t("review.messageStatus"),
              render: (_, message) => (
                <>
                  <div>
                    {message.status}
                    {message.attempts > 1 ? ` ×${message.attempts}` : ""}
                  </div>
                  {message.lastError ? (
                    <Typography.Text type="danger" style={{ fontSize: 12 }}>
                      {message.lastError}
                    </Typography.Text>
                  ) : null}
                </>
              ),
            },
            { title: t("review.messageAt"), dataIndex: "at", render: (at: string) => formatTime(at) },
          ]}
        />
      )}
    </Card>
  );
}
