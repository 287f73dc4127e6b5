import { Alert, Card, Descriptions, Typography } from "antd";
import { useLang } from "../i18n";
import type { FilingRecords } from "../types";
import { formatTime } from "./format";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * 备案成功: the numbers, the footer code for each website (the number the
 * province wants shown, linked to MIIT), and the public-security filing due 30
 * days after the site opens, counted down.
 */
export function FilingRecordCard({ records, now = new Date() }: { records: FilingRecords; now?: Date }) {
  const { t } = useLang();
  const daysLeft = Math.ceil((new Date(records.psbDueAt).getTime() - now.getTime()) / DAY_MS);
  return (
    <Card title={t("order.records")} style={{ marginBottom: 16 }} data-testid="records">
      <Alert
        type={daysLeft < 0 ? "error" : daysLeft <= 7 ? "warning" : "info"}
        showIcon
        style={{ marginBottom: 16 }}
        title={t("order.psbTitle")}
        description={
          <span data-testid="psb-countdown">
            {daysLeft >= 0
              ? t("order.psbDaysLeft", { days: daysLeft, due: formatTime(records.psbDueAt) })
              : t("order.psbOverdue", { days: -daysLeft, due: formatTime(records.psbDueAt) })}
          </span>
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
