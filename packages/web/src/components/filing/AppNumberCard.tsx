import { AppstoreOutlined } from "@ant-design/icons";
import { Card, Descriptions, Typography } from "antd";
import { useLoad } from "../../hooks";
import { useLang } from "../../i18n";
import type { FiledApp, Items, OrderView } from "../../types";

/**
 * An approved app order's APP备案号 (…号-1A), from the filed apps (GET /api/apps), and where
 * the app must show it. Nothing before approval or when the app is not found.
 */
export function AppNumberCard({ view }: { view: Pick<OrderView, "id" | "type" | "state"> }) {
  const { t } = useLang();
  const approved = view.type === "app" && view.state === "approved";
  const apps = useLoad<Items<FiledApp>>(approved ? "/api/apps" : null);
  const app = apps.data?.items.find((item) => item.orderId === view.id);
  if (!approved || !app) return null;
  return (
    <Card
      style={{ marginBottom: 16 }}
      data-testid="app-number-card"
      title={
        <span>
          <AppstoreOutlined /> {t("apps.numberTitle")}
        </span>
      }
    >
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: "name", label: t("apps.name"), children: app.name },
          {
            key: "number",
            label: t("apps.number"),
            children: (
              <Typography.Text strong copyable data-testid="app-number">
                {app.appNumber}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ margin: "12px 0 0" }}>
        {t("apps.hint")}
      </Typography.Paragraph>
    </Card>
  );
}
