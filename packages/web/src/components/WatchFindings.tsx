import { EditOutlined } from "@ant-design/icons";
import { Alert, Button, Typography } from "antd";
import { useLang } from "../i18n";
import type { WatchFinding } from "../types";
import { WatchDue, WatchLevelTag, daysTo } from "./WatchTags";
import { useStartOrder } from "./filing/useStartOrder";

/**
 * The owner's open findings of the filing watch (GET /api/watch), above 我的网站: what
 * was found on which domain and by when to deal with it. A finding settled by a change of
 * the filing (an expiring ID: `changeFields`) offers 办理变更, which opens a change order on
 * those fields. Nothing when there is none.
 */
export function WatchFindings({ findings }: { findings: WatchFinding[] | undefined }) {
  const { t, pick } = useLang();
  const { start, busy } = useStartOrder();
  if (!findings || findings.length === 0) return null;
  const overdue = findings.some((finding) => daysTo(finding.dueAt) < 0);
  return (
    <Alert
      type={overdue ? "error" : "warning"}
      showIcon
      data-testid="watch-findings"
      style={{ marginBottom: 16 }}
      title={t("watch.title", { count: findings.length })}
      description={
        <>
          <ul className="watch-list">
            {findings.map((finding) => (
              <li
                key={finding.id}
                data-testid="watch-finding"
                data-kind={finding.kind}
                data-domain={finding.domain}
              >
                <WatchLevelTag level={finding.level} />
                <Typography.Text strong>{pick(finding.kindLabel)}</Typography.Text>
                <span className="watch-domain">{finding.domain}</span>
                {finding.detail ? <span className="watch-detail">{pick(finding.detail)}</span> : null}
                <WatchDue dueAt={finding.dueAt} inline />
                {finding.changeFields?.length ? (
                  <Button
                    size="small"
                    type="link"
                    icon={<EditOutlined />}
                    loading={busy === finding.id}
                    data-testid="finding-change"
                    onClick={() =>
                      void start(
                        { type: "change" },
                        {
                          key: finding.id,
                          query: `?focus=${encodeURIComponent(finding.changeFields?.join(",") ?? "")}`,
                        },
                      )
                    }
                  >
                    {t("watch.fileChange")}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
          <Typography.Text type="secondary" className="psb-hint">
            {t("watch.hint")}
          </Typography.Text>
        </>
      }
    />
  );
}
