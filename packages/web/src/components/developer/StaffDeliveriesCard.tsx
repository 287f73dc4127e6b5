import { Card, Input, Select, Space } from "antd";
import { useState } from "react";
import { useLoad } from "../../hooks";
import type { Items } from "../../types";
import { DeliveriesTable } from "./DeliveriesTable";
import { useDevText } from "./text";
import type { WebhookDelivery } from "./types";

/** The console's view: every account's webhook deliveries, by account and status, with redelivery. */
export function StaffDeliveriesCard() {
  const text = useDevText();
  const [accountId, setAccountId] = useState("");
  const [status, setStatus] = useState<string>("");
  const query = new URLSearchParams({
    limit: "100",
    ...(accountId ? { accountId } : {}),
    ...(status ? { status } : {}),
  });
  const deliveries = useLoad<Items<WebhookDelivery>>(`/api/review/webhook-deliveries?${query.toString()}`);
  return (
    <Card
      title={text("staffDeliveries")}
      extra={
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={text("account")}
            onSearch={(value) => setAccountId(value.trim())}
            style={{ width: 220 }}
          />
          <Select
            value={status}
            onChange={setStatus}
            style={{ width: 140 }}
            options={[
              { value: "", label: text("allStatuses") },
              { value: "pending", label: text("pending") },
              { value: "delivered", label: text("delivered") },
              { value: "failed", label: text("failed") },
            ]}
          />
        </Space>
      }
    >
      <DeliveriesTable
        items={deliveries.data?.items ?? []}
        loading={deliveries.loading}
        redeliverPath={(id) => `/api/review/webhook-deliveries/${id}/redeliver`}
        onChanged={deliveries.reload}
        showAccount
      />
    </Card>
  );
}
