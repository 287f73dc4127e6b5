import {
  AppstoreOutlined,
  CheckOutlined,
  CopyOutlined,
  ExclamationCircleOutlined,
  ExportOutlined,
  GlobalOutlined,
  IdcardOutlined,
} from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useCallback, useState, type ReactNode } from "react";
import { Link, useNavigate } from "react-router-dom";
import { ApiError, api } from "../api";
import { FooterCheckPanel } from "../components/FooterCheckPanel";
import { WatchFindings } from "../components/WatchFindings";
import { DomainOrderModal, type DomainOrderKind } from "../components/filing/DomainOrderModal";
import { FilingActions } from "../components/filing/FilingActions";
import { IncomingTransfers } from "../components/filing/IncomingTransfers";
import { WebsiteActions } from "../components/filing/WebsiteActions";
import { formatTime } from "../components/format";
import { useLoad, useNotify } from "../hooks";
import { useLang } from "../i18n";
import { PageTitle } from "../layout/PageTitle";
import type { FiledApp, FiledWebsite, Items, WatchFinding } from "../types";

/** 全国互联网安全管理服务平台, where the public-security filing is made. */
const MPS_URL = "https://beian.mps.gov.cn";
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
/** `<省简称>公网安备<14 digits>号`: only a hint here, the server checks the prefix and the division code. */
const PSB_PATTERN = /^\p{Script=Han}公网安备 ?\d{14}号$/u;

/** The China calendar day (UTC+8) of an instant, as the platform counts the 30 days. */
const chinaDay = (at: number) => new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 10);

type Tone = "blue" | "orange" | "red" | "green";
const ALERT_TYPE = { blue: "info", orange: "warning", red: "error", green: "success" } as const;

/** Green once recorded, red when overdue, orange in the last 7 days. */
function toneOf(psb: FiledWebsite["psb"]): Tone {
  if (psb.state === "recorded") return "green";
  if (psb.state === "overdue") return "red";
  return (psb.daysLeft ?? 0) <= 7 ? "orange" : "blue";
}

/**
 * 我的网站: the account's filed websites and their public-security filing (公安联网备案),
 * due 30 days after the site opens: the countdown, recording the opening day and the
 * number, the access data the public-security form asks for, and the footer code. Above
 * them, filings another account is transferring here (接收 / 拒绝); below, the filed apps
 * (我的App). Without a filing, the ways to bring one in: 认领备案 (filed with this provider
 * in no account) and 新增接入 (filed through another provider).
 */
export default function Websites() {
  const { t, pick } = useLang();
  const navigate = useNavigate();
  const websites = useLoad<Items<FiledWebsite>>("/api/websites");
  // The filing watch's open findings: a footer check opens or closes one.
  const watch = useLoad<Items<WatchFinding>>("/api/watch");
  const apps = useLoad<Items<FiledApp>>("/api/apps");
  const [bringIn, setBringIn] = useState<DomainOrderKind | null>(null);
  const { setData } = websites;
  const { reload: reloadWatch } = watch;
  const replace = useCallback(
    (next: FiledWebsite) =>
      setData((current) =>
        current ? { items: current.items.map((item) => (item.id === next.id ? next : item)) } : current,
      ),
    [setData],
  );
  const checked = useCallback(
    (next: FiledWebsite) => {
      replace(next);
      reloadWatch();
    },
    [replace, reloadWatch],
  );
  const items = websites.data?.items ?? [];
  const filed = items.filter((item) => item.status === "filed");
  const cancelled = items.filter((item) => item.status !== "filed");

  return (
    <>
      <PageTitle
        title={t("websites.title")}
        extra={
          <Button icon={<ExportOutlined />} href={MPS_URL} target="_blank" rel="noopener noreferrer">
            {t("websites.mpsLink")}
          </Button>
        }
      />
      <IncomingTransfers
        onAccepted={() => {
          websites.reload();
          apps.reload();
          watch.reload();
        }}
      />
      <Alert
        type="info"
        showIcon
        title={t("websites.guideTitle")}
        description={t("websites.guide")}
        style={{ marginBottom: 16 }}
      />
      <WatchFindings findings={watch.data?.items} />
      <FilingActions websites={items} />
      {websites.error ? (
        <Alert type="error" title={pick(websites.error.localized)} style={{ marginBottom: 16 }} />
      ) : null}
      {websites.loading && !websites.data ? <Card loading /> : null}
      {websites.data && filed.length === 0 ? (
        <Card style={{ marginBottom: 16 }} data-testid="websites-empty">
          <Empty
            description={
              <>
                <div>{t("websites.empty")}</div>
                <Typography.Text type="secondary">{t("websites.emptyHint")}</Typography.Text>
              </>
            }
          >
            <Button type="primary" onClick={() => navigate("/")}>
              {t("websites.startFiling")}
            </Button>
            <Space orientation="vertical" size={4} style={{ marginTop: 16 }} data-testid="bring-in">
              <Typography.Text type="secondary">
                {t("websites.claimPrompt")}
                <Button
                  type="link"
                  size="small"
                  onClick={() => setBringIn("claim")}
                  data-testid="start-claim"
                >
                  {t("filing.claim")}
                </Button>
              </Typography.Text>
              <Typography.Text type="secondary">
                {t("websites.addAccessPrompt")}
                <Button
                  type="link"
                  size="small"
                  onClick={() => setBringIn("add_access")}
                  data-testid="start-add-access"
                >
                  {t("filing.addAccess")}
                </Button>
              </Typography.Text>
            </Space>
          </Empty>
        </Card>
      ) : null}
      <DomainOrderModal kind={bringIn} onClose={() => setBringIn(null)} />
      {[...filed, ...cancelled].map((website) => (
        <WebsiteCard
          key={website.id}
          website={website}
          lastWebsite={filed.length === 1}
          onChange={replace}
          onChecked={checked}
        />
      ))}
      <FiledApps apps={apps.data?.items ?? []} />
    </>
  );
}

