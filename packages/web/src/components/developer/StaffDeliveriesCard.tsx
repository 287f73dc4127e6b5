import { Card, Input, Select, Space } from "antd";
import { useState } from "react";
import { useLoad } from "../../hooks";
import { useLang } from "../../i18n";
import type { Items } from "../../types";
import { DeliveriesTable } from "./DeliveriesTable";
import type { WebhookDelivery } from "./types";

/** The console's view: every account's webhook deliveries, by account and status, with redelivery. */
export function StaffDeliveriesCard() {
  const { t } = useLang();
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
      title={t("developer.staffDeliveries")}
      extra={
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t("developer.account")}
            onSearch={(value) => setAccountId(value.trim())}
            style={{ width: 220 }}
          />
          <Select
            value={status}
            onChange={setStatus}
            style={{ width: 140 }}
            options={[
              { value: "", label: t("developer.allStatuses") },
              { value: "pending", label: t("developer.pending") },
              { value: "delivered", label: t("developer.delivered") },
              { value: "failed", label: t("developer.failed") },
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
