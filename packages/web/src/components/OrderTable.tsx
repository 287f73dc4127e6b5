import { Table } from "antd";
import { Link } from "react-router-dom";
import { useLang } from "../i18n";
import type { OrderSummary } from "../types";
import { formatTime } from "./format";
import { StateTag } from "./StateTag";
import { OrderKindTag } from "./filing/OrderKindTag";
import { stateLabelOf } from "./filing/orderKinds";

interface OrderTableProps {
  orders: OrderSummary[];
  loading: boolean;
  emptyText: string;
  /** Where a row leads: the applicant's order page or the reviewer's. */
  hrefOf: (order: OrderSummary) => string;
  actionLabel: string;
  /** The applicant sees when the order last changed; the reviewer when it was submitted. */
  timeColumn: "updatedAt" | "submittedAt";
}

/** The applicant's order list on the 工作台 (the review console has its own queue table). */
export function OrderTable({ orders, loading, emptyText, hrefOf, actionLabel, timeColumn }: OrderTableProps) {
  const { t } = useLang();
  return (
    <Table<OrderSummary>
      scroll={{ x: "max-content" }}
      rowKey="id"
      loading={loading}
      dataSource={orders}
      pagination={false}
      locale={{ emptyText }}
      columns={[
        {
          title: t("dashboard.number"),
          dataIndex: "number",
          render: (number: string, order) => <Link to={hrefOf(order)}>{number}</Link>,
        },
        {
          title: t("dashboard.type"),
          dataIndex: "type",
          render: (_type, order) => <OrderKindTag order={order} />,
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
          render: (_state, order) => <StateTag state={order.state} label={stateLabelOf(order)} />,
        },
        {
          title: timeColumn === "updatedAt" ? t("dashboard.updatedAt") : t("order.submittedAt"),
          dataIndex: timeColumn,
          render: formatTime,
        },
        { title: t("dashboard.expiresAt"), dataIndex: "expiresAt", render: formatTime },
        {
          title: t("common.actions"),
          key: "actions",
          render: (_value, order) => <Link to={hrefOf(order)}>{actionLabel}</Link>,
        },
      ]}
    />
  );
}
