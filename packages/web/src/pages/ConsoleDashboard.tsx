import { ReloadOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Row,
  Segmented,
  Space,
  Statistic,
  Tag,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState, type ReactElement, type ReactNode } from "react";
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { provinceName } from "../components/review/labels";
import { useLoad } from "../hooks";
import { useLang } from "../i18n";
import { PageTitle } from "../layout/PageTitle";
import type { Items, QueueItem, ReviewStats } from "../types";

type Bucket = "day" | "week";

const BLUE = "#1677ff";
const ORANGE = "#fa8c16";
const RED = "#f5222d";
const CYAN = "#13c2c2";
const PURPLE = "#722ed1";
const HEIGHT = 280;

/** Today in China, whose calendar days the platform counts in, wherever the browser is. */
const chinaToday = () => dayjs(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
const lastDays = (n: number): [Dayjs, Dayjs] => [chinaToday().subtract(n - 1, "day"), chinaToday()];

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;

/** Axis label cut short; the tooltip carries the whole text. */
const short = (text: string, max = 14) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

interface ChartCardProps {
  title: string;
  empty: boolean;
  children: ReactElement;
  testId: string;
  extra?: ReactNode;
}

function ChartCard({ title, empty, children, testId, extra }: ChartCardProps) {
  const { t } = useLang();
  return (
    <Card title={title} extra={extra} style={{ marginBottom: 16 }} data-testid={testId}>
      {empty ? (
        <Flex align="center" justify="center" style={{ height: HEIGHT }}>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("stats.noData")} />
        </Flex>
      ) : (
        <div style={{ width: "100%", height: HEIGHT }}>
          <ResponsiveContainer width="100%" height="100%">
            {children}
          </ResponsiveContainer>
        </div>
      )}
    </Card>
  );
}

/**
 * 数据看板 (supervisors): the queue over time, SLA breaches, how long each reviewer takes,
 * how long each province's bureau takes, and the most frequent return and rejection reasons.
 * Loaded lazily with its chart library, so the rest of the console does not carry it.
 */
