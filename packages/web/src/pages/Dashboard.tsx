import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { ApiError, api } from "../api";
import { OrderTable } from "../components/OrderTable";
import { IncomingTransfers } from "../components/filing/IncomingTransfers";
import { useLoad, useNotify } from "../hooks";
import { useLang } from "../i18n";
import { PageTitle } from "../layout/PageTitle";
import type { Items, OrderSummary, OrderView } from "../types";

/** 工作台: the applicant's orders and the way to start one; filings another account transfers here. */
export default function Dashboard() {
  const { t, pick } = useLang();
  const navigate = useNavigate();
  const notify = useNotify();
  const { modal } = App.useApp();
  const [starting, setStarting] = useState(false);
  const orders = useLoad<Items<OrderSummary>>("/api/orders");

  const start = async () => {
    setStarting(true);
    try {
      const order = await api.post<OrderView>("/api/orders", {});
      navigate(`/orders/${order.id}/edit`);
    } catch (error) {
      const details =
        error instanceof ApiError ? (error.details as { orderId?: string } | undefined) : undefined;
      if (error instanceof ApiError && error.code === "ACTIVE_ORDER_EXISTS" && details?.orderId) {
        modal.confirm({
          title: t("dashboard.activeExists"),
          content: pick(error.localized),
          okText: t("dashboard.goToActive"),
          cancelText: t("common.cancel"),
          onOk: () => navigate(`/orders/${details.orderId}`),
        });
      } else notify.fail(error);
    } finally {
      setStarting(false);
    }
  };

  return (
    <>
      <PageTitle
        title={t("menu.dashboard")}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            loading={starting}
            onClick={start}
            data-testid="start-order"
          >
            {t("dashboard.start")}
          </Button>
        }
      />
      <IncomingTransfers onAccepted={() => navigate("/websites")} />
      <Alert
        type="info"
        showIcon
        title={t("dashboard.guideTitle")}
        description={t("dashboard.guide")}
        style={{ marginBottom: 16 }}
      />
      <Card title={t("dashboard.orders")}>
        {orders.error ? <Alert type="error" title={pick(orders.error.localized)} /> : null}
        <OrderTable
          orders={orders.data?.items ?? []}
          loading={orders.loading}
          emptyText={t("dashboard.empty")}
          hrefOf={(order) => `/orders/${order.id}`}
          actionLabel={t("common.view")}
          timeColumn="updatedAt"
        />
      </Card>
    </>
  );
}
