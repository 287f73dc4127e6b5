import {
  CheckOutlined,
  CloseOutlined,
  DeleteOutlined,
  PlusOutlined,
  RollbackOutlined,
} from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Result,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useParams } from "react-router-dom";
import { api } from "../api";
import { OrderDataView } from "../components/OrderDataView";
import { OrderProgress } from "../components/OrderProgress";
import { RegulatorMessages } from "../components/RegulatorMessages";
import { OrderTimeline } from "../components/OrderTimeline";
import { ProblemList } from "../components/ProblemList";
import { StateTag } from "../components/StateTag";
import { fieldLabel, fieldPaths } from "../components/fields";
import { formatTime } from "../components/format";
import { useLoad, useNotify } from "../hooks";
import { useLang } from "../i18n";
import { PageLoading } from "../layout/PageLoading";
import { PageTitle } from "../layout/PageTitle";
import type { Items, OrderView, Revision } from "../types";

type Decision = "approve" | "return" | "reject";

interface DecisionValues {
  note?: string;
  reason?: string;
  fields?: { field?: string; reason?: string }[];
}

/** 初审: the reviewer's view of one order with its revisions and the three decisions. */
export default function ReviewOrder() {
  const { id = "" } = useParams();
  const { t, pick } = useLang();
  const notify = useNotify();
  const base = `/api/review/orders/${encodeURIComponent(id)}`;
  const order = useLoad<OrderView>(base);
  const revisions = useLoad<Items<Revision>>(`${base}/revisions`);
  const [open, setOpen] = useState<Decision | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<DecisionValues>();

  if (order.error) return <Result status="warning" title={pick(order.error.localized)} />;
  if (!order.data) return <PageLoading />;
  const view = order.data;
  const items = revisions.data?.items ?? [];
  const latest = items.at(-1);

  const decide = async (values: DecisionValues) => {
    if (!open) return;
    const body =
      open === "approve"
        ? { version: view.version, ...(values.note?.trim() ? { note: values.note.trim() } : {}) }
        : open === "reject"
          ? { version: view.version, reason: (values.reason ?? "").trim() }
          : {
              version: view.version,
              fields: (values.fields ?? []).map((item) => ({
                field: item.field ?? "",
                reason: (item.reason ?? "").trim(),
              })),
            };
    setBusy(true);
    try {
      order.setData(await api.post<OrderView>(`${base}/${open}`, body));
      notify.ok(t("order.done"));
      setOpen(null);
      revisions.reload();
    } catch (error) {
      notify.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, whitespace: true, message: t("login.required") }];
  const paths = fieldPaths(view.data);
  const buttons = (
    [
      ["approve", <CheckOutlined key="i" />, "primary"],
      ["return", <RollbackOutlined key="i" />, "default"],
      ["reject", <CloseOutlined key="i" />, "danger"],
    ] as const
  )
    .filter(([action]) => view.allowedActions.includes(action))
    .map(([action, icon, kind]) => (
      <Button
        key={action}
        icon={icon}
        type={kind === "primary" ? "primary" : "default"}
        danger={kind === "danger"}
        data-action={action}
        onClick={() => setOpen(action)}
      >
        {action === "approve" && view.state === "regulator_returned"
          ? t("review.resubmit")
          : t(`review.${action}`)}
      </Button>
    ));

  const modalTitle =
    open === "approve"
      ? view.state === "regulator_returned"
        ? t("review.resubmit")
        : t("review.approve")
      : open === "return"
        ? t("review.returnTitle")
        : t("review.rejectTitle");

  return (
    <>
      <PageTitle
        title={`${t("review.title")} ${view.number}`}
        parents={[[t("review.queue"), "/review"]]}
        extra={buttons}
      />
      <Card style={{ marginBottom: 16 }}>
        <Space size="large" wrap style={{ marginBottom: 24 }}>
          <span>
            {t("order.state")}：<StateTag state={view.state} label={view.stateLabel} />
          </span>
          <span>
            {t("order.submittedAt")}：{formatTime(view.submittedAt)}
          </span>
          <span>
            {t("dashboard.subject")}：{view.subjectName ?? "—"}
          </span>
        </Space>
        <OrderProgress order={view} />
      </Card>
      {view.problems.length > 0 ? (
        <ProblemList problems={view.problems} />
      ) : (
        <Alert type="success" showIcon title={t("review.noProblems")} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title={t("order.data")} style={{ marginBottom: 16 }}>
            <OrderDataView data={view.data} highlight={latest?.changedSincePrevious ?? []} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t("review.revisions")} style={{ marginBottom: 16 }} loading={revisions.loading}>
            {items.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <List
                dataSource={[...items].reverse()}
                renderItem={(revision) => (
                  <List.Item>
                    <div>
                      <Typography.Text strong>
                        {t("review.revision", { n: revision.revision })}
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                        {formatTime(revision.submittedAt)}
                      </Typography.Text>
                      <div style={{ marginTop: 4 }}>
                        {revision.changedSincePrevious.length === 0 ? (
                          <Typography.Text type="secondary">{t("review.firstRevision")}</Typography.Text>
                        ) : (
                          <>
                            <div>{t("review.changed")}：</div>
                            {revision.changedSincePrevious.map((path) => (
                              <Tag key={path} color="orange" style={{ marginTop: 4 }}>
                                {fieldLabel(path, t)}
                              </Tag>
                            ))}
                          </>
                        )}
                      </div>
                    </div>
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Card title={t("order.timeline")} style={{ marginBottom: 16 }}>
            <OrderTimeline entries={view.timeline} />
          </Card>
          <RegulatorMessages key={view.version} orderId={view.id} />
        </Col>
      </Row>
      <Modal
        title={modalTitle}
        open={open !== null}
        width={open === "return" ? 720 : 520}
        okText={t("common.confirm")}
        cancelText={t("common.cancel")}
        okButtonProps={{ danger: open === "reject" }}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(null)}
        destroyOnHidden
      >
        <Form
          form={form}
          name="decision"
          layout="vertical"
          onFinish={decide}
          preserve={false}
          initialValues={{ fields: [{}] }}
        >
          {open === "approve" ? (
            <>
              <Typography.Paragraph>
                {view.state === "regulator_returned"
                  ? t("review.resubmitConfirm")
                  : t("review.approveConfirm")}
              </Typography.Paragraph>
              <Form.Item name="note" label={t("review.note")}>
                <Input.TextArea rows={3} maxLength={500} />
              </Form.Item>
            </>
          ) : null}
          {open === "reject" ? (
            <Form.Item name="reason" label={t("review.rejectReason")} rules={required}>
              <Input.TextArea rows={4} maxLength={500} showCount />
            </Form.Item>
          ) : null}
          {open === "return" ? (
            <>
              <Typography.Paragraph type="secondary">{t("review.returnHint")}</Typography.Paragraph>
              <Form.List name="fields">
                {(rows, { add, remove }) => (
                  <>
                    {rows.map((row) => (
                      <Row key={row.key} gutter={8} align="top">
                        <Col span={10}>
                          <Form.Item name={[row.name, "field"]} rules={required}>
                            <Select
                              showSearch={{ optionFilterProp: "label" }}
                              placeholder={t("review.field")}
                              options={paths.map((path) => ({ value: path, label: fieldLabel(path, t) }))}
                            />
                          </Form.Item>
                        </Col>
                        <Col span={12}>
                          <Form.Item name={[row.name, "reason"]} rules={required}>
                            <Input placeholder={t("review.reason")} maxLength={500} />
                          </Form.Item>
                        </Col>
                        <Col span={2}>
                          <Button
                            type="text"
                            icon={<DeleteOutlined />}
                            disabled={rows.length === 1}
                            onClick={() => remove(row.name)}
                            aria-label="remove"
                          />
                        </Col>
                      </Row>
                    ))}
                    <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})}>
                      {t("review.addField")}
                    </Button>
                  </>
                )}
              </Form.List>
            </>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
