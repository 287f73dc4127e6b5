import {
  CheckOutlined,
  CloseOutlined,
  DeleteOutlined,
  PlusOutlined,
  RollbackOutlined,
  UserAddOutlined,
  UserDeleteOutlined,
  UserSwitchOutlined,
} from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
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
  Tooltip,
  Typography,
  type FormInstance,
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
import { MiitRecordCard } from "../components/filing/MiitRecordCard";
import { OrderKindTag } from "../components/filing/OrderKindTag";
import { stateLabelOf } from "../components/filing/orderKinds";
import { fieldLabel, fieldPaths } from "../components/fields";
import { formatTime } from "../components/format";
import { AuditTable } from "../components/review/AuditTable";
import { CallLog } from "../components/review/CallLog";
import { MaterialsGallery } from "../components/review/MaterialsGallery";
import { RevisionDiff } from "../components/review/RevisionDiff";
import { RISK_COLORS, RiskTags } from "../components/review/RiskTags";
import { SlaClock } from "../components/review/SlaClock";
import { ReassignModal, useAssignment, useStaff } from "../components/review/assignment";
import { ReviewKindPanel } from "../components/review/ReviewKindPanel";
import { provinceName } from "../components/review/labels";
import { templatesFor } from "../components/review/templates";
import { toApiError, useLoad, useNotify } from "../hooks";
import { useLang } from "../i18n";
import { PageLoading } from "../layout/PageLoading";
import { PageTitle } from "../layout/PageTitle";
import { isSupervisor, useSession } from "../session";
import type { AuditEntry, Items, Problem, ReasonTemplate, ReviewOrderView, Revision } from "../types";

type Decision = "approve" | "return" | "reject";

/** The decisions a reviewer has in a state (core's transition table), shown disabled on one's own account's order. */
const DECISIONS_IN: Partial<Record<string, Decision[]>> = {
  provider_review: ["approve", "return", "reject"],
  resubmitted: ["approve", "return", "reject"],
  queued_for_bureau: ["return"],
  regulator_returned: ["approve", "return"],
};

interface DecisionValues {
  note?: string;
  reason?: string;
  fields?: { field?: string; template?: string; reason?: string }[];
}

/**
 * 初审: the reviewer's view of one order. The header says who has it (领取 / 释放 / 转派) and
 * carries the three decisions; below, the pre-check, what changed since the last submission,
 * the data, the materials with the face-check photo beside the ID photo, the calls to the
 * applicant, the submissions, the history, the messages with MIIT and the audit trail. For
 * 新增接入 and 认领 MIIT's record of the domain stands beside the data, to compare.
 */
