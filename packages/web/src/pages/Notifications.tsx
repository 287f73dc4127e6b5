import { BellOutlined } from "@ant-design/icons";
import { Alert, Badge, Button, Card, List, Typography } from "antd";
import { Link } from "react-router-dom";
import { api } from "../api";
import { formatTime } from "../components/format";
import { useLoad, useNotify } from "../hooks";
import { useLang } from "../i18n";
import { PageTitle } from "../layout/PageTitle";
import { isStaff, useSession } from "../session";
import type { Items, Notification } from "../types";

/** 消息: in-app notifications about the account's orders. */
export default function Notifications() {
  const { t, pick } = useLang();
  const notify = useNotify();
  const { user } = useSession();
  const notifications = useLoad<Items<Notification>>("/api/notifications");

  const markRead = async (item: Notification) => {
    try {
      await api.post(`/api/notifications/${item.id}/read`);
      notifications.setData((current) =>
        current
          ? { items: current.items.map((other) => (other.id === item.id ? { ...other, read: true } : other)) }
          : current,
      );
    } catch (error) {
      notify.fail(error);
    }
  };

  return (
    <>
      <PageTitle title={t("notifications.title")} />
      <Card>
        {notifications.error ? <Alert type="error" title={pick(notifications.error.localized)} /> : null}
        <List<Notification>
          loading={notifications.loading}
          dataSource={notifications.data?.items ?? []}
          locale={{ emptyText: t("notifications.empty") }}
          renderItem={(item) => (
            <List.Item
              actions={
                item.read
                  ? [
                      <Typography.Text key="read" type="secondary">
                        {t("notifications.read")}
                      </Typography.Text>,
                    ]
                  : [
                      <Button key="read" type="link" size="small" onClick={() => markRead(item)}>
                        {t("notifications.markRead")}
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                avatar={
                  <Badge dot={!item.read}>
                    <BellOutlined style={{ fontSize: 18, color: "#1677ff" }} />
                  </Badge>
                }
                title={
                  item.orderId && !isStaff(user) ? (
                    // The public-security reminders are about a filed website, handled under 我的网站.
                    <Link to={item.template.startsWith("website.") ? "/websites" : `/orders/${item.orderId}`}>
                      {pick(item.title)}
                    </Link>
                  ) : (
                    pick(item.title)
                  )
                }
                description={
                  <>
                    <div style={{ color: "rgba(0,0,0,0.75)" }}>{pick(item.body)}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatTime(item.createdAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
