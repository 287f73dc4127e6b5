import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Alert, Card, Descriptions, Typography } from "antd";
import { Link } from "react-router-dom";
import { useLang } from "../i18n";
import type { FilingRecords } from "../types";

/**
 * 备案成功: the numbers, the footer code for each website (the number the
 * province wants shown, linked to MIIT), and the public-security filing due 30
 * days after the site opens, counted down.
 */
export function FilingRecordCard({ records }: { records: FilingRecords }) {
  const { t } = useLang();
  // The server counts China calendar days, from the recorded opening day (see 我的网站).
  const daysLeft = records.psbDaysLeft ?? 0;
  const recorded = records.psbState === "recorded";
  return (
    <Card title={t("order.records")} style={{ marginBottom: 16 }} data-testid="records">
      <Alert
        type={recorded ? "success" : daysLeft < 0 ? "error" : daysLeft <= 7 ? "warning" : "info"}
        showIcon
        style={{ marginBottom: 16 }}
        title={t("order.psbTitle")}
        description={
          <>
            <span data-testid="psb-countdown">
              {recorded
                ? t("order.psbRecorded")
                : daysLeft >= 0
                  ? t("order.psbDaysLeft", { days: daysLeft, due: records.psbDueOn })
                  : t("order.psbOverdue", { days: -daysLeft, due: records.psbDueOn })}
            </span>
            <div style={{ marginTop: 4 }}>
              <Link to="/websites" data-testid="manage-psb">
                <SafetyCertificateOutlined /> {t("order.managePsb")}
              </Link>
            </div>
          </>
        }
      />
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { key: "subject", label: t("order.subjectNumber"), children: records.subjectNumber },
          ...records.websites.map((website) => ({
            key: website.domain,
            label: `${t("order.websiteNumber")} · ${website.domain}`,
            children: (
              <>
                <Typography.Text strong copyable>
                  {website.websiteNumber}
                </Typography.Text>
                <div style={{ marginTop: 8 }}>
                  <Typography.Text type="secondary">
                    {t("order.footerHint", { number: website.footerNumber })}
                  </Typography.Text>
                  <Typography.Paragraph copyable={{ text: website.footerSnippet }} style={{ marginTop: 4 }}>
                    <pre className="snippet" data-testid="footer-snippet">
                      {website.footerSnippet}
                    </pre>
                  </Typography.Paragraph>
                </div>
              </>
            ),
          })),
        ]}
      />
    </Card>
  );
}