export default function ReviewOrder() {
  const { id = "" } = useParams();
  const { t, pick, lang } = useLang();
  const { user } = useSession();
  const supervisor = isSupervisor(user);
  const notify = useNotify();
  const base = `/api/review/orders/${encodeURIComponent(id)}`;
  const order = useLoad<ReviewOrderView>(base);
  const revisions = useLoad<Items<Revision>>(`${base}/revisions`);
  const audit = useLoad<Items<AuditEntry>>(`${base}/audit`);
  const [open, setOpen] = useState<Decision | null>(null);
  const [busy, setBusy] = useState(false);
  const [ownAccountError, setOwnAccountError] = useState(false);
  const [reassigning, setReassigning] = useState(false);
  const [form] = Form.useForm<DecisionValues>();
  // With the order, its own pre-check problems come first, as templates of their own.
  const templates = useLoad<Items<ReasonTemplate>>(
    open === "return" ? `/api/review/reason-templates?orderId=${encodeURIComponent(id)}` : null,
  );
  const staff = useStaff(supervisor);
  const reload = () => {
    order.reload();
    audit.reload();
  };
  const assignment = useAssignment(reload);

  if (order.error) return <Result status="warning" title={pick(order.error.localized)} />;
  if (!order.data) return <PageLoading />;
  const view = order.data;
  const items = revisions.data?.items ?? [];
  const latest = items.at(-1);
  const ownAccount = ownAccountError || view.ownAccount === true;
  // The platform offers no actions on one's own account's order; the buttons stay, disabled, to say why.
  const actions: string[] = ownAccount ? (DECISIONS_IN[view.state] ?? []) : view.allowedActions;
  const decidable = !ownAccount && actions.some((action) => ["approve", "return", "reject"].includes(action));

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
      order.setData(await api.post<ReviewOrderView>(`${base}/${open}`, body));
      notify.ok(t("order.done"));
      setOpen(null);
      revisions.reload();
      audit.reload();
    } catch (error) {
      if (toApiError(error).code === "REVIEW_OWN_ACCOUNT") {
        setOwnAccountError(true);
        setOpen(null);
      }
      notify.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, whitespace: true, message: t("login.required") }];
  const paths = fieldPaths(view.data);
  const decisionButtons = (
    [
      ["approve", <CheckOutlined key="i" />, "primary"],
      ["return", <RollbackOutlined key="i" />, "default"],
      ["reject", <CloseOutlined key="i" />, "danger"],
    ] as const
  )
    .filter(([action]) => actions.includes(action))
    .map(([action, icon, kind]) => {
      const button = (
        <Button
          key={action}
          icon={icon}
          type={kind === "primary" ? "primary" : "default"}
          danger={kind === "danger"}
          data-action={action}
          disabled={ownAccount}
          onClick={() => setOpen(action)}
        >
          {action === "approve" && view.state === "regulator_returned"
            ? t("review.resubmit")
            : t(`review.${action}`)}
        </Button>
      );
      return ownAccount ? (
        <Tooltip key={action} title={t("console.order.ownAccount")}>
          {button}
        </Tooltip>
      ) : (
        button
      );
    });

  // Who has the order: 领取 when nobody does, 释放 for the holder (and supervisors), 转派 for supervisors.
  const assignee = view.assignee;
  const mine = !!assignee && assignee.id === user?.id;
  const claimButtons = [
    !assignee && !ownAccount ? (
      <Button
        key="claim"
        icon={<UserAddOutlined />}
        data-action="claim"
        loading={assignment.busy === `claim:${view.id}`}
        onClick={() => void assignment.claim(view.id, view.number)}
      >
        {t("queue.claim")}
      </Button>
    ) : null,
    assignee && (mine || supervisor) ? (
      <Button
        key="release"
        icon={<UserDeleteOutlined />}
        data-action="release"
        loading={assignment.busy === `release:${view.id}`}
        onClick={() => void assignment.release(view.id)}
      >
        {t("queue.release")}
      </Button>
    ) : null,
    supervisor ? (
      <Button
        key="reassign"
        icon={<UserSwitchOutlined />}
        data-action="reassign"
        onClick={() => setReassigning(true)}
      >
        {t("queue.reassign")}
      </Button>
    ) : null,
  ].filter(Boolean);

  const modalTitle =
    open === "approve"
      ? view.state === "regulator_returned"
        ? t("review.resubmit")
        : t("review.approve")
      : open === "return"
        ? t("review.returnTitle")
        : t("review.rejectTitle");

  const signals = view.risk?.signals ?? [];

  return (
    <>
      <PageTitle
        title={`${t("review.title")} ${view.number}`}
        parents={[
          [t("console.title"), "/console/queue"],
          [t("console.menu.queue"), "/console/queue"],
        ]}
        extra={
          <Space wrap>
            {claimButtons}
            {decisionButtons}
          </Space>
        }
      />
      {ownAccount ? (
        <Alert type="warning" showIcon title={t("console.order.ownAccount")} style={{ marginBottom: 16 }} />
      ) : null}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          style={{ marginBottom: 16 }}
          items={[
            {
              key: "state",
              label: t("order.state"),
              children: <StateTag state={view.state} label={stateLabelOf(view)} />,
            },
            { key: "type", label: t("queue.orderType"), children: <OrderKindTag order={view} /> },
            { key: "subject", label: t("dashboard.subject"), children: view.subjectName ?? "—" },
            {
              key: "province",
              label: t("queue.province"),
              children: provinceName(view.provinceCode ?? view.data.subject?.divisionCode, lang),
            },
            { key: "submitted", label: t("order.submittedAt"), children: formatTime(view.submittedAt) },
            { key: "sla", label: t("queue.sla"), children: <SlaClock sla={view.sla} /> },
            { key: "risk", label: t("queue.risk"), children: <RiskTags risk={view.risk} /> },
            {
              key: "assignee",
              label: t("queue.assignee"),
              children: (
                <span data-testid="assignee">
                  {assignee ? (
                    <Space size={4}>
                      {assignee.displayName}
                      {mine ? <Tag color="blue">{t("queue.me")}</Tag> : null}
                    </Space>
                  ) : (
                    <Typography.Text type="secondary">{t("queue.unassigned")}</Typography.Text>
                  )}
                </span>
              ),
            },
          ]}
        />
        <OrderProgress order={view} />
      </Card>
      {signals.length > 0 ? (
        <Alert
          type={
            signals.some((signal) => signal.level === "high")
              ? "error"
              : signals.some((signal) => signal.level === "medium")
                ? "warning"
                : "info"
          }
          showIcon
          title={t("risk.signals", { score: view.risk?.score ?? 0 })}
          data-testid="risk-signals"
          description={
            <ul className="problem-list" style={{ margin: 0, paddingInlineStart: 20 }}>
              {signals.map((signal) => (
                <li key={signal.id}>
                  <Tag color={RISK_COLORS[signal.level]}>{t(`risk.${signal.level}`)}</Tag>
                  {pick(signal.message)}
                </li>
              ))}
            </ul>
          }
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {view.problems.length > 0 ? (
        <ProblemList problems={view.problems} title={t("console.order.precheck")} />
      ) : (
        <Alert type="success" showIcon title={t("review.noProblems")} style={{ marginBottom: 16 }} />
      )}
      <ReviewKindPanel view={view} audit={audit.data?.items ?? null} />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <RevisionDiff revisions={items} />
          <Card title={t("order.data")} style={{ marginBottom: 16 }}>
            <OrderDataView data={view.data} highlight={latest?.changedSincePrevious ?? []} />
          </Card>
          <MaterialsGallery orderId={view.id} />
        </Col>
        <Col xs={24} xl={8}>
          {/* 新增接入 and 认领: the filing as MIIT holds it, to compare with the order's data. */}
          <MiitRecordCard record={view.miitRecord} data={view.data} />
          <CallLog
            order={view}
            canLog={decidable}
            onOrder={(next) => {
              order.setData(next);
              audit.reload();
            }}
          />
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
      <Card title={t("console.order.auditTrail")} style={{ marginBottom: 16 }} data-testid="audit-trail">
        {audit.error ? (
          <Typography.Text type="secondary">{pick(audit.error.localized)}</Typography.Text>
        ) : (
          <AuditTable
            entries={[...(audit.data?.items ?? [])].reverse()}
            loading={audit.loading && !audit.data}
          />
        )}
      </Card>
      <Modal
        title={modalTitle}
        open={open !== null}
        width={open === "return" ? 880 : 520}
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
                  : view.type === "claim"
                    ? t("review.approveClaim")
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
                      <ReturnRow
                        key={row.key}
                        name={row.name}
                        form={form}
                        paths={paths}
                        problems={view.problems}
                        templates={templates.data?.items ?? []}
                        onRemove={rows.length === 1 ? null : () => remove(row.name)}
                      />
                    ))}
                    <Space wrap>
                      <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                        {t("review.addField")}
                      </Button>
                      {problemRows(view.problems, paths, pick).length > 0 ? (
                        <Button
                          type="dashed"
                          onClick={() => {
                            const current = (form.getFieldValue("fields") ?? []) as DecisionValues["fields"];
                            const kept = (current ?? []).filter((item) => item?.field);
                            const have = new Set(kept.map((item) => item.field));
                            form.setFieldValue("fields", [
                              ...kept,
                              ...problemRows(view.problems, paths, pick).filter(
                                (item) => !have.has(item.field),
                              ),
                            ]);
                          }}
                          data-testid="return-from-problems"
                        >
                          {t("console.order.fromProblems")}
                        </Button>
                      ) : null}
                    </Space>
                  </>
                )}
              </Form.List>
            </>
          ) : null}
        </Form>
      </Modal>
      <ReassignModal
        order={reassigning ? { id: view.id, number: view.number, assignee: view.assignee ?? null } : null}
        staff={staff.data?.items ?? []}
        onAssign={assignment.assign}
        onClose={() => setReassigning(false)}
      />
    </>
  );
}

