import { DownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Modal, Select, Space, Table, Tooltip, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { Link } from "react-router-dom";
import { api } from "../../api";
import type { ApiError } from "../../api";
import { useNotify } from "../../hooks";
import { useLang } from "../../i18n";
import type { FooterCheckResult, FooterCheckView, WatchFinding, WatchKind } from "../../types";
import { FooterCheckDetails, FooterOutcomeTag } from "../FooterCheckPanel";
import { WatchDue, WatchLevelTag } from "../WatchTags";

export const WATCH_KINDS: WatchKind[] = [
  "footer_noncompliant",
  "access_inaccurate",
  "certificate_expiry",
  "domain_expiry",
  "server_expiry",
];

interface Props {
  /** The open findings due soonest (the list stops at 500)… */
  findings: WatchFinding[] | undefined;
  /** …of this many in all, and of each kind. */
  total?: number;
  byKind?: Partial<Record<WatchKind, number>>;
  loading: boolean;
  error: ApiError | null;
  /** After a re-check (which may have closed the finding). */
  onChanged(): void;
}

/**
 * 监测发现: every account's open findings of the filing watch, by due date, filtered by
 * kind; a failing footer can be checked again from here. 导出 downloads them all as CSV
 * (of the chosen kind), in the page's language: the list itself shows the first 500.
 */
export function WatchTable({ findings, total, byKind, loading, error, onChanged }: Props) {
  const { t, pick, lang } = useLang();
  const notify = useNotify();
  const [kind, setKind] = useState<WatchKind | undefined>(undefined);
  const [checking, setChecking] = useState<string | null>(null);
  const [result, setResult] = useState<{ domain: string; footer: FooterCheckView } | null>(null);
  const all = findings ?? [];
  const rows = kind ? all.filter((finding) => finding.kind === kind) : all;
  const countOf = (value: WatchKind) =>
    byKind?.[value] ?? all.filter((finding) => finding.kind === value).length;
  const exportUrl = `/api/review/watch/export?${new URLSearchParams({ lang, ...(kind ? { kind } : {}) })}`;

  const recheck = async (finding: WatchFinding) => {
    setChecking(finding.id);
    try {
      const { footer } = await api.post<FooterCheckResult>(
        `/api/review/websites/${encodeURIComponent(finding.websiteId)}/footer-check`,
        {},
      );
      if (footer.outcome === "passed") notify.ok(t("watch.recheckResult.passed", { domain: finding.domain }));
      else setResult({ domain: finding.domain, footer });
      onChanged();
    } catch (caught) {
      notify.fail(caught);
    } finally {
      setChecking(null);
    }
  };

  return (
    <Card
      title={t("watch.findings")}
      data-testid="watch-table"
      extra={
        <Space>
          <Select<WatchKind>
            id="watch-kind"
            aria-label={t("watch.kindColumn")}
            placeholder={t("watch.allKinds")}
            allowClear
            style={{ width: 200 }}
            value={kind}
            onChange={(value) => setKind(value ?? undefined)}
            options={WATCH_KINDS.map((value) => ({
              value,
              label: `${t(`watch.kind.${value}`)} (${countOf(value)})`,
            }))}
          />
          <Tooltip title={t("watch.exportHint")}>
            <Button icon={<DownloadOutlined />} href={exportUrl} download data-testid="watch-export">
              {t("watch.export")}
            </Button>
          </Tooltip>
        </Space>
      }
    >
      {total !== undefined && total > all.length ? (
        <Alert
          type="info"
          showIcon
          data-testid="watch-truncated"
          title={t("watch.truncated", { shown: all.length, total })}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {error ? (
        <Alert type="error" showIcon title={pick(error.localized)} style={{ marginBottom: 16 }} />
      ) : null}
      <Table<WatchFinding>
        rowKey="id"
        size="middle"
        scroll={{ x: "max-content" }}
        loading={loading && !findings}
        dataSource={rows}
        pagination={
          rows.length > 20
            ? { pageSize: 20, showSizeChanger: false, showTotal: (n) => t("watch.total", { n }) }
            : false
        }
        locale={{ emptyText: t("watch.empty") }}
        onRow={(finding) =>
          ({ "data-testid": "watch-row", "data-kind": finding.kind, "data-domain": finding.domain }) as object
        }
        columns={[
          {
            title: t("watch.domain"),
            dataIndex: "domain",
            render: (domain: string, finding) => (
              <>
                <div>{domain}</div>
                <div className="cell-sub">{finding.websiteNumber}</div>
              </>
            ),
          },
          {
            title: t("watch.kindColumn"),
            dataIndex: "kind",
            render: (_kind, finding) => (
              <>
                <div>{pick(finding.kindLabel)}</div>
                {finding.item !== finding.domain ? <div className="cell-sub">{finding.item}</div> : null}
              </>
            ),
          },
          {
            title: t("watch.detail"),
            dataIndex: "detail",
            render: (_detail, finding) =>
              finding.detail ? (
                <div className="watch-cell-detail">{pick(finding.detail)}</div>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            title: t("watch.levelColumn"),
            dataIndex: "level",
            render: (_level, finding) => <WatchLevelTag level={finding.level} />,
          },
          {
            title: t("watch.dueAt"),
            dataIndex: "dueAt",
            render: (dueAt: string) => <WatchDue dueAt={dueAt} />,
          },
          {
            title: t("watch.firstSeen"),
            dataIndex: "firstSeenAt",
            render: (at: string) => (
              <>
                <div>{dayjs(at).format("YYYY-MM-DD")}</div>
                <div className="cell-sub">{dayjs(at).format("HH:mm")}</div>
              </>
            ),
          },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_v, finding) => (
              <Space size={0} wrap={false}>
                {finding.kind === "footer_noncompliant" ? (
                  <Button
                    type="link"
                    size="small"
                    loading={checking === finding.id}
                    onClick={() => void recheck(finding)}
                    data-action="recheck"
                  >
                    {t("watch.recheck")}
                  </Button>
                ) : null}
                <Link to={`/console/orders/${finding.orderId}`} className="watch-order-link">
                  {t("watch.viewOrder")}
                </Link>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={result !== null}
        width={760}
        title={
          result ? (
            <Space size={8}>
              <span>{t(`watch.recheckResult.${result.footer.outcome}`, { domain: result.domain })}</span>
              <FooterOutcomeTag outcome={result.footer.outcome} />
            </Space>
          ) : null
        }
        footer={<Button onClick={() => setResult(null)}>{t("common.close")}</Button>}
        onCancel={() => setResult(null)}
        wrapClassName="recheck-result"
      >
        {result ? <FooterCheckDetails footer={result.footer} /> : null}
      </Modal>
    </Card>
  );
}
