import { isFinal, type OrderData } from "@openbeian/core";
import { Alert, App, Button, Card, Col, Result, Row, Space, Typography } from "antd";
import { useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { api } from "../api";
import { OrderDataView } from "../components/OrderDataView";
import { OrderEta } from "../components/OrderEta";
import { OrderProgress } from "../components/OrderProgress";
import { OrderTimeline } from "../components/OrderTimeline";
import { ProblemList } from "../components/ProblemList";
import { ReturnedFieldsAlert } from "../components/ReturnedFieldsAlert";
import { SMS_PANEL_STATES, SMS_POLL_STATES, SmsPhonePanel } from "../components/SmsPhonePanel";
import { StateTag } from "../components/StateTag";

import { formatTime } from "../components/format";
import { useSubmitOrder } from "../components/useSubmitOrder";
import { FilingRecordCard } from "../components/FilingRecordCard";
import { HandoffLinksCard } from "../components/handoff/HandoffLinksCard";
import { AppNumberCard } from "../components/filing/AppNumberCard";
import { CancelOrderPanel } from "../components/filing/CancelOrderPanel";
import { ChangeSummary } from "../components/filing/ChangeSummary";
import { KindFacts } from "../components/filing/KindFacts";
import { MiitRecordCard } from "../components/filing/MiitRecordCard";
import { OrderKindBanner } from "../components/filing/OrderKindBanner";
import { OrderKindTag } from "../components/filing/OrderKindTag";
import { TransferOrderPanel } from "../components/filing/TransferOrderPanel";
import { useChangeDiff } from "../components/filing/changeDiff";
import {
  actionKey,
  goesToRegulator,
  hasWizard,
  isCancelKind,
  isExpectedType,
  regulatorTypeOf,
  sendsSms,
  stateLabelOf,
} from "../components/filing/orderKinds";
import { useBlockingNotice } from "../components/filing/useBlockingNotice";
import { useLoad, useNotify, usePolling } from "../hooks";
import { useLang } from "../i18n";
import { PageLoading } from "../layout/PageLoading";
import { PageTitle } from "../layout/PageTitle";
import type { OrderSms, OrderView, Problem } from "../types";

/**
 * 备案订单详情: progress, next step, returned fields, ICP numbers, history and the allowed actions.
 * An order on a filing shows its kind, what MIIT receives it as and who gets an SMS; a change
 * in progress what it changes against the filing; a cancellation is confirmed and submitted here,
 * as is a transfer (with the receiving account, withdrawable until accepted). 新增接入 and 认领
 * show MIIT's record of the domain beside the data; an approved app its APP备案号. The steps the
 * person must do themselves (face check, SMS verification) are handed over as links (交给本人办理).
 */
export default function OrderDetail() {
  const { id = "" } = useParams();
  const { t, pick } = useLang();
  const navigate = useNavigate();
  const notify = useNotify();
  const showError = useBlockingNotice();
  const { modal } = App.useApp();
  const orderPath = `/api/orders/${encodeURIComponent(id)}`;
  const order = useLoad<OrderView>(orderPath);
  const sms = useLoad<OrderSms>(order.data ? `${orderPath}/sms` : null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const submit = useSubmitOrder(setProblems);
  // A change in progress is compared with the filing as it stands (the pre-check's context has it).
  const changing = order.data?.type === "change" && !isFinal(order.data.state);
  const context = useLoad<{ filing?: OrderData | null }>(changing ? `${orderPath}/precheck-context` : null);
  const diff = useChangeDiff(changing ? context.data?.filing : null, order.data?.data ?? null);

  // While MIIT's text may arrive (or be verified), refresh the texts and, quietly, the order:
  // its state moves on without the applicant (sms_sent, sms_verified), which also ends the polling.
  const polling = order.data ? SMS_POLL_STATES.has(order.data.state) : false;
  usePolling(
    () => {
      sms.reload();
      api
        .get<OrderView>(orderPath)
        .then((next) =>
          order.setData((current) => (current && current.version > next.version ? current : next)),
        )
        .catch(() => {
          // a failed refresh keeps what is shown; the next one tries again
        });
    },
    polling && busy === null,
  );

  if (order.error) return <Result status="warning" title={pick(order.error.localized)} />;
  if (!order.data) return <PageLoading />;
  const view = order.data;

  const run = async (action: string, call: () => Promise<OrderView | null>) => {
    setBusy(action);
    try {
      const next = await call();
      if (next) {
        order.setData(next);
        setProblems([]);
        notify.ok(
          action === "submit"
            ? t(view.type === "transfer" ? "transfer.order.sent" : "order.submitted")
            : t("order.done"),
        );
      }
    } catch (error) {
      showError(error);
      order.reload();
    } finally {
      setBusy(null);
    }
  };

  const confirmThen = (action: "withdraw" | "abandon") =>
    modal.confirm({
      title: t(actionLabel(action)),
      content: t(
        transfer && action === "withdraw"
          ? "transfer.order.confirmWithdraw"
          : onFiling
            ? action === "withdraw"
              ? "kind.confirmWithdraw"
              : "kind.confirmAbandon"
            : action === "withdraw"
              ? "order.confirmWithdraw"
              : "order.confirmAbandon",
      ),
      okText: t("common.confirm"),
      cancelText: t("common.cancel"),
      okButtonProps: { danger: true },
      onOk: () =>
        run(action, () => api.post<OrderView>(`/api/orders/${view.id}/${action}`, { version: view.version })),
    });

  const cancellation = isCancelKind(view.type);
  const transfer = view.type === "transfer";
  const onFiling = view.type !== "first_filing";
  const regulatorType = regulatorTypeOf(view, diff?.regulatorType);
  const noSms = !!regulatorType && !sendsSms(regulatorType);
  /** 撤销转移 for a transfer; otherwise the kind's own words. */
  const actionLabel = (action: "withdraw" | "abandon") =>
    transfer && action === "withdraw" ? "transfer.order.withdraw" : actionKey(view.type, action);
  // A cancellation or a transfer has nothing to edit and is submitted from its own panel.
  const actions = view.allowedActions.filter(
    (action) => hasWizard(view.type) || (action !== "edit" && action !== "submit"),
  );
  const buttons = actions.map((action) => {
    switch (action) {
      case "edit":
        return (
          <Button key={action} onClick={() => navigate(`/orders/${view.id}/edit`)} data-action={action}>
            {t("order.actions.edit")}
          </Button>
        );
      case "submit":
        return (
          <Button
            key={action}
            type="primary"
            loading={busy === action}
            data-action={action}
            onClick={() => run(action, () => submit(view))}
          >
            {t("order.actions.submit")}
          </Button>
        );
      case "withdraw":
      case "abandon":
        return (
          <Button
            key={action}
            danger
            loading={busy === action}
            data-action={action}
            onClick={() => confirmThen(action)}
          >
            {t(actionLabel(action))}
          </Button>
        );
      default:
        return null;
    }
  });

  return (
    <>
      <PageTitle
        title={
          onFiling
            ? `${pick(view.typeLabel)} · ${t("order.title")} ${view.number}`
            : `${t("order.title")} ${view.number}`
        }
        parents={[[t("menu.dashboard"), "/"]]}
        extra={buttons}
      />
      <Card style={{ marginBottom: 16 }}>
        <Space size="large" wrap style={{ marginBottom: 24 }}>
          <span>
            {t("kind.label")}：<OrderKindTag order={view} />
          </span>
          <span>
            {t("order.number")}：<Typography.Text copyable>{view.number}</Typography.Text>
          </span>
          <span>
            {t("order.state")}：<StateTag state={view.state} label={stateLabelOf(view)} />
          </span>
          <span>
            {t("order.createdAt")}：{formatTime(view.createdAt)}
          </span>
          {view.submittedAt ? (
            <span>
              {t("order.submittedAt")}：{formatTime(view.submittedAt)}
            </span>
          ) : null}
        </Space>
        <OrderProgress order={view} noSms={noSms} />
        <Alert
          type="info"
          showIcon
          title={t("order.nextStep")}
          description={
            <>
              <span data-testid="next-step">{pick(view.nextStep)}</span>
              <SmsDeadline order={view} />
            </>
          }
          style={{ marginTop: 24 }}
        />
      </Card>
      {onFiling ? (
        <OrderKindBanner order={view}>
          {/* A change in progress says it with what it changes, below; a claim or a transfer never reaches MIIT. */}
          {diff || !goesToRegulator(view.type) ? null : (
            <KindFacts type={regulatorType} expected={isExpectedType(view)} data={view.data} />
          )}
        </OrderKindBanner>
      ) : null}
      {transfer ? (
        <TransferOrderPanel
          view={view}
          busy={busy === "submit"}
          onSubmit={() => void run("submit", () => submit(view, { acknowledgeWarnings: true }))}
        />
      ) : null}
      {cancellation ? (
        <CancelOrderPanel
          view={view}
          busy={busy === "submit"}
          onSubmit={() => void run("submit", () => submit(view))}
        />
      ) : null}
      {diff ? <ChangeSummary diff={diff} data={view.data} regulatorType={view.regulatorType} /> : null}
      <ProblemList problems={problems} title={t("order.blocked")} />
      <ReturnedFieldsAlert title={t("order.returned")} fields={view.returnedFields} />
      {view.records ? <FilingRecordCard records={view.records} /> : null}
      <AppNumberCard view={view} />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title={t("order.data")} style={{ marginBottom: 16 }}>
            <OrderDataView
              data={view.data}
              highlight={[
                ...view.returnedFields.map((item) => item.field),
                ...(diff?.rows.map((row) => row.path) ?? []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <MiitRecordCard record={view.miitRecord} data={view.data} />
          {SMS_PANEL_STATES.has(view.state) || (sms.data?.items.length ?? 0) > 0 ? (
            <SmsPhonePanel sms={sms.data} error={sms.error} polling={polling} />
          ) : null}
          <HandoffLinksCard view={view} regulatorType={regulatorType} />
          <OrderEta eta={view.eta} noSms={noSms} onFiling={onFiling} />
          <Card title={t("order.timeline")} style={{ marginBottom: 16 }}>
            <OrderTimeline entries={view.timeline} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

const SMS_WINDOW_MS = 24 * 60 * 60 * 1000;

/** "请在 23 小时内完成短信核验": the hours left of MIIT's 24-hour window, from when the SMS went out. */
function SmsDeadline({ order }: { order: OrderView }) {
  const { t } = useLang();
  if (order.state !== "sms_pending") return null;
  const sent = [...order.timeline].reverse().find((entry) => entry.action === "sms_sent");
  if (!sent) return null;
  const deadline = new Date(new Date(sent.at).getTime() + SMS_WINDOW_MS);
  const hours = Math.max(0, Math.ceil((deadline.getTime() - Date.now()) / (60 * 60 * 1000)));
  return (
    <div data-testid="sms-deadline" style={{ marginTop: 4, fontWeight: 500 }}>
      {t("order.smsDeadline", { hours, deadline: formatTime(deadline.toISOString()) })}
    </div>
  );
}
