import { DownloadOutlined, SearchOutlined } from "@ant-design/icons";
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Tooltip, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useCallback, useEffect, useState } from "react";
import { api } from "../api";
import { AuditTable } from "../components/review/AuditTable";
import { useStaff } from "../components/review/assignment";
import { toApiError } from "../hooks";
import { useLang } from "../i18n";
import { PageTitle } from "../layout/PageTitle";
import type { ApiError } from "../api";
import type { AuditEntry, AuditPage } from "../types";

const ENTITIES = ["order", "user", "account", "material", "service_code", "province_rule"];
const PAGE = 50;

interface SearchValues {
  entity?: string;
  entityId?: string;
  actorUserId?: string;
  action?: string;
  range?: [Dayjs, Dayjs] | null;
  q?: string;
}

function toQuery(values: SearchValues): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of ["entity", "entityId", "actorUserId", "action", "q"] as const) {
    const value = values[key]?.trim();
    if (value) query.set(key, value);
  }
  // Days in China time: the platform counts `to` up to the end of that day.
  if (values.range?.[0]) query.set("from", values.range[0].format("YYYY-MM-DD"));
  if (values.range?.[1]) query.set("to", values.range[1].format("YYYY-MM-DD"));
  query.set("limit", String(PAGE));
  return query;
}

/** The CSV export of what the search shows (the same filters, every page), in the page's language. */
function exportUrl(query: URLSearchParams, lang: string): string {
  const params = new URLSearchParams(query);
  params.delete("limit");
  params.set("lang", lang);
  return `/api/audit/export?${params.toString()}`;
}

/**
 * 审计日志 (supervisors): search the audit log; newest first, 加载更多 follows the cursor;
 * 导出 downloads every record the search matches as CSV.
 */
export default function AuditLog() {
  const { t, pick, lang } = useLang();
  const [form] = Form.useForm<SearchValues>();
  const staff = useStaff(true);
  const [query, setQuery] = useState<URLSearchParams>(() => toQuery({}));
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(async (base: URLSearchParams, after: string | null) => {
    const params = new URLSearchParams(base);
    if (after) params.set("cursor", after);
    setLoading(true);
    try {
      const page = await api.get<AuditPage>(`/api/audit?${params.toString()}`);
      setEntries((current) => (after ? [...current, ...page.items] : page.items));
      setCursor(page.nextCursor ?? null);
      setError(null);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(query, null);
  }, [query, load]);

  return (
    <>
      <PageTitle
        title={t("console.menu.audit")}
        parents={[[t("console.title"), "/console/queue"]]}
        extra={
          <Tooltip title={t("audit.exportHint")}>
            <Button
              icon={<DownloadOutlined />}
              href={exportUrl(query, lang)}
              download
              data-testid="audit-export"
            >
              {t("audit.export")}
            </Button>
          </Tooltip>
        }
      />
      <Card size="small" className="filter-bar" style={{ marginBottom: 16 }}>
        <Form
          form={form}
          name="audit"
          layout="inline"
          className="audit-search"
          onFinish={(values) => setQuery(toQuery(values))}
        >
          <Form.Item name="entity" label={t("audit.entity")}>
            <Select
              allowClear
              style={{ width: 140 }}
              placeholder={t("audit.all")}
              options={ENTITIES.map((value) => ({ value, label: t(`audit.entities.${value}`) }))}
            />
          </Form.Item>
          <Form.Item name="entityId" label={t("audit.entityId")}>
            <Input allowClear style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="actorUserId" label={t("audit.actor")}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              style={{ width: 160 }}
              placeholder={t("audit.all")}
              options={(staff.data?.items ?? []).map((member) => ({
                value: member.id,
                label: member.displayName,
              }))}
            />
          </Form.Item>
          <Form.Item name="action" label={t("audit.action")}>
            <Input allowClear style={{ width: 140 }} placeholder="return" />
          </Form.Item>
          <Form.Item name="range" label={t("audit.range")}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item name="q" label={t("audit.q")}>
            <Input allowClear style={{ width: 200 }} placeholder={t("audit.qPlaceholder")} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
                {t("audit.search")}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setQuery(toQuery({}));
                }}
              >
                {t("queue.reset")}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card>
        {error ? (
          <Alert type="error" showIcon title={pick(error.localized)} style={{ marginBottom: 16 }} />
        ) : null}
        <AuditTable entries={entries} loading={loading && entries.length === 0} showEntity />
        <div className="load-more">
          {cursor ? (
            <Button onClick={() => void load(query, cursor)} loading={loading} data-testid="audit-more">
              {t("audit.loadMore")}
            </Button>
          ) : entries.length > 0 ? (
            <Typography.Text type="secondary">{t("audit.noMore", { n: entries.length })}</Typography.Text>
          ) : null}
        </div>
      </Card>
    </>
  );
}
