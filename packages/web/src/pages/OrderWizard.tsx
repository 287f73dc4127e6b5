import { LeftOutlined, RightOutlined, SendOutlined } from "@ant-design/icons";
import { App, Badge, Button, Card, Flex, Form, Grid, Result, Steps, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { api } from "../api";
import { FaceCapture } from "../components/FaceCapture";
import { MaterialsStep } from "../components/MaterialsStep";
import { ReturnedFieldsAlert } from "../components/ReturnedFieldsAlert";
import { StateTag } from "../components/StateTag";
import { isPathWithin } from "../components/fields";
import { fromFormValues, mergeEditable, toFormValues } from "../components/formData";
import { materialsPath } from "../components/materials";
import { useLivePrecheck } from "../components/useLivePrecheck";
import { useSubmitOrder } from "../components/useSubmitOrder";
import { LiveCheckLine } from "../components/wizard/LiveCheckLine";
import { StepBasics } from "../components/wizard/StepBasics";
import { StepProblems } from "../components/wizard/StepProblems";
import { StepReview } from "../components/wizard/StepReview";
import { StepSubject } from "../components/wizard/StepSubject";
import { StepWebsite } from "../components/wizard/StepWebsite";
import { useFieldRenderer } from "../components/wizard/fieldRenderer";
import {
  LAST_STEP,
  STEP_KEYS,
  countErrors,
  mergeProblems,
  stepFromParam,
  stepOfField,
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
 */
export default function OrderWizard() {
  const { id = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const { t, pick } = useLang();
  const navigate = useNavigate();
  const notify = useNotify();
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
  const submit = useSubmitOrder(setServerProblems);
  const view = order.data;
  const canEdit = !!view?.allowedActions.includes("edit");
  const materials = useLoad<MaterialsView>(canEdit && view ? materialsPath(view.id) : null);

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
  const field = useFieldRenderer(problems, view?.returnedFields ?? [], editable);

  if (order.error) return <Result status="warning" title={pick(order.error.localized)} />;
  if (!view || !initialValues) return <PageLoading />;
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

  // The order type follows from the saved certificate and domain; only first filings go past step 1.
  const savedDomain = view.data.websites?.[0]?.domain;
  const decision =
    live.decide && savedDomain && view.data.subject?.certificateNumber ? live.decide(savedDomain) : null;
  const blocked = !!decision && decision.type !== "first_filing";
  const returnedSteps = new Set(view.returnedFields.map((item) => stepOfField(item.field)));
  const firstReturnedStep = returnedSteps.size > 0 ? Math.min(...returnedSteps) : 0;
  const step = blocked ? 0 : (stepFromParam(params.get("step")) ?? firstReturnedStep);
  const errors = countErrors(problems);
  const warnings = problems.length - errors;
  const errorsByStep = STEP_KEYS.map(
    (_key, index) =>
      problems.filter((problem) => problem.severity === "error" && stepOfField(problem.field) === index)
        .length,
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
      if (target > 0) {
        const domain = next.data.websites?.[0]?.domain;
        if (!domain || !next.data.subject?.certificateNumber) {
          void message.warning(t("wizard.basicsNeeded"));
          showStep(0);
          return;
        }
        const type = decide?.(domain).type;
        if (type && type !== "first_filing") {
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
      notify.fail(error);
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

  const stepTitle = (index: number) => t(`wizard.steps.${STEP_KEYS[index]}`);
  const usableCodes = (codes.data?.items ?? []).filter(
    (code) => code.state === "unused" || code.orderId === view.id,
  );
  const submitBlocked = live.problems !== null && errors > 0;
  const needsAcknowledgement = warnings > 0 && !acknowledged;

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
      <Card className="wizard-steps" style={{ marginBottom: 16 }}>
        <Steps
          current={step}
          size="small"
          responsive={false}
          onChange={(index) => void goTo(index, "goto")}
          items={STEP_KEYS.map((_key, index) => ({
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
          iconRender={(node, { index }) =>
            errorsByStep[index] ? (
              <Badge count={errorsByStep[index]} size="small" offset={[2, -2]} data-step-errors={index}>
                {node}
              </Badge>
            ) : (
              node
            )
          }
        />
        {screens.md ? null : (
          <Typography.Text strong style={{ display: "block", marginTop: 12 }} data-testid="wizard-step-title">
            {t("wizard.stepOf", { n: step + 1, total: STEP_KEYS.length, title: stepTitle(step) })}
          </Typography.Text>
        )}
      </Card>
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
              field={field}
              editable={editable}
              changed={changed}
              domains={domains.data?.items ?? null}
              problems={problems}
              decision={decision}
            />
          ) : null}
          {step === 1 ? <StepSubject field={field} editable={editable} changed={changed} /> : null}
          {step === 2 ? (
            <StepWebsite
              field={field}
              editable={editable}
              changed={changed}
              codes={codes.data ? usableCodes : null}
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
          {step > 0 ? (
            <Button
              icon={<LeftOutlined />}
              onClick={() => void goTo(step - 1, "prev")}
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
          {step < LAST_STEP ? (
            <Button
              type="primary"
              onClick={() => void goTo(step + 1, "next")}
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
    </>
  );
}
