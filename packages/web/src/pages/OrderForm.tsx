import { CopyOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  Result,
  Row,
  Select,
  Space,
  Tag,
  Typography,
  theme,
} from "antd";
import { useMemo, useState, type CSSProperties, type ReactNode } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api } from "../api";
import { PersonFields, namePath, type FieldRenderer } from "../components/PersonFields";
import { ProblemList } from "../components/ProblemList";
import { ReturnedFieldsAlert } from "../components/ReturnedFieldsAlert";
import { StateTag } from "../components/StateTag";
import { isPathWithin } from "../components/fields";
import { fromFormValues, mergeEditable, toFormValues } from "../components/formData";
import { useLivePrecheck } from "../components/useLivePrecheck";
import { useSubmitOrder } from "../components/useSubmitOrder";
import { useLoad, useNotify } from "../hooks";
import { useLang } from "../i18n";
import { PageLoading } from "../layout/PageLoading";
import { PageTitle } from "../layout/PageTitle";
import type { Domain, Items, OrderData, OrderView, Problem, ServiceCode } from "../types";

/** 填写备案信息: one page with the subject and website sections; save as draft or submit. */
export default function OrderForm() {
  const { id = "" } = useParams();
  const { t, pick } = useLang();
  const navigate = useNavigate();
  const notify = useNotify();
  const [form] = Form.useForm();
  const order = useLoad<OrderView>(`/api/orders/${encodeURIComponent(id)}`);
  const domains = useLoad<Items<Domain>>("/api/domains");
  const codes = useLoad<Items<ServiceCode>>("/api/service-codes");
  const { token } = theme.useToken();
  // The server's problems from the last save or submit; dropped on the next edit, when the live check takes over.
  const [serverProblems, setServerProblems] = useState<Problem[] | null>(null);
  const [busy, setBusy] = useState<"save" | "submit" | null>(null);
  const submit = useSubmitOrder(setServerProblems);
  const view = order.data;
  const canEdit = !!view?.allowedActions.includes("edit");

  // The form starts from the data as loaded; later saves keep the user's input as it is.
  const viewId = view?.id;
  const initialValues = useMemo(() => (view ? toFormValues(view.data) : null), [viewId]);

  const returned = view?.state === "returned";
  const editable = (path: string) =>
    !returned || !!view?.returnedFields.some((item) => isPathWithin(path, item.field));
  /** The order data as it would be saved: for a returned order, only the returned fields change. */
  const collect = (): OrderData => {
    const edited = fromFormValues(form.getFieldsValue(true) as Record<string, unknown>);
    return returned && view ? mergeEditable(view.data, edited, editable) : edited;
  };
  const live = useLivePrecheck(canEdit && viewId ? viewId : null, () => (view ? collect() : null));
  const problems = mergeProblems(live.problems, serverProblems);

  if (order.error) return <Result status="warning" title={pick(order.error.localized)} />;
  if (!view || !initialValues) return <PageLoading />;
  if (!view.allowedActions.includes("edit")) {
    return (
      <Result
        status="info"
        title={pick(view.stateLabel)}
        subTitle={pick(view.nextStep)}
        extra={<Link to={`/orders/${view.id}`}>{t("order.backToDetail")}</Link>}
      />
    );
  }

  const field: FieldRenderer = (path, label, input, options) => {
    const own = problems.filter((problem) => problem.field === path);
    const reason = view.returnedFields.find((item) => isPathWithin(path, item.field));
    const status = own.some((problem) => problem.severity === "error")
      ? "error"
      : own.length > 0 || reason
        ? "warning"
        : undefined;
    // Beside a red field, its warnings stay orange.
    const warningStyle = status === "error" ? { color: token.colorWarning } : undefined;
    const help: ReactNode[] = [
      ...(reason ? [<span style={warningStyle}>{`${t("review.reason")}：${reason.reason}`}</span>] : []),
      ...own.map((problem) => (
        <span
          data-severity={problem.severity}
          style={problem.severity === "warning" ? warningStyle : undefined}
        >
          {pick(problem.message)}
        </span>
      )),
    ];
    return (
      <Form.Item
        name={namePath(path)}
        label={label}
        valuePropName={options?.valuePropName}
        validateStatus={status}
        help={help.length > 0 ? help.map((line, index) => <div key={index}>{line}</div>) : undefined}
        data-path={path}
      >
        {input(!editable(path))}
      </Form.Item>
    );
  };
  const half = (node: ReactNode) => (
    <Col xs={24} md={12}>
      {node}
    </Col>
  );

  const save = async () => {
    const next = await api.put<OrderView>(`/api/orders/${view.id}/data`, {
      version: view.version,
      data: collect(),
    });
    order.setData(next);
    // The pre-check context depends on the saved data (domains filed, subject records, mobiles).
    live.reload();
    return next;
  };
  const onSave = async () => {
    setBusy("save");
    try {
      const next = await save();
      setServerProblems(next.problems);
      notify.ok(t("common.saved"));
    } catch (error) {
      notify.fail(error);
    } finally {
      setBusy(null);
    }
  };
  const onSubmit = async () => {
    setBusy("submit");
    try {
      const saved = await save();
      const submitted = await submit(saved);
      if (submitted) {
        notify.ok(t("order.submitted"));
        navigate(`/orders/${view.id}`);
      } else window.scrollTo({ top: 0, behavior: "smooth" });
    } catch (error) {
      notify.fail(error);
    } finally {
      setBusy(null);
    }
  };

  const usableCodes = (codes.data?.items ?? []).filter(
    (code) => code.state === "unused" || code.orderId === view.id,
  );
  const copyHead = () => {
    const head = form.getFieldValue(["subject", "head"]) as Record<string, unknown> | undefined;
    form.setFieldValue(["websites", 0, "head"], { ...head });
    live.schedule();
    notify.ok(t("form.copyFromSubjectDone"));
  };

  return (
    <>
      <PageTitle
        title={t("order.formTitle")}
        parents={[
          [t("menu.dashboard"), "/"],
          [view.number, `/orders/${view.id}`],
        ]}
        extra={<StateTag state={view.state} label={view.stateLabel} />}
      />
      <ReturnedFieldsAlert title={t("order.returnedHint")} fields={view.returnedFields} />
      <ProblemList problems={problems} />
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues}
        className="order-form"
        onValuesChange={() => {
          setServerProblems(null);
          live.schedule();
        }}
      >
        <Card title={t("form.subjectSection")} style={{ marginBottom: 16 }}>
          <Row gutter={24}>
            {half(
              field("subject.type", t("field.subject.type"), (disabled) => (
                <Select disabled={disabled} options={[{ value: "personal", label: t("value.personal") }]} />
              )),
            )}
            {half(
              field("subject.name", t("field.subject.name"), (disabled) => (
                <Input disabled={disabled} maxLength={64} />
              )),
            )}
            {half(
              field("subject.certificateType", t("field.subject.certificateType"), (disabled) => (
                <Select
                  disabled={disabled}
                  options={[{ value: "resident_id", label: t("value.resident_id") }]}
                />
              )),
            )}
            {half(
              field("subject.certificateNumber", t("field.subject.certificateNumber"), (disabled) => (
                <Input disabled={disabled} maxLength={18} />
              )),
            )}
            {half(
              field("subject.divisionCode", t("field.subject.divisionCode"), (disabled) => (
                <Input disabled={disabled} maxLength={6} placeholder={t("form.divisionHint")} />
              )),
            )}
            {half(
              field("subject.address", t("field.subject.address"), (disabled) => (
                <Input disabled={disabled} maxLength={200} />
              )),
            )}
          </Row>
        </Card>
        <Card title={t("form.subjectHeadSection")} style={{ marginBottom: 16 }}>
          <PersonFields at="subject.head" field={field} />
        </Card>
        <Card title={t("form.websiteSection")} style={{ marginBottom: 16 }}>
          {domains.data && domains.data.items.length === 0 ? (
            <Alert
              type="warning"
              showIcon
              title={<Link to="/domains">{t("form.noDomains")}</Link>}
              style={{ marginBottom: 16 }}
            />
          ) : null}
          {codes.data && usableCodes.length === 0 ? (
            <Alert
              type="warning"
              showIcon
              title={<Link to="/servers">{t("form.noCodes")}</Link>}
              style={{ marginBottom: 16 }}
            />
          ) : null}
          <Row gutter={24}>
            {half(
              field("websites.0.name", t("field.website.name"), (disabled) => (
                <Input disabled={disabled} maxLength={64} />
              )),
            )}
            {half(
              field("websites.0.domain", t("field.website.domain"), (disabled) => (
                <Select
                  disabled={disabled}
                  placeholder={t("form.domainPlaceholder")}
                  options={(domains.data?.items ?? []).map((domain) => ({
                    value: domain.name,
                    label: domain.name,
                  }))}
                  onChange={(domain: string) => {
                    if (!form.getFieldValue(["websites", 0, "homeUrl"]) && editable("websites.0.homeUrl")) {
                      form.setFieldValue(["websites", 0, "homeUrl"], `http://${domain}`);
                    }
                  }}
                />
              )),
            )}
            {half(
              field("websites.0.homeUrl", t("field.website.homeUrl"), (disabled) => (
                <Input disabled={disabled} maxLength={300} placeholder="http://" />
              )),
            )}
            {half(
              field("websites.0.serviceContent", t("field.website.serviceContent"), (disabled) => (
                <Select
                  disabled={disabled}
                  options={["blog", "other"].map((value) => ({ value, label: t(`value.${value}`) }))}
                />
              )),
            )}
            {half(
              field("websites.0.languages", t("field.website.languages"), (disabled) => (
                <Select
                  mode="multiple"
                  disabled={disabled}
                  options={["zh-CN", "zh-TW", "en"].map((value) => ({ value, label: t(`value.${value}`) }))}
                />
              )),
            )}
            {half(
              field("websites.0.serviceCode", t("field.website.serviceCode"), (disabled) => (
                <Select
                  disabled={disabled}
                  placeholder={t("form.codePlaceholder")}
                  options={usableCodes.map((code) => ({
                    value: code.code,
                    label: (
                      <Space>
                        {code.code}
                        <Tag>{t(`codeState.${code.state}`)}</Tag>
                      </Space>
                    ),
                  }))}
                />
              )),
            )}
            <Col span={24}>
              {field("websites.0.remark", t("field.website.remark"), (disabled) => (
                <Input.TextArea
                  disabled={disabled}
                  rows={3}
                  maxLength={500}
                  showCount
                  placeholder={t("form.remarkHint")}
                />
              ))}
            </Col>
          </Row>
        </Card>
        <Card
          title={t("form.websiteHeadSection")}
          style={{ marginBottom: 16 }}
          extra={
            <Button
              icon={<CopyOutlined />}
              onClick={copyHead}
              disabled={!editable("websites.0.head")}
              data-testid="copy-head"
            >
              {t("form.copyFromSubject")}
            </Button>
          }
        >
          <PersonFields at="websites.0.head" field={field} />
        </Card>
      </Form>
      <Card className="form-actions" style={{ position: "sticky", bottom: 0, zIndex: 10 }}>
        <Flex gap={8} justify="flex-end" align="center" wrap>
          {live.problems ? (
            <LiveCheckLine problems={live.problems} style={{ marginInlineEnd: "auto" }} />
          ) : null}
          <Link to={`/orders/${view.id}`}>
            <Button>{t("order.backToDetail")}</Button>
          </Link>
          <Button
            onClick={onSave}
            loading={busy === "save"}
            disabled={busy !== null}
            data-testid="save-draft"
          >
            {t("order.saveDraft")}
          </Button>
          <Button
            type="primary"
            onClick={onSubmit}
            loading={busy === "submit"}
            disabled={busy !== null}
            data-testid="submit-order"
          >
            {t("order.submitReview")}
          </Button>
        </Flex>
      </Card>
    </>
  );
}

/** "实时检查：2个错误，1个提示", the live check's tally. */
function LiveCheckLine({ problems, style }: { problems: Problem[]; style?: CSSProperties }) {
  const { t } = useLang();
  const errors = problems.filter((problem) => problem.severity === "error").length;
  const warnings = problems.length - errors;
  return (
    <Typography.Text
      type={errors > 0 ? "danger" : warnings > 0 ? "warning" : "success"}
      style={{ fontSize: 12, ...style }}
      data-testid="live-check"
      data-errors={errors}
      data-warnings={warnings}
    >
      {t("form.liveCheck", {
        errors: t("form.liveErrors", { count: errors }),
        warnings: t("form.liveWarnings", { count: warnings }),
      })}
    </Typography.Text>
  );
}

/** The live problems and the server's, each once (the server may know more, e.g. after a race). */
function mergeProblems(live: Problem[] | null, server: Problem[] | null): Problem[] {
  const seen = new Set<string>();
  return [...(live ?? []), ...(server ?? [])].filter((problem) => {
    const key = `${problem.field}\u0000${problem.ruleId}\u0000${problem.message.zh}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
