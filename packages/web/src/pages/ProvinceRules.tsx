import { PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import { PROVINCES } from "@openbeian/core";
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { api } from "../api";
import { formatTime } from "../components/format";
import { useLoad, useNotify } from "../hooks";
import { useLang } from "../i18n";
import { PageTitle } from "../layout/PageTitle";
import type { LocalizedText } from "../types";

const ADMIN_SOURCE = "admin";

interface RuleConflict {
  rule: string;
  level: string;
  values: { value: unknown; source: string; effectiveFrom: string }[];
  chosen: unknown;
  reason: LocalizedText;
}

interface RuleOverride {
  id: string;
  province: string;
  rule: string;
  value: unknown;
  reason: string;
  effectiveFrom: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

/** GET /api/admin/province-rules/:province (server rules/admin.ts `provinceRulesView`). */
interface ProvinceRulesView {
  province: string;
  rules: Record<string, unknown>;
  sources: Record<string, string[]>;
  conflicts: RuleConflict[];
  rows: { province: string; rule: string; value: unknown; source: string; effectiveFrom: string }[];
  overrides: RuleOverride[];
}

interface ResolvedRow {
  rule: string;
  value: unknown;
  sources: string[];
}

interface OverrideValues {
  scope: "province" | "national";
  rule: string;
  value: string;
  reason: string;
  effectiveFrom: Dayjs;
}

const compact = (value: unknown) => JSON.stringify(value) ?? "null";

/** Parses the JSON typed into the value box; undefined when it does not parse. */
function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** 省份规则 (admins): a province's resolved rules with their sources, and the admin overrides. */
export default function ProvinceRules() {
  const { t, pick, lang } = useLang();
  const notify = useNotify();
  const [params, setParams] = useSearchParams();
  const requested = params.get("province");
  const province = PROVINCES.some((item) => item.code === requested) ? (requested as string) : "11";
  const view = useLoad<ProvinceRulesView>(`/api/admin/province-rules/${province}`);
  const data = view.data?.province === province ? view.data : null;
  const [adding, setAdding] = useState(false);
  const [revoking, setRevoking] = useState<RuleOverride | null>(null);
  const [revokeReason, setRevokeReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<OverrideValues>();

  const provinceName = (code: string) => {
    if (code === "*") return t("rules.national");
    const item = PROVINCES.find((entry) => entry.code === code);
    return item ? (lang === "zh" ? item.zh : item.en) : code;
  };

  const run = async (call: () => Promise<unknown>, success: string) => {
    setBusy(true);
    try {
      await call();
      notify.ok(success);
      view.reload();
      return true;
    } catch (error) {
      notify.fail(error);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const add = async (values: OverrideValues) => {
    const parsed = parseJson(values.value);
    if (!parsed.ok) return;
    const body = {
      province: values.scope === "national" ? "*" : province,
      rule: values.rule,
      value: parsed.value,
      reason: values.reason.trim(),
      effectiveFrom: values.effectiveFrom.format("YYYY-MM-DD"),
    };
    if (await run(() => api.post("/api/admin/province-rules/overrides", body), t("rules.added")))
      setAdding(false);
  };

  const revoke = async () => {
    if (!revoking || !revokeReason.trim()) return;
    const path = `/api/admin/province-rules/overrides/${encodeURIComponent(revoking.id)}/revoke`;
    if (await run(() => api.post(path, { reason: revokeReason.trim() }), t("rules.revoked")))
      setRevoking(null);
  };

  const resolved: ResolvedRow[] = data
    ? Object.entries(data.rules).map(([rule, value]) => ({ rule, value, sources: data.sources[rule] ?? [] }))
    : [];
  const today = dayjs().format("YYYY-MM-DD");
  const required = [{ required: true, whitespace: true, message: t("login.required") }];

  return (
    <>
      <PageTitle
        title={t("console.menu.rules")}
        parents={[[t("console.title"), "/console/queue"]]}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={view.reload} aria-label={t("common.refresh")} />
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!data}
              onClick={() => setAdding(true)}
              data-testid="rules-add"
            >
              {t("rules.add")}
            </Button>
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <Typography.Text>{t("rules.province")}</Typography.Text>
          <Select
            id="rules-province"
            style={{ width: 200 }}
            showSearch={{ optionFilterProp: "label" }}
            value={province}
            onChange={(code: string) => setParams({ province: code }, { replace: true })}
            options={PROVINCES.map((item) => ({
              value: item.code,
              label: lang === "zh" ? item.zh : item.en,
            }))}
          />
          <Typography.Text type="secondary">{t("rules.intro")}</Typography.Text>
        </Space>
      </Card>
      {view.error ? (
        <Alert type="error" showIcon title={pick(view.error.localized)} style={{ marginBottom: 16 }} />
      ) : null}
      {data?.conflicts.map((conflict) => (
        <Alert
          key={`${conflict.level}-${conflict.rule}`}
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="rules-conflict"
          title={t("rules.conflict", { rule: conflict.rule, level: provinceName(conflict.level) })}
          description={
            <Space orientation="vertical" size={2}>
              {conflict.values.map((entry) => (
                <Typography.Text key={`${entry.source}-${entry.effectiveFrom}`}>
                  <Typography.Text code>{compact(entry.value)}</Typography.Text> {entry.source} ·{" "}
                  {entry.effectiveFrom}
                </Typography.Text>
              ))}
              <Typography.Text>
                {t("rules.chosen")}: <Typography.Text code>{compact(conflict.chosen)}</Typography.Text> (
                {pick(conflict.reason)})
              </Typography.Text>
            </Space>
          }
        />
      ))}
      <Card title={t("rules.overrides")} style={{ marginBottom: 16 }} data-testid="rules-overrides">
        <Table<RuleOverride>
          rowKey="id"
          loading={view.loading && !data}
          dataSource={data?.overrides ?? []}
          pagination={false}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: t("rules.noOverrides") }}
          onRow={(item) =>
            ({ "data-rule": item.rule, "data-revoked": item.revokedAt ? "true" : "false" }) as object
          }
          columns={[
            { title: t("rules.rule"), dataIndex: "rule", render: (rule: string) => <code>{rule}</code> },
            {
              title: t("rules.value"),
              dataIndex: "value",
              render: (value: unknown) => <Typography.Text code>{compact(value)}</Typography.Text>,
            },
            {
              title: t("rules.scope"),
              dataIndex: "province",
              render: (code: string) => (
                <Tag color={code === "*" ? "purple" : "blue"}>{provinceName(code)}</Tag>
              ),
            },
            { title: t("rules.effectiveFrom"), dataIndex: "effectiveFrom" },
            { title: t("rules.reason"), dataIndex: "reason" },
            { title: t("rules.createdAt"), dataIndex: "createdAt", render: (at: string) => formatTime(at) },
            {
              title: t("staff.status"),
              key: "status",
              render: (_value, item) =>
                item.revokedAt ? (
                  <Tag>
                    {t("rules.revokedAt")} {formatTime(item.revokedAt)}
                  </Tag>
                ) : item.effectiveFrom > today ? (
                  <Tag color="gold">{t("rules.pending")}</Tag>
                ) : (
                  <Tag color="success">{t("rules.active")}</Tag>
                ),
            },
            {
              title: t("common.actions"),
              key: "actions",
              render: (_value, item) =>
                item.revokedAt ? null : (
                  <Button
                    type="link"
                    size="small"
                    danger
                    data-action="revoke"
                    onClick={() => {
                      setRevokeReason("");
                      setRevoking(item);
                    }}
                  >
                    {t("rules.revoke")}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <Card title={t("rules.resolved")} data-testid="rules-resolved" data-province={data?.province}>
        <Table<ResolvedRow>
          rowKey="rule"
          loading={view.loading && !data}
          dataSource={resolved}
          pagination={false}
          size="small"
          scroll={{ x: "max-content" }}
          onRow={(row) => ({ "data-rule": row.rule }) as object}
          columns={[
            { title: t("rules.rule"), dataIndex: "rule", render: (rule: string) => <code>{rule}</code> },
            {
              title: t("rules.value"),
              dataIndex: "value",
              render: (value: unknown) => (
                <Typography.Text code className="rule-value">
                  {compact(value)}
                </Typography.Text>
              ),
            },
            {
              title: t("rules.source"),
              dataIndex: "sources",
              render: (sources: string[]) =>
                sources.includes(ADMIN_SOURCE) ? (
                  <Tag color="purple" data-source="admin">
                    {t("rules.sourceAdmin")}
                  </Tag>
                ) : (
                  <Space size={4} wrap data-source="facts">
                    <Typography.Text type="secondary">{t("rules.sourceFacts")}</Typography.Text>
                    {sources.map((source) => (
                      <Tag key={source}>{source}</Tag>
                    ))}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        title={t("rules.addTitle", { province: provinceName(province) })}
        open={adding}
        okText={t("common.save")}
        cancelText={t("common.cancel")}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setAdding(false)}
        destroyOnHidden
      >
        <Form
          form={form}
          name="override"
          layout="vertical"
          onFinish={add}
          preserve={false}
          initialValues={{ scope: "province", effectiveFrom: dayjs() }}
        >
          <Form.Item name="scope" label={t("rules.scope")} rules={required}>
            <Radio.Group
              options={[
                { value: "province", label: provinceName(province) },
                { value: "national", label: t("rules.national") },
              ]}
            />
          </Form.Item>
          <Form.Item name="rule" label={t("rules.rule")} rules={required}>
            <Select
              showSearch
              options={resolved.map((row) => ({ value: row.rule, label: row.rule }))}
              onChange={(rule: string) =>
                form.setFieldValue("value", JSON.stringify(data?.rules[rule] ?? null, null, 2))
              }
            />
          </Form.Item>
          <Form.Item
            name="value"
            label={t("rules.valueJson")}
            extra={t("rules.valueHint")}
            rules={[
              ...required,
              {
                validator: (_rule, text: string | undefined) =>
                  !text?.trim() || parseJson(text).ok
                    ? Promise.resolve()
                    : Promise.reject(new Error(t("rules.valueInvalid"))),
              },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 12 }} style={{ fontFamily: "monospace" }} />
          </Form.Item>
          <Form.Item name="effectiveFrom" label={t("rules.effectiveFrom")} rules={[{ required: true }]}>
            <DatePicker style={{ width: "100%" }} format="YYYY-MM-DD" allowClear={false} />
          </Form.Item>
          <Form.Item name="reason" label={t("rules.reason")} rules={required}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={revoking ? t("rules.revokeTitle", { rule: revoking.rule }) : ""}
        open={revoking !== null}
        okText={t("rules.revoke")}
        cancelText={t("common.cancel")}
        okButtonProps={{ danger: true, disabled: !revokeReason.trim() }}
        confirmLoading={busy}
        onOk={() => void revoke()}
        onCancel={() => setRevoking(null)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t("rules.revokeHint")}</Typography.Paragraph>
        <Input.TextArea
          id="revoke-reason"
          placeholder={t("rules.reason")}
          maxLength={500}
          autoSize={{ minRows: 2, maxRows: 6 }}
          value={revokeReason}
          onChange={(event) => setRevokeReason(event.target.value)}
        />
      </Modal>
    </>
  );
}