/** One row per field the pre-check found a problem on, with its message as the reason. */
function problemRows(problems: Problem[], paths: string[], pick: (text: Problem["message"]) => string) {
  const rows = new Map<string, { field: string; reason: string }>();
  for (const problem of problems) {
    if (problem.severity !== "error" || !paths.includes(problem.field) || rows.has(problem.field)) continue;
    rows.set(problem.field, { field: problem.field, reason: pick(problem.message) });
  }
  return [...rows.values()];
}

interface ReturnRowProps {
  name: number;
  form: FormInstance<DecisionValues>;
  paths: string[];
  problems: Problem[];
  templates: ReasonTemplate[];
  onRemove: (() => void) | null;
}

/** A returned field: which one, a reason template that fits it (fills the reason), the reason itself. */
function ReturnRow({ name, form, paths, problems, templates, onRemove }: ReturnRowProps) {
  const { t, pick } = useLang();
  const field = Form.useWatch(["fields", name, "field"], form) as string | undefined;
  const fitting = field ? templatesFor(templates, [field], problems) : [];
  const required = [{ required: true, whitespace: true, message: t("login.required") }];
  return (
    <Row gutter={8} align="top" className="return-row">
      <Col xs={24} md={9}>
        <Form.Item name={[name, "field"]} rules={required}>
          <Select
            showSearch={{ optionFilterProp: "label" }}
            placeholder={t("review.field")}
            options={paths.map((path) => ({ value: path, label: fieldLabel(path, t) }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item name={[name, "template"]}>
          <Select
            allowClear
            disabled={!field}
            placeholder={t("console.order.template")}
            notFoundContent={t("console.order.noTemplates")}
            options={fitting.map((template) => ({ value: template.id, label: pick(template.text) }))}
            popupMatchSelectWidth={320}
            onChange={(id?: string) => {
              const template = templates.find((item) => item.id === id);
              if (template) form.setFieldValue(["fields", name, "reason"], pick(template.text));
            }}
          />
        </Form.Item>
      </Col>
      <Col xs={22} md={8}>
        <Form.Item name={[name, "reason"]} rules={required}>
          <Input placeholder={t("review.reason")} maxLength={500} />
        </Form.Item>
      </Col>
      <Col xs={2} md={1}>
        <Button
          type="text"
          icon={<DeleteOutlined />}
          disabled={!onRemove}
          onClick={() => onRemove?.()}
          aria-label="remove"
        />
      </Col>
    </Row>
  );
}
