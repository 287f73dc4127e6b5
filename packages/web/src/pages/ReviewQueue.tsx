import { Alert, Card, Select } from "antd";
import { useState } from "react";
import { OrderTable } from "../components/OrderTable";
import { useLoad } from "../hooks";
import { useLang } from "../i18n";
import { PageTitle } from "../layout/PageTitle";
import type { Items, OrderState, OrderSummary } from "../types";

const FILTER_STATES: OrderState[] = [
  "provider_review",
  "resubmitted",
  "returned",
  "provider_rejected",
  "queued_for_bureau",
  "sms_pending",
  "regulator_returned",
  "bureau_review",
  "approved",
];

/** 初审队列: orders waiting for the provider's initial review, oldest first. */
export default function ReviewQueue() {
  const { t, pick } = useLang();
  const [state, setState] = useState<OrderState | "">("");
  const orders = useLoad<Items<OrderSummary>>(`/api/review/orders${state ? `?state=${state}` : ""}`);

  return (
    <>
      <PageTitle title={t("review.queue")} />
      <Card
        title={t("review.queue")}
        extra={
          <Select<OrderState | "">
            value={state}
            onChange={setState}
            style={{ width: 280 }}
            options={[
              { value: "", label: t("review.waiting") },
              ...FILTER_STATES.map((value) => ({ value, label: t(`state.${value}`) })),
            ]}
            aria-label={t("review.filterState")}
          />
        }
      >
        {orders.error ? <Alert type="error" title={pick(orders.error.localized)} /> : null}
        <OrderTable
          orders={orders.data?.items ?? []}
          loading={orders.loading}
          emptyText={t("review.empty")}
          hrefOf={(order) => `/review/${order.id}`}
          actionLabel={t("review.open")}
          timeColumn="submittedAt"
        />
      </Card>
    </>
  );
}
