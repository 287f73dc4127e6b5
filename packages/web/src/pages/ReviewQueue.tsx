import { Alert, Card, Select, Table } from "antd";
import { useState } from "react";
import { Link } from "react-router-dom";
import { StateTag } from "../components/StateTag";
import { formatTime } from "../components/format";
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
        <Table<OrderSummary>
          rowKey="id"
          loading={orders.loading}
          dataSource={orders.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t("review.empty") }}
          columns={[
            {
              title: t("dashboard.number"),
              dataIndex: "number",
              render: (number: string, order) => <Link to={`/review/${order.id}`}>{number}</Link>,
            },
            {
              title: t("dashboard.subject"),
              dataIndex: "subjectName",
              render: (name: string | null) => name ?? "—",
            },
            {
              title: t("dashboard.domains"),
              dataIndex: "domains",
              render: (domains: string[]) => (domains.length ? domains.join("、") : "—"),
            },
            {
              title: t("dashboard.state"),
              dataIndex: "state",
              render: (_state, order) => <StateTag state={order.state} label={order.stateLabel} />,
            },
            { title: t("order.submittedAt"), dataIndex: "submittedAt", render: formatTime },
            { title: t("dashboard.expiresAt"), dataIndex: "expiresAt", render: formatTime },
            {
              title: t("common.actions"),
              key: "actions",
              render: (_value, order) => <Link to={`/review/${order.id}`}>{t("review.open")}</Link>,
            },
          ]}
        />
      </Card>
    </>
  );
}