/** 我的App: the account's filed apps with their numbers (…号-1A); nothing while there are none. */
function FiledApps({ apps }: { apps: FiledApp[] }) {
  const { t } = useLang();
  if (apps.length === 0) return null;
  return (
    <Card
      style={{ marginBottom: 16 }}
      data-testid="filed-apps"
      title={
        <span>
          <AppstoreOutlined /> {t("apps.title")}
        </span>
      }
    >
      <Table<FiledApp>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={apps}
        scroll={{ x: "max-content" }}
        columns={[
          { title: t("apps.name"), dataIndex: "name" },
          {
            title: t("apps.number"),
            dataIndex: "appNumber",
            render: (number: string) => (
              <Typography.Text copyable data-testid="app-number">
                {number}
              </Typography.Text>
            ),
          },
          {
            title: t("apps.platforms"),
            dataIndex: "platforms",
            render: (platforms: string[]) =>
              platforms.map((platform) => <Tag key={platform}>{t(`value.${platform}`, platform)}</Tag>),
          },
          {
            title: t("apps.status"),
            dataIndex: "status",
            render: (status: string) => (
              <Tag color={status === "filed" ? "success" : "default"}>
                {t(`apps.statuses.${status}`, status)}
              </Tag>
            ),
          },
          {
            title: t("apps.filedOn"),
            dataIndex: "filedAt",
            render: (at: string) => chinaDay(Date.parse(at)),
          },
          {
            title: t("common.actions"),
            key: "order",
            render: (_value, app) => <Link to={`/orders/${app.orderId}`}>{t("apps.order")}</Link>,
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ margin: "12px 0 0", fontSize: 12 }}>
        {t("apps.hint")}
      </Typography.Paragraph>
    </Card>
  );
}

interface CardProps {
  website: FiledWebsite;
  onChange(next: FiledWebsite): void;
}

function WebsiteCard({
  website,
  lastWebsite,
  onChange,
  onChecked,
}: CardProps & { lastWebsite: boolean; onChecked(next: FiledWebsite): void }) {
  const { t } = useLang();
  const filed = website.status === "filed";
  const tone = toneOf(website.psb);
  const tag = { green: "recorded", red: "overdue", orange: "soon", blue: "due" }[tone];
  return (
    <Card
      className="website-card"
      style={{ marginBottom: 16 }}
      data-testid="website"
      data-domain={website.domain}
      data-status={website.status}
      title={
        <span>
          <GlobalOutlined /> {website.domain}
          <Typography.Text type="secondary" className="website-card-name">
            {website.name}
          </Typography.Text>
        </span>
      }
      extra={
        filed ? (
          <Flex gap={8} align="center" wrap justify="flex-end">
            <WebsiteActions website={website} lastWebsite={lastWebsite} />
            <Tag color={tone === "blue" ? "processing" : tone} variant="filled" data-testid="psb-tag">
              {t(`websites.tag.${tag}`)}
            </Tag>
          </Flex>
        ) : (
          <Tag data-testid="website-status" data-status={website.status}>
            {t(website.status === "access_cancelled" ? "websites.accessCancelled" : "websites.cancelled")}
          </Tag>
        )
      }
    >
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
        styles={{ label: { whiteSpace: "nowrap" } }}
        items={[
          { key: "name", label: t("websites.name"), children: website.name },
          {
            key: "websiteNumber",
            label: t("websites.websiteNumber"),
            children: <Typography.Text copyable>{website.websiteNumber}</Typography.Text>,
          },
          { key: "filedOn", label: t("websites.filedOn"), children: chinaDay(Date.parse(website.filedAt)) },
          { key: "subject", label: t("websites.subject"), children: website.subjectName },
          {
            key: "subjectNumber",
            label: t("websites.subjectNumber"),
            children: <Typography.Text copyable>{website.subjectNumber}</Typography.Text>,
          },
          {
            key: "openedOn",
            label: t("websites.openedOn"),
            children: website.openedOn ?? (
              <Typography.Text type="secondary">{t("websites.notRecorded")}</Typography.Text>
            ),
          },
        ]}
      />
      {filed ? <PsbSection website={website} onChange={onChange} tone={tone} /> : null}
      {filed ? (
        <FooterCheckPanel website={website} onChecked={(footer) => onChecked({ ...website, footer })} />
      ) : null}
    </Card>
  );
}

function PsbSection({ website, onChange, tone }: CardProps & { tone: Tone }) {
  const { t } = useLang();
  const [editing, setEditing] = useState(false);
  const { psb } = website;
  const recorded = psb.state === "recorded";
  const days = psb.daysLeft ?? 0;
  const status = recorded
    ? t("websites.recorded", { number: psb.number })
    : psb.state === "overdue"
      ? t("websites.overdue", { count: -days, due: psb.dueOn })
      : days === 0
        ? t("websites.lastDay", { due: psb.dueOn })
        : t("websites.daysLeft", { count: days, due: psb.dueOn });

  return (
    <div className="psb-section">
      <Typography.Title level={5}>{t("websites.psbTitle")}</Typography.Title>
      <Alert
        type={ALERT_TYPE[tone]}
        showIcon
        title={
          <span className={`psb-countdown psb-tone-${tone}`} data-testid="psb-countdown" data-tone={tone}>
            {status}
          </span>
        }
        description={
          recorded ? (
            t("websites.recordedAt", { at: formatTime(psb.recordedAt) })
          ) : (
            <div data-testid="psb-counts-from">
              <div>
                {t(psb.openingDayRecorded ? "websites.countsFromOpening" : "websites.countsFromFiling", {
                  day: psb.countsFrom,
                })}
              </div>
              {psb.openingDayRecorded ? null : (
                <div className="psb-note">
                  <ExclamationCircleOutlined /> {t("websites.openingNotRecorded")}
                </div>
              )}
            </div>
          )
        }
      />
      <Row gutter={[24, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <Step n={1} done={psb.openingDayRecorded} title={t("websites.stepOpening")}>
            {recorded ? (
              (website.openedOn ?? (
                <Typography.Text type="secondary">{t("websites.notRecorded")}</Typography.Text>
              ))
            ) : (
              <OpeningDayForm website={website} onChange={onChange} />
            )}
          </Step>
          <Step n={2} done={recorded} title={t("websites.stepFile")}>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t("websites.fileHint")}
            </Typography.Paragraph>
            <Typography.Link href={MPS_URL} target="_blank" rel="noopener noreferrer">
              <ExportOutlined /> {MPS_URL}
            </Typography.Link>
          </Step>
          <Step n={3} done={recorded} title={t("websites.stepNumber")}>
            {recorded && !editing ? (
              <Flex align="center" gap={8} wrap>
                <Typography.Text strong copyable data-testid="psb-number">
                  {psb.number}
                </Typography.Text>
                <Button type="link" size="small" onClick={() => setEditing(true)}>
                  {t("websites.editPsb")}
                </Button>
              </Flex>
            ) : (
              <PsbNumberForm
                website={website}
                onChange={(next) => {
                  setEditing(false);
                  onChange(next);
                }}
                onCancel={editing ? () => setEditing(false) : undefined}
              />
            )}
          </Step>
        </Col>
        <Col xs={24} xl={12}>
          <AccessCard website={website} />
        </Col>
      </Row>
      {psb.footerSnippet ? <FooterCode snippet={psb.footerSnippet} /> : null}
    </div>
  );
}

/** One numbered step of the public-security filing, ticked once done. */
function Step({
  n,
  done,
  title,
  children,
}: {
  n: number;
  done: boolean;
  title: string;
  children: ReactNode;
}) {
  return (
    <div className="psb-step">
      <div className="psb-step-head">
        <span className={done ? "psb-step-no psb-step-done" : "psb-step-no"}>
          {done ? <CheckOutlined /> : n}
        </span>
        <Typography.Text strong>{title}</Typography.Text>
      </div>
      <div className="psb-step-body">{children}</div>
    </div>
  );
}

/** 网站开通日期: a day from the ICP approval to today (China time); the server has the last word. */
function OpeningDayForm({ website, onChange }: CardProps) {
  const { t, pick } = useLang();
  const notify = useNotify();
  const [form] = Form.useForm<{ openedOn: Dayjs | null }>();
  const [busy, setBusy] = useState(false);
  const from = chinaDay(Date.parse(website.filedAt));
  const to = chinaDay(Date.now());

  const save = async ({ openedOn }: { openedOn: Dayjs | null }) => {
    if (!openedOn) return;
    setBusy(true);
    try {
      const next = await api.put<FiledWebsite>(
        `/api/websites/${encodeURIComponent(website.id)}/opening-day`,
        { openedOn: openedOn.format("YYYY-MM-DD") },
      );
      onChange(next);
      notify.ok(t("websites.saved"));
    } catch (error) {
      if (error instanceof ApiError && error.code === "OPENING_DAY_INVALID") {
        form.setFields([{ name: "openedOn", errors: [pick(error.localized)] }]);
      } else notify.fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form
      form={form}
      name={`opening-${website.id}`}
      onFinish={save}
      initialValues={{ openedOn: website.openedOn ? dayjs(website.openedOn) : null }}
    >
      <Flex gap={8} align="start" wrap>
        <Form.Item
          name="openedOn"
          rules={[{ required: true, message: t("login.required") }]}
          style={{ flex: "1 1 180px", maxWidth: 260, marginBottom: 8 }}
        >
          <DatePicker
            className="opening-day-picker"
            style={{ width: "100%" }}
            placeholder={t("websites.openedOn")}
            disabledDate={(day) => {
              const value = day.format("YYYY-MM-DD");
              return value < from || value > to;
            }}
          />
        </Form.Item>
        <Button htmlType="submit" loading={busy} data-testid="save-opening-day">
          {t("websites.saveOpening")}
        </Button>
      </Flex>
      <Typography.Text type="secondary" className="psb-hint">
        {t("websites.openingHint", { from, to })}
      </Typography.Text>
    </Form>
  );
}

/** 公安备案号: a format hint while typing; the server checks it and its error shows beside the field. */
function PsbNumberForm({ website, onChange, onCancel }: CardProps & { onCancel?: () => void }) {
  const { t, pick } = useLang();
  const notify = useNotify();
  const [form] = Form.useForm<{ psbNumber: string }>();
  const [busy, setBusy] = useState(false);

  const save = async ({ psbNumber }: { psbNumber: string }) => {
    setBusy(true);
    try {
      const next = await api.put<FiledWebsite>(`/api/websites/${encodeURIComponent(website.id)}/psb-number`, {
        psbNumber: psbNumber.trim(),
      });
      onChange(next);
      notify.ok(t("websites.saved"));
    } catch (error) {
      if (error instanceof ApiError && error.code === "PSB_NUMBER_INVALID") {
        const problem = (error.details as { problem?: string } | undefined)?.problem;
        const detail = problem === "prefix" || problem === "region" ? t(`websites.problem.${problem}`) : null;
        form.setFields([
          { name: "psbNumber", errors: detail ? [pick(error.localized), detail] : [pick(error.localized)] },
        ]);
      } else notify.fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form
      form={form}
      name={`psb-${website.id}`}
      onFinish={save}
      initialValues={{ psbNumber: website.psb.number ?? "" }}
    >
      <Flex gap={8} align="start" wrap>
        <Form.Item
          name="psbNumber"
          rules={[
            { required: true, whitespace: true, message: t("login.required") },
            { pattern: PSB_PATTERN, warningOnly: true, message: t("websites.psbFormatWarning") },
          ]}
          style={{ flex: "1 1 240px", maxWidth: 360, marginBottom: 8 }}
        >
          <Input
            className="psb-number-input"
            placeholder={t("websites.psbPlaceholder")}
            maxLength={40}
            allowClear
            autoComplete="off"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="save-psb-number">
          {t("websites.savePsb")}
        </Button>
        {onCancel ? <Button onClick={onCancel}>{t("common.cancel")}</Button> : null}
      </Flex>
      <Typography.Text type="secondary" className="psb-hint">
        {t("websites.psbFormat")}
      </Typography.Text>
    </Form>
  );
}

/** Copies text: the Clipboard API where the page may use it, else a hidden textarea and execCommand. */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // refused (no permission, no focus): try the old way
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.top = "0";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

/** 公安备案所需接入信息: what the public-security form asks about the access provider, to copy. */
function AccessCard({ website }: { website: FiledWebsite }) {
  const { t, pick, lang } = useLang();
  const { message } = App.useApp();
  const { card, openingDayRecorded } = website.psb;
  const rows: { key: string; label: string; value: string; note?: ReactNode }[] = [
    { key: "accessProvider", label: t("websites.accessProvider"), value: card.accessProvider },
    { key: "accessProviderPhone", label: t("websites.accessProviderPhone"), value: card.accessProviderPhone },
    { key: "accessMethod", label: t("websites.accessMethod"), value: pick(card.accessMethod) },
    { key: "serverLocation", label: t("websites.serverLocation"), value: pick(card.serverLocation) },
    { key: "ip", label: t("websites.ip"), value: card.ip },
    { key: "domain", label: t("websites.domain"), value: card.domain },
    { key: "icpNumber", label: t("websites.icpNumber"), value: card.icpNumber },
    {
      key: "openedOn",
      label: t("websites.openedOn"),
      value: card.openedOn,
      note: openingDayRecorded ? null : (
        <div className="psb-hint" style={{ color: "#d46b08" }}>
          {t("websites.assumedOpening")}
        </div>
      ),
    },
  ];
  const all = rows.map((row) => `${row.label}${lang === "zh" ? "：" : ": "}${row.value}`).join("\n");

  const copyAll = async () => {
    if (await copyText(all)) void message.success(t("websites.copiedAll"));
    else void message.error(t("websites.copyFailed"));
  };

  return (
    <Card
      type="inner"
      size="small"
      data-testid="access-card"
      title={
        <span>
          <IdcardOutlined /> {t("websites.card")}
        </span>
      }
      extra={
        <Button size="small" icon={<CopyOutlined />} onClick={copyAll} data-testid="copy-all">
          {t("websites.copyAll")}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" className="psb-hint">
        {t("websites.cardHint")}
      </Typography.Paragraph>
      <Descriptions
        bordered
        size="small"
        column={1}
        styles={{ label: { whiteSpace: "nowrap" } }}
        items={rows.map((row) => ({
          key: row.key,
          label: row.label,
          children: (
            <div data-field={row.key}>
              <Typography.Text copyable>{row.value}</Typography.Text>
              {row.note}
            </div>
          ),
        }))}
      />
    </Card>
  );
}

/** The footer code for the public-security number, with where its icon comes from. */
function FooterCode({ snippet }: { snippet: string }) {
  const { t } = useLang();
  return (
    <Card
      type="inner"
      size="small"
      title={t("websites.footerTitle")}
      style={{ marginTop: 16 }}
      data-testid="psb-footer"
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t("websites.footerHint")}
      </Typography.Paragraph>
      <Typography.Paragraph copyable={{ text: snippet }} style={{ marginBottom: 8 }}>
        <pre className="snippet" data-testid="psb-snippet">
          {snippet}
        </pre>
      </Typography.Paragraph>
      <Typography.Text type="secondary">
        {t("websites.iconHint")}{" "}
        <Typography.Link href={MPS_URL} target="_blank" rel="noopener noreferrer">
          beian.mps.gov.cn
        </Typography.Link>
      </Typography.Text>
    </Card>
  );
}