export default function ConsoleDashboard() {
  const { t, lang } = useLang();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => lastDays(30));
  const [bucket, setBucket] = useState<Bucket>("day");
  const query = new URLSearchParams({
    from: range[0].format("YYYY-MM-DD"),
    to: range[1].format("YYYY-MM-DD"),
    bucket,
  });
  const stats = useLoad<ReviewStats>(`/api/review/stats?${query.toString()}`);
  // The queue as it is now, beside the history.
  const queueNow = useLoad<Items<QueueItem>>("/api/review/orders?limit=200");
  const nowItems = queueNow.data?.items ?? [];
  const data = stats.data;
  const label = (at: string) => dayjs(at).format(bucket === "week" ? "MM-DD" : "MM-DD");

  const queue = (data?.queueSize ?? []).map((point) => ({ ...point, label: label(point.at) }));
  const breaches = (data?.slaBreaches ?? []).map((point) => ({ ...point, label: label(point.at) }));
  const reviewers = (data?.reviewTimePerReviewer ?? []).map((row) => ({
    name: row.reviewer.displayName,
    decisions: row.decisions,
    median: round2(row.medianHours),
    p90: round2(row.p90Hours),
  }));
  const provinces = (data?.bureauTimePerProvince ?? []).map((row) => ({
    name: provinceName(row.province, lang),
    decided: row.decided,
    median: round1(row.medianDays),
  }));
  const returns = (data?.topReturnReasons ?? []).map((row) => ({ ...row, short: short(row.reason) }));
  const rejections = (data?.topRejectionReasons ?? []).map((row) => ({ ...row, short: short(row.reason) }));

  const kpis = [
    { key: "waiting", title: t("stats.waitingNow"), value: nowItems.filter((item) => !item.assignee).length },
    {
      key: "inReview",
      title: t("stats.inReviewNow"),
      value: nowItems.filter((item) => item.assignee).length,
    },
    {
      key: "breachedNow",
      title: t("stats.breachedNow"),
      value: nowItems.filter((item) => item.sla?.breached).length,
      danger: true,
    },
    {
      key: "breaches",
      title: t("stats.breachesTotal"),
      value: sum(breaches.map((point) => point.breaches)),
      danger: true,
    },
    { key: "decisions", title: t("stats.decisionsTotal"), value: sum(reviewers.map((row) => row.decisions)) },
  ];

  return (
    <>
      <PageTitle
        title={t("console.menu.dashboard")}
        parents={[[t("console.title"), "/console/queue"]]}
        extra={
          <Space wrap>
            <DatePicker.RangePicker
              allowClear={false}
              value={range}
              disabledDate={(day) => day.isAfter(chinaToday(), "day")}
              presets={[
                { label: t("stats.last7"), value: lastDays(7) },
                { label: t("stats.last30"), value: lastDays(30) },
                { label: t("stats.last90"), value: lastDays(90) },
              ]}
              onChange={(value) => {
                if (value?.[0] && value[1]) setRange([value[0], value[1]]);
              }}
              data-testid="stats-range"
            />
            <Segmented<Bucket>
              value={bucket}
              onChange={setBucket}
              options={[
                { value: "day", label: t("stats.byDay") },
                { value: "week", label: t("stats.byWeek") },
              ]}
            />
            <Button icon={<ReloadOutlined />} onClick={stats.reload} aria-label={t("common.refresh")} />
          </Space>
        }
      />
      {stats.error ? (
        <Alert type="error" showIcon title={stats.error.localized[lang]} style={{ marginBottom: 16 }} />
      ) : null}
      <Row gutter={16}>
        {kpis.map((kpi) => (
          <Col key={kpi.key} flex="1 1 200px">
            <Card
              style={{ marginBottom: 16 }}
              loading={stats.loading && !data}
              data-testid={`kpi-${kpi.key}`}
            >
              <Statistic
                title={kpi.title}
                value={kpi.value}
                styles={kpi.danger && kpi.value > 0 ? { content: { color: RED } } : undefined}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <ChartCard title={t("stats.queueSize")} empty={queue.length === 0} testId="chart-queue">
            <AreaChart data={queue} margin={{ top: 8, right: 16, left: 0, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 12 }} />
              <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={36} />
              <Tooltip />
              <Legend />
              <Area
                type="monotone"
                dataKey="waiting"
                name={t("stats.waiting")}
                stackId="q"
                stroke={BLUE}
                fill={BLUE}
                fillOpacity={0.25}
              />
              <Area
                type="monotone"
                dataKey="inReview"
                name={t("stats.inReview")}
                stackId="q"
                stroke={CYAN}
                fill={CYAN}
                fillOpacity={0.25}
              />
            </AreaChart>
          </ChartCard>
        </Col>
        <Col xs={24} xl={8}>
          <ChartCard title={t("stats.slaBreaches")} empty={breaches.length === 0} testId="chart-breaches">
            <BarChart data={breaches} margin={{ top: 8, right: 16, left: 0, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 12 }} />
              <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={36} />
              <Tooltip />
              <Bar dataKey="breaches" name={t("stats.breaches")} fill={RED} maxBarSize={24} />
            </BarChart>
          </ChartCard>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <ChartCard title={t("stats.reviewTime")} empty={reviewers.length === 0} testId="chart-reviewers">
            <BarChart data={reviewers} margin={{ top: 8, right: 16, left: 0, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} />
              <YAxis tick={{ fontSize: 12 }} width={36} unit="h" />
              <Tooltip />
              <Legend />
              <Bar
                minPointSize={3}
                dataKey="median"
                name={t("stats.medianHours")}
                fill={BLUE}
                maxBarSize={28}
              />
              <Bar minPointSize={3} dataKey="p90" name={t("stats.p90Hours")} fill={PURPLE} maxBarSize={28} />
            </BarChart>
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard title={t("stats.bureauTime")} empty={provinces.length === 0} testId="chart-provinces">
            <BarChart data={provinces} margin={{ top: 8, right: 16, left: 0, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} />
              <YAxis tick={{ fontSize: 12 }} width={36} />
              <Tooltip />
              <Legend />
              <Bar
                minPointSize={3}
                dataKey="median"
                name={t("stats.medianDays")}
                fill={CYAN}
                maxBarSize={28}
              />
            </BarChart>
          </ChartCard>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <ChartCard title={t("stats.topReturns")} empty={returns.length === 0} testId="chart-returns">
            <BarChart data={returns} layout="vertical" margin={{ top: 8, right: 24, left: 8, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
              <YAxis type="category" dataKey="short" width={170} tick={{ fontSize: 12 }} />
              <Tooltip labelFormatter={(_label, payload) => String(payload?.[0]?.payload?.reason ?? "")} />
              <Bar minPointSize={3} dataKey="count" name={t("stats.count")} fill={ORANGE} maxBarSize={20} />
            </BarChart>
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard
            title={t("stats.topRejections")}
            empty={rejections.length === 0}
            testId="chart-rejections"
            extra={
              <Space size={4}>
                <Tag color={RED}>{t("stats.by.provider")}</Tag>
                <Tag color={PURPLE}>{t("stats.by.bureau")}</Tag>
              </Space>
            }
          >
            <BarChart data={rejections} layout="vertical" margin={{ top: 8, right: 24, left: 8, bottom: 0 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
              <YAxis type="category" dataKey="short" width={170} tick={{ fontSize: 12 }} />
              <Tooltip
                labelFormatter={(_label, payload) => {
                  const row = payload?.[0]?.payload as { reason?: string; by?: string } | undefined;
                  return row
                    ? `${row.reason ?? ""}（${t(`stats.by.${row.by ?? ""}`, { defaultValue: row.by ?? "" })}）`
                    : "";
                }}
              />
              <Bar minPointSize={3} dataKey="count" name={t("stats.count")} maxBarSize={20}>
                {rejections.map((row) => (
                  <Cell key={`${row.by}-${row.reason}`} fill={row.by === "bureau" ? PURPLE : RED} />
                ))}
              </Bar>
            </BarChart>
          </ChartCard>
        </Col>
      </Row>
    </>
  );
}
