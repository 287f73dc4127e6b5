import { LeftOutlined, RightOutlined, SendOutlined } from "@ant-design/icons";
import { App, Badge, Button, Card, Flex, Form, Grid, Result, Steps, Tag, Typography } from "antd";
import { useMemo, useRef, useState } from "react";
import { Link, Navigate, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { api } from "../api";
import { FaceCapture } from "../components/FaceCapture";
import { MaterialsStep } from "../components/MaterialsStep";
import { ReturnedFieldsAlert } from "../components/ReturnedFieldsAlert";
import { StateTag } from "../components/StateTag";
import { isPathWithin } from "../components/fields";
import { fromFormValues, mergeEditable, toFormValues } from "../components/formData";
import { materialsPath } from "../components/materials";
import { ChangeSummary } from "../components/filing/ChangeSummary";
import { useChangeDiff } from "../components/filing/changeDiff";
import { DomainOrderModal, type DomainOrderKind } from "../components/filing/DomainOrderModal";
import { hasWizard } from "../components/filing/orderKinds";
import { useBlockingNotice } from "../components/filing/useBlockingNotice";
import { useLivePrecheck } from "../components/useLivePrecheck";
import { useSubmitOrder } from "../components/useSubmitOrder";
import { KindHeader } from "../components/wizard/KindHeader";
import { LiveCheckLine } from "../components/wizard/LiveCheckLine";
import { StepApp } from "../components/wizard/StepApp";
import { StepBasics } from "../components/wizard/StepBasics";
import { StepProblems } from "../components/wizard/StepProblems";
import { StepReview } from "../components/wizard/StepReview";
import { StepSubject } from "../components/wizard/StepSubject";
import { StepWebsite } from "../components/wizard/StepWebsite";
import { WebsiteTabs } from "../components/wizard/WebsiteTabs";
import { useFieldRenderer } from "../components/wizard/fieldRenderer";
import {
  decidesType,
  lockedByKind,
  nearestStep,
  stepTitleKey,
  stepsOf,
  usesServiceCode,
} from "../components/wizard/kinds";
import {
  LAST_STEP,
  STEP_KEYS,
  countErrors,
  mergeProblems,
  stepFromParam,
  stepOfField,
  stepOfProblem,
} from "../components/wizard/steps";
import { useLoad, useNotify } from "../hooks";
import { useLang } from "../i18n";
import { PageLoading } from "../layout/PageLoading";
import { PageTitle } from "../layout/PageTitle";
import type { Domain, Items, MaterialsView, OrderData, OrderView, Problem, ServiceCode } from "../types";

type Busy = "save" | "prev" | "next" | "goto" | "submit";

/**
 * 填写备案信息 as a wizard: 基础信息校验 → 主办者信息 → 互联网信息服务 → 上传资料 →
 * 人脸核验 → 提交. One form holds the whole order; the step is in the URL
 * (?step=N, from 1); every move between steps saves the draft. The live
 * pre-check shows each problem beside its field, a summary per step and a
 * badge on each step with errors. A returned order opens on the first step
 * with a returned field, and only those fields are editable.
 *
 * Orders on a filing (components/wizard/kinds.ts) show their kind at the top: a
 * change skips the documents and the face check, keeps what MIIT fixes locked,
 * edits every filed website and shows what it changes, what MIIT receives it as
 * and who gets an SMS; an added website keeps the filed subject read-only. A
 * watch finding's fields (?focus=…) are marked and the first one focused. A
 * cancellation or a transfer has nothing to edit: its order page takes it. 新增接入 and
 * 认领备案 keep the domain MIIT's record was read for (a claim also keeps the access: no
 * service code) and show the record; an app (APP备案) fills in the app instead of a website.
 * A first filing whose domain the records show filed elsewhere offers to become 新增接入
 * (or 认领备案), abandoning itself first: one order at a time per account.
 */
export default function OrderWizard() {
  const { id = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const { t, pick } = useLang();
  const navigate = useNavigate();
  const notify = useNotify();
  const showError = useBlockingNotice();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm();
  const order = useLoad<OrderView>(`/api/orders/${encodeURIComponent(id)}`);
  const domains = useLoad<Items<Domain>>("/api/domains");
  const codes = useLoad<Items<ServiceCode>>("/api/service-codes");
  // The server's problems from the last save or submit; dropped on the next edit, when the live check takes over.
  const [serverProblems, setServerProblems] = useState<Problem[] | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  // A first filing whose domain turns out filed elsewhere (or here, in no account) becomes that order.
  const [switchTo, setSwitchTo] = useState<DomainOrderKind | null>(null);
  const abandoned = useRef(false);
  const submit = useSubmitOrder(setServerProblems);
  const view = order.data;
  const kind = view?.type ?? "first_filing";
  const canEdit = !!view?.allowedActions.includes("edit");
  const steps = stepsOf(kind);
  const materials = useLoad<MaterialsView>(
    canEdit && view && steps.includes(STEP_KEYS.indexOf("materials")) ? materialsPath(view.id) : null,
  );
  // A watch finding's fields to update (a prefilled change); kept while the wizard is open.
  const [focus] = useState(() => (params.get("focus") ?? "").split(",").filter(Boolean));

  // The form starts from the data as loaded; later saves keep the user's input as it is.
  const viewId = view?.id;
  const initialValues = useMemo(() => (view ? toFormValues(view.data, view.type) : null), [viewId]);

  const returned = view?.state === "returned";
  const editable = (path: string) =>
    !lockedByKind(kind, path) &&
    (!returned || !!view?.returnedFields.some((item) => isPathWithin(path, item.field)));
  /** The order data as it would be saved: for a returned order, only the returned fields change. */
  const collect = (): OrderData => {
    const edited = fromFormValues(form.getFieldsValue(true) as Record<string, unknown>);
    return returned && view ? mergeEditable(view.data, edited, editable) : edited;
  };
  const live = useLivePrecheck(canEdit && viewId ? viewId : null, () => (view ? collect() : null));
  const problems = mergeProblems(live.problems, serverProblems);
  const field = useFieldRenderer(problems, view?.returnedFields ?? [], editable, focus);
  const diff = useChangeDiff(kind === "change" ? live.filing : null, view?.data ?? null);

  if (order.error) return <Result status="warning" title={pick(order.error.localized)} />;
  if (!view || !initialValues) return <PageLoading />;
  if (!hasWizard(view.type)) return <Navigate to={`/orders/${view.id}`} replace />;
  if (!canEdit) {
    return (
      <Result
        status="info"
        title={pick(view.stateLabel)}
        subTitle={pick(view.nextStep)}
        extra={<Link to={`/orders/${view.id}`}>{t("order.backToDetail")}</Link>}
      />
    );
  }

  // The order type follows from the saved certificate and domain; only the order's own kind goes past
  // step 1 (a first filing, or an added website). A change names its filing itself.
  const savedDomain = view.data.websites?.[0]?.domain;
  const decision =
    decidesType(kind) && live.decide && savedDomain && view.data.subject?.certificateNumber
      ? live.decide(savedDomain)
      : null;
  const blocked = !!decision && decision.type !== kind;
  const returnedSteps = new Set(view.returnedFields.map((item) => stepOfField(item.field)));
  const firstReturnedStep = returnedSteps.size > 0 ? Math.min(...returnedSteps) : 0;
  const focusStep = focus[0] ? stepOfField(focus[0]) : null;
  const step = blocked
    ? 0
    : nearestStep(kind, stepFromParam(params.get("step")) ?? focusStep ?? firstReturnedStep);
  const position = steps.indexOf(step);
  const errors = countErrors(problems);
  const warnings = problems.length - errors;
  const errorsByStep = STEP_KEYS.map(
    (_key, index) =>
      problems.filter((problem) => problem.severity === "error" && stepOfProblem(problem) === index).length,
  );

  const changed = () => {
    setServerProblems(null);
    live.schedule();
  };
  const showStep = (next: number) => {
    setParams({ step: String(next + 1) });
    window.scrollTo({ top: 0 });
  };
  /** Saves the form; the pre-check context (and so the order type) is reloaded for the saved data. */
  const save = async () => {
    const next = await api.put<OrderView>(`/api/orders/${view.id}/data`, {
      version: view.version,
      data: collect(),
    });
    order.setData(next);
    setServerProblems(next.problems);
    const decide = await live.reload();
    return { next, decide };
  };
  /** Saves, then moves to `target`; past step 1 only with a certificate, a domain and a first filing. */
  const goTo = async (target: number, action: Busy) => {
    setBusy(action);
    try {
      const { next, decide } = await save();
      if (target > 0 && decidesType(kind)) {
        const domain = next.data.websites?.[0]?.domain;
        if (!domain || !next.data.subject?.certificateNumber) {
          void message.warning(t("wizard.basicsNeeded"));
          showStep(0);
          return;
        }
        const type = decide?.(domain).type;
        if (type && type !== kind) {
          showStep(0);
          return;
        }
      }
      showStep(target);
    } catch (error) {
      notify.fail(error);
    } finally {
      setBusy(null);
    }
  };
  const onSave = async () => {
    setBusy("save");
    try {
      await save();
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
      const { next } = await save();
      const submitted = await submit(next, { acknowledgeWarnings: warnings > 0 && acknowledged });
      if (submitted) {
        notify.ok(t("order.submitted"));
        navigate(`/orders/${view.id}`);
      } else window.scrollTo({ top: 0, behavior: "smooth" });
    } catch (error) {
      showError(error);
    } finally {
      setBusy(null);
    }
  };
  const materialsChanged = () => {
    materials.reload();
    // The last save's problems predate the upload; the live check (reloaded below) takes over.
    setServerProblems(null);
    // The pre-check context lists the uploaded kinds: missing materials are errors.
    void live.reload();
  };

  const stepTitle = (index: number) => t(stepTitleKey(kind, index));
  /** The first filing this order replaces goes first: one order at a time per account. */
  const abandonThis = async () => {
    if (abandoned.current) return;
    await api.post<OrderView>(`/api/orders/${view.id}/abandon`, { version: view.version });
    abandoned.current = true;
  };
  const previous = steps[position - 1];
  const next = steps[position + 1];
  const usableCodes = (codes.data?.items ?? []).filter(
    (code) => code.state === "unused" || code.orderId === view.id,
  );
  const submitBlocked = live.problems !== null && errors > 0;
  const needsAcknowledgement = warnings > 0 && !acknowledged;

  return (
    <>
      <PageTitle
        title={
          kind === "first_filing" ? t("order.formTitle") : `${pick(view.typeLabel)} · ${t("order.formTitle")}`
        }
        parents={[
          [t("menu.dashboard"), "/"],
          [view.number, `/orders/${view.id}`],
        ]}
        extra={<StateTag state={view.state} label={view.stateLabel} />}
      />
      <Card className="wizard-steps" style={{ marginBottom: 16 }}>
        <Steps
          current={position}
          size="small"
          responsive={false}
          onChange={(at) => void goTo(steps[at] ?? step, "goto")}
          items={steps.map((index) => ({
            title: screens.md ? stepTitle(index) : undefined,
            content:
              screens.md && returnedSteps.has(index) ? (
                <Tag color="warning" variant="filled">
                  {t("wizard.returnedStep")}
                </Tag>
              ) : undefined,
            // A step passed with errors left shows them (a cross) rather than a tick.
            status: index < step && errorsByStep[index] ? ("error" as const) : undefined,
            disabled: busy !== null || (blocked && index > 0) || index === step,
          }))}
          iconRender={(node, { index: at }) => {
            const index = steps[at] ?? at;
            return errorsByStep[index] ? (
              <Badge count={errorsByStep[index]} size="small" offset={[2, -2]} data-step-errors={index}>
                {node}
              </Badge>
            ) : (
              node
            );
          }}
        />
        {screens.md ? null : (
          <Typography.Text strong style={{ display: "block", marginTop: 12 }} data-testid="wizard-step-title">
            {t("wizard.stepOf", { n: position + 1, total: steps.length, title: stepTitle(step) })}
          </Typography.Text>
        )}
      </Card>
      <KindHeader view={view} diff={diff} focus={focus} step={step} />
      <ReturnedFieldsAlert title={t("order.returnedHint")} fields={view.returnedFields} />
      <div data-step={STEP_KEYS[step]}>
        {step < LAST_STEP ? <StepProblems problems={problems} step={step} /> : null}
        <Form
          form={form}
          layout="vertical"
          initialValues={initialValues}
          className="order-form"
          onValuesChange={changed}
        >
          {step === 0 ? (
            <StepBasics
              kind={kind}
              field={field}
              editable={editable}
              changed={changed}
              domains={domains.data?.items ?? null}
              problems={problems}
              decision={decision}
              onSwitch={kind === "first_filing" ? setSwitchTo : undefined}
            />
          ) : null}
          {step === 1 ? <StepSubject field={field} editable={editable} changed={changed} /> : null}
          {step === 2 && kind === "change" ? (
            <WebsiteTabs
              field={field}
              editable={editable}
              changed={changed}
              codes={codes.data ? usableCodes : null}
              problems={problems}
              filing={live.filing}
            />
          ) : step === 2 && kind === "app" ? (
            <StepApp field={field} editable={editable} changed={changed} problems={problems} />
          ) : step === 2 ? (
            <StepWebsite
              field={field}
              editable={editable}
              changed={changed}
              codes={codes.data ? usableCodes : null}
              serviceCode={usesServiceCode(kind)}
            />
          ) : null}
        </Form>
        {step === 3 ? (
          <MaterialsStep
            orderId={view.id}
            materials={materials.data}
            loadError={materials.error}
            onChanged={materialsChanged}
          />
        ) : null}
        {step === 4 ? (
          <FaceCapture
            orderId={view.id}
            materials={materials.data}
            loadError={materials.error}
            onChanged={materialsChanged}
          />
        ) : null}
        {step === LAST_STEP ? (
          <StepReview
            view={view}
            problems={problems}
            materials={materials.data}
            acknowledged={acknowledged}
            onAcknowledge={setAcknowledged}
            onGoTo={(target) => void goTo(target, "goto")}
            busy={busy !== null}
            steps={steps}
            stepTitle={stepTitle}
            highlight={diff?.rows.map((row) => row.path)}
            summary={
              diff ? <ChangeSummary diff={diff} data={view.data} regulatorType={view.regulatorType} /> : null
            }
          />
        ) : null}
      </div>
      <Card className="form-actions wizard-actions" style={{ position: "sticky", bottom: 0, zIndex: 10 }}>
        <Flex gap={8} justify="flex-end" align="center" wrap>
          {live.problems ? (
            <LiveCheckLine
              problems={live.problems}
              // On a phone the tally has a line of its own, the buttons one below.
              style={{ marginInlineEnd: "auto", flexBasis: screens.md ? undefined : "100%" }}
            />
          ) : null}
          {previous !== undefined ? (
            <Button
              icon={<LeftOutlined />}
              onClick={() => void goTo(previous, "prev")}
              loading={busy === "prev"}
              disabled={busy !== null}
              data-testid="wizard-prev"
            >
              {t("wizard.prev")}
            </Button>
          ) : null}
          <Button
            onClick={() => void onSave()}
            loading={busy === "save"}
            disabled={busy !== null}
            data-testid="save-draft"
          >
            {t("order.saveDraft")}
          </Button>
          {next !== undefined ? (
            <Button
              type="primary"
              onClick={() => void goTo(next, "next")}
              loading={busy === "next"}
              disabled={busy !== null}
              data-testid="wizard-next"
            >
              {t("wizard.next")}
              <RightOutlined />
            </Button>
          ) : (
            <Button
              type="primary"
              icon={<SendOutlined />}
              onClick={() => void onSubmit()}
              loading={busy === "submit"}
              disabled={busy !== null || submitBlocked || needsAcknowledgement}
              data-testid="submit-order"
              data-errors={errors}
            >
              {submitBlocked ? t("wizard.submitBlocked", { count: errors }) : t("wizard.submit")}
            </Button>
          )}
        </Flex>
      </Card>
      <DomainOrderModal
        kind={switchTo}
        domain={savedDomain}
        onClose={() => setSwitchTo(null)}
        beforeStart={abandonThis}
      />
    </>
  );
}
