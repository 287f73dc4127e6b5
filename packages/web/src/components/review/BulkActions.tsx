import { CheckOutlined, RollbackOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { api } from "../../api";
import { useLoad, useNotify } from "../../hooks";
import { useLang } from "../../i18n";
import type { BulkResult, Items, OrderData, QueueItem, ReasonTemplate } from "../../types";
import { fieldLabel, fieldPaths } from "../fields";
import { StateTag } from "../StateTag";
import { templatesFor } from "./templates";

/** Every path a bulk return may name: an organisation's, with one website (a personal order's are a subset). */
const BULK_PATHS = fieldPaths({ subject: { type: "organization" }, websites: [{}] } as OrderData);

interface BulkValues {
  note?: string;
  fields?: string[];
  reason?: string;
  template?: string;
}

interface Props {
  selected: QueueItem[];
  onClear: () => void;
  /** After the platform answered: reload the queue. */
  onDone: () => void;
}

/** 批量通过 / 批量退回 for the selected rows, then each order's outcome. */
export function BulkActions({ selected, onClear, onDone }: Props) {
  const { t, pick, lang } = useLang();
  const notify = useNotify();
  const [open, setOpen] = useState<"approve" | "return" | null>(null);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const [form] = Form.useForm<BulkValues>();
  const templates = useLoad<Items<ReasonTemplate>>(open === "return" ? "/api/review/reason-templates" : null);
  const chosenFields = Form.useWatch("fields", form);
  const numbers = useMemo(() => new Map(selected.map((order) => [order.id, order.number])), [selected]);
  const [resultNumbers, setResultNumbers] = useState<Map<string, string>>(new Map());

  const templateOptions = templatesFor(templates.data?.items ?? [], chosenFields ?? [], []).map((item) => ({
    value: item.id,
    label: pick(item.text),
  }));

  const submit = async (values: BulkValues) => {
    if (!open) return;
    const reason = (values.reason ?? "").trim();
    const body =
      open === "approve"
        ? {
            action: "approve",
            orderIds: [...numbers.keys()],
            ...(values.note?.trim() ? { note: values.note.trim() } : {}),
          }
        : {
            action: "return",
            orderIds: [...numbers.keys()],
            fields: (values.fields ?? []).map((field) => ({ field, reason })),
          };
    setBusy(true);
    try {
      const answer = await api.post<{ results: BulkResult[] }>("/api/review/bulk", body);
      setResultNumbers(new Map(numbers));
      setResults(answer.results);
      setOpen(null);
      onClear();
      onDone();
    } catch (error) {
      notify.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, message: t("login.required") }];
  const okCount = results?.filter((result) => result.ok).length ?? 0;
  return (
    <>
      {selected.length > 0 ? (
        <div className="bulk-bar" data-testid="bulk-bar">
          <Space wrap>
            <span>{t("queue.selected", { n: selected.length })}</span>
            <Button
              type="primary"
              size="small"
              icon={<CheckOutlined />}
              onClick={() => setOpen("approve")}
              data-testid="bulk-approve"
            >
              {t("queue.bulkApprove")}
            </Button>
            <Button
              size="small"
              icon={<RollbackOutlined />}
              onClick={() => setOpen("return")}
              data-testid="bulk-return"
            >
              {t("queue.bulkReturn")}
            </Button>
            <Button size="small" type="link" onClick={onClear}>
              {t("queue.clearSelection")}
            </Button>
          </Space>
        </div>
      ) : null}
      <Modal
        title={
          open === "approve"
            ? t("queue.bulkApproveTitle", { n: selected.length })
            : t("queue.bulkReturnTitle", { n: selected.length })
        }
        open={open !== null}
        width={640}
        okText={t("common.confirm")}
        cancelText={t("common.cancel")}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(null)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {open === "approve" ? t("queue.bulkApproveConfirm") : t("queue.bulkReturnHint")}
        </Typography.Paragraph>
        <div className="bulk-orders">
          {selected.map((order) => (
            <Tag key={order.id}>{order.number}</Tag>
          ))}
        </div>
        <Form form={form} name="bulk" layout="vertical" onFinish={submit} preserve={false}>
          {open === "approve" ? (
            <Form.Item name="note" label={t("review.note")}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="fields" label={t("queue.bulkFields")} rules={required}>
                <Select
                  mode="multiple"
                  showSearch={{ optionFilterProp: "label" }}
                  placeholder={t("review.field")}
                  options={BULK_PATHS.map((path) => ({ value: path, label: fieldLabel(path, t) }))}
                />
              </Form.Item>
              <Form.Item name="template" label={t("console.order.template")}>
                <Select
                  allowClear
                  placeholder={t("console.order.templatePlaceholder")}
                  options={templateOptions}
                  notFoundContent={t("console.order.noTemplates")}
                  onChange={(id?: string) => {
                    const template = templates.data?.items.find((item) => item.id === id);
                    if (template) form.setFieldValue("reason", template.text[lang]);
                  }}
                />
              </Form.Item>
              <Form.Item
                name="reason"
                label={t("queue.bulkReason")}
                rules={[{ required: true, whitespace: true, message: t("login.required") }]}
              >
                <Input.TextArea rows={3} maxLength={500} showCount />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
      <Modal
        title={t("queue.bulkResultTitle")}
        open={results !== null}
        width={720}
        onCancel={() => setResults(null)}
        footer={
          <Button type="primary" onClick={() => setResults(null)}>
            {t("common.confirm")}
          </Button>
        }
      >
        <Alert
          type={okCount === results?.length ? "success" : okCount === 0 ? "error" : "warning"}
          showIcon
          title={t("queue.bulkSummary", { ok: okCount, failed: (results?.length ?? 0) - okCount })}
          style={{ marginBottom: 12 }}
        />
        <Table<BulkResult>
          size="small"
          rowKey="orderId"
          pagination={false}
          dataSource={results ?? []}
          data-testid="bulk-results"
          onRow={(result) => ({ "data-order-id": result.orderId, "data-ok": String(result.ok) }) as object}
          columns={[
            {
              title: t("dashboard.number"),
              dataIndex: "orderId",
              render: (orderId: string) => resultNumbers.get(orderId) ?? orderId,
            },
            {
              title: t("queue.result"),
              render: (_, result) =>
                result.ok ? (
                  <Tag color="success">{t("queue.resultOk")}</Tag>
                ) : (
                  <Tag color="error">{t("queue.resultFailed")}</Tag>
                ),
            },
            {
              title: t("queue.resultDetail"),
              render: (_, result) =>
                result.ok ? (
                  result.state ? (
                    <StateTag
                      state={result.state}
                      label={{ zh: t(`state.${result.state}`), en: t(`state.${result.state}`) }}
                    />
                  ) : null
                ) : (
                  <Typography.Text type="danger">
                    {result.error ? pick(result.error.message) : "—"}
                  </Typography.Text>
                ),
            },
          ]}
        />
      </Modal>
    </>
  );
}
