import { CheckCircleFilled, ExclamationCircleFilled } from "@ant-design/icons";
import { Card, Descriptions, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useLang } from "../../i18n";
import type { MiitRecord, OrderData } from "../../types";
import { formatTime } from "../format";

/** The platform's name for itself at MIIT (server PROVIDER_AT_REGULATOR). */
const THIS_PROVIDER = "openbeian";

const same = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? "").trim() !== "" && (a ?? "").trim() === (b ?? "").trim();

/**
 * 工信部备案记录: what MIIT holds for the domain a 新增接入 or 认领备案 names (read when the order
 * started), beside the order's data, with the subject and website names compared with the
 * order's, so the applicant fills in the filing as it stands and the reviewer sees any
 * difference at a glance.
 */
export function MiitRecordCard({ record, data }: { record: MiitRecord | null | undefined; data: OrderData }) {
  const { t } = useLang();
  if (!record) return null;
  const website = (data.websites ?? []).find(
    (item) => (item.domain ?? "").trim().toLowerCase() === record.domain,
  );
  const compare = (value: string | null, ours: string | null | undefined): ReactNode => (
    <span>
      {value ?? "—"}
      {value ? (
        same(value, ours) ? (
          <CheckCircleFilled
            style={{ color: "#52c41a", marginInlineStart: 6 }}
            title={t("miit.matches")}
            aria-label={t("miit.matches")}
          />
        ) : (
          <Typography.Text type="warning" style={{ marginInlineStart: 6 }} data-testid="miit-differs">
            <ExclamationCircleFilled /> {t("miit.differs", { value: ours?.trim() || "—" })}
          </Typography.Text>
        )
      ) : null}
    </span>
  );
  return (
    <Card
      title={t("miit.title")}
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="miit-record"
      data-domain={record.domain}
    >
      <Descriptions
        size="small"
        column={1}
        styles={{ label: { whiteSpace: "nowrap" } }}
        items={[
          { key: "domain", label: t("miit.domain"), children: record.domain },
          {
            key: "status",
            label: t("miit.status"),
            children: (
              <Tag color={record.status === "filed" ? "success" : "default"}>
                {t(`miit.statuses.${record.status}`, record.status)}
              </Tag>
            ),
          },
          {
            key: "subjectNumber",
            label: t("miit.subjectNumber"),
            children: (
              <Typography.Text copyable={!!record.subjectNumber}>
                {record.subjectNumber ?? "—"}
              </Typography.Text>
            ),
          },
          {
            key: "subjectName",
            label: t("miit.subjectName"),
            children: compare(record.subjectName, data.subject?.name),
          },
          {
            key: "websiteNumber",
            label: t("miit.websiteNumber"),
            children: (
              <Typography.Text copyable={!!record.websiteNumber}>
                {record.websiteNumber ?? "—"}
              </Typography.Text>
            ),
          },
          {
            key: "websiteName",
            label: t("miit.websiteName"),
            children: compare(record.websiteName, website?.name),
          },
          {
            key: "providers",
            label: t("miit.providers"),
            children:
              record.providers.length === 0
                ? "—"
                : record.providers.map((provider) => (
                    <Tag key={provider} color={provider === THIS_PROVIDER ? "blue" : undefined}>
                      {provider === THIS_PROVIDER ? t("miit.thisProvider") : provider}
                    </Tag>
                  )),
          },
          { key: "checkedAt", label: t("miit.checkedAt"), children: formatTime(record.checkedAt) },
        ]}
      />
    </Card>
  );
}
