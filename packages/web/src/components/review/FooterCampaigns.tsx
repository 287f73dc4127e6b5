import { PlayCircleOutlined } from "@ant-design/icons";
import { Button, Card, Progress, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { api } from "../../api";
import { useNotify } from "../../hooks";
import { useLang } from "../../i18n";
import type { CampaignState, FooterCampaign, FooterCampaigns as Campaigns } from "../../types";
import { formatTime } from "../format";

const STATE_COLORS: Record<CampaignState, string> = {
  queued: "default",
  running: "processing",
  finished: "success",
};

interface Props {
  campaigns: Campaigns | null;
  loading: boolean;
  /** Supervisors and admins start campaigns; reviewers only watch them. */
  canStart: boolean;
  /** After a campaign was started (the page reloads the list and polls it). */
  onStarted(): void;
}

/**
 * 页脚巡检: the recent footer campaigns with their progress and outcome counts, and (for
 * supervisors) starting one now. The page polls the list while one is queued or running.
 */
export function FooterCampaigns({ campaigns, loading, canStart, onStarted }: Props) {
  const { t } = useLang();
  const notify = useNotify();
  const [starting, setStarting] = useState(false);
  const active = campaigns?.activeId ?? null;
  const duration = (ms: number) => {
    const seconds = Math.round(ms / 1000);
    if (seconds < 1) return t("campaign.durationShort");
    if (seconds < 60) return t("campaign.durationSeconds", { s: seconds });
    return t("campaign.durationMinutes", { m: Math.floor(seconds / 60), s: seconds % 60 });
  };

  const start = async () => {
    setStarting(true);
    try {
      await api.post<{ id: string }>("/api/review/footer-campaigns", {});
      notify.ok(t("campaign.started"));
      onStarted();
    } catch (error) {
      notify.fail(error);
    } finally {
      setStarting(false);
    }
  };

  // A reviewer sees the button greyed out, with why.
  const why = !canStart ? t("campaign.supervisorOnly") : active ? t("campaign.busy") : null;
  const button = (
    <Button
      type="primary"
      icon={<PlayCircleOutlined />}
      loading={starting}
      disabled={!canStart || active !== null}
      onClick={start}
      data-testid="start-campaign"
    >
      {t("campaign.start")}
    </Button>
  );

  return (
    <Card
      title={t("campaign.title")}
      style={{ marginBottom: 16 }}
      data-testid="footer-campaigns"
      extra={
        why ? (
          <Tooltip title={why}>
            <span>{button}</span>
          </Tooltip>
        ) : (
          button
        )
      }
    >
      <Typography.Paragraph type="secondary" className="psb-hint">
        {t("campaign.hint")}
      </Typography.Paragraph>
      <Table<FooterCampaign>
        rowKey="campaignId"
        size="small"
        scroll={{ x: "max-content" }}
        loading={loading && !campaigns}
        dataSource={campaigns?.items ?? []}
        pagination={false}
        locale={{ emptyText: t("campaign.empty") }}
        onRow={(row) => ({ "data-testid": "campaign", "data-state": row.state }) as object}
        columns={[
          {
            title: t("campaign.stateColumn"),
            dataIndex: "state",
            render: (state: CampaignState) => (
              <Tag color={STATE_COLORS[state]} data-testid="campaign-state">
                {t(`campaign.state.${state}`)}
              </Tag>
            ),
          },
          {
            title: t("campaign.triggerColumn"),
            dataIndex: "trigger",
            render: (trigger: FooterCampaign["trigger"]) => t(`campaign.trigger.${trigger}`),
          },
          {
            title: t("campaign.progress"),
            key: "progress",
            render: (_v, row) => <CampaignProgress campaign={row} />,
          },
          {
            title: t("campaign.results"),
            key: "results",
            render: (_v, row) => (
              <Space size={4} wrap={false} className="campaign-results" data-testid="campaign-results">
                <Tag color="green" data-count="passed">
                  {t("campaign.passed")} {row.passed}
                </Tag>
                <Tag color={row.failed > 0 ? "red" : "default"} data-count="failed">
                  {t("campaign.failed")} {row.failed}
                </Tag>
                <Tag color={row.unreachable > 0 ? "orange" : "default"} data-count="unreachable">
                  {t("campaign.unreachable")} {row.unreachable}
                </Tag>
                <Tag data-count="notified">
                  {t("campaign.notified")} {row.notified}
                </Tag>
              </Space>
            ),
          },
          {
            title: t("campaign.startedAt"),
            key: "startedAt",
            // Until it starts the API gives its creation time here.
            render: (_v, row) => (row.state === "queued" ? "—" : formatTime(row.startedAt)),
          },
          {
            title: t("campaign.finishedAt"),
            key: "finishedAt",
            render: (_v, row) =>
              row.state === "finished" ? (
                <>
                  <div>{formatTime(row.finishedAt)}</div>
                  <div className="cell-sub">{duration(row.durationMs)}</div>
                </>
              ) : (
                "—"
              ),
          },
        ]}
      />
    </Card>
  );
}

function CampaignProgress({ campaign }: { campaign: FooterCampaign }) {
  const { checked, total, state } = campaign;
  const percent = total > 0 ? Math.round((checked / total) * 100) : state === "finished" ? 100 : 0;
  return (
    <div
      className="campaign-progress"
      data-testid="campaign-progress"
      data-checked={checked}
      data-total={total}
    >
      <Progress
        percent={percent}
        size="small"
        status={state === "running" ? "active" : state === "finished" ? "success" : "normal"}
        format={() => `${checked}/${total}`}
      />
    </div>
  );
}
