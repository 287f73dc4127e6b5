import { PhoneOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Form, Input, List, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { api } from "../../api";
import { useLoad, useNotify } from "../../hooks";
import { useLang } from "../../i18n";
import type { CallLogged, CallOutcome, Items, ReviewCall, ReviewOrderView } from "../../types";
import { formatTime } from "../format";

const OUTCOMES: CallOutcome[] = ["answered", "no_answer", "busy", "wrong_number", "refused"];
const COLORS: Record<CallOutcome, string> = {
  answered: "success",
  no_answer: "warning",
  busy: "warning",
  wrong_number: "error",
  refused: "error",
};
/** Calls that did not reach the person: the second one returns the order to the applicant. */
const MISSED = new Set<CallOutcome>(["no_answer", "busy"]);

interface Props {
  order: ReviewOrderView;
  /** Decisions are open: calls can be logged. */
  canLog: boolean;
  /** The order after a call was logged (it may have been returned automatically). */
  onOrder: (order: ReviewOrderView) => void;
}

/** 核验电话: the calls to the applicant so far and a form to log one. */
export function CallLog({ order, canLog, onOrder }: Props) {
  const { t } = useLang();
  const notify = useNotify();
  const base = `/api/review/orders/${encodeURIComponent(order.id)}`;
  const calls = useLoad<Items<ReviewCall>>(`${base}/calls`);
  const [form] = Form.useForm<{ outcome: CallOutcome; note?: string }>();
  const [busy, setBusy] = useState(false);
  const [autoReturned, setAutoReturned] = useState(false);
  const items = [...(calls.data?.items ?? [])].sort((a, b) => b.at.localeCompare(a.at));
  // Missed calls count per review round: since the order was last submitted.
  const missed = items.filter(
    (call) => MISSED.has(call.outcome) && (!order.submittedAt || call.at >= order.submittedAt),
  ).length;
  const mobile = order.data.subject?.head?.mobile;

  const log = async (values: { outcome: CallOutcome; note?: string }) => {
    setBusy(true);
    try {
      const note = values.note?.trim();
      const answer = await api.post<CallLogged>(`${base}/calls`, {
        outcome: values.outcome,
        ...(note ? { note } : {}),
      });
      setAutoReturned(answer.autoReturned);
      notify.ok(t("calls.logged"));
      form.resetFields();
      calls.reload();
      // The reviewer's view of the order (SLA, assignee, risk) comes from its own route.
      onOrder(await api.get<ReviewOrderView>(base));
    } catch (error) {
      notify.fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={t("calls.title")}
      style={{ marginBottom: 16 }}
      data-testid="call-log"
      extra={
        mobile ? <Typography.Text type="secondary">{t("calls.phone", { mobile })}</Typography.Text> : null
      }
    >
      {autoReturned ? (
        <Alert
          type="warning"
          showIcon
          title={t("calls.autoReturned")}
          style={{ marginBottom: 12 }}
          data-testid="call-auto-returned"
        />
      ) : canLog && missed === 1 ? (
        <Alert type="info" showIcon title={t("calls.missedOnce")} style={{ marginBottom: 12 }} />
      ) : null}
      {canLog ? (
        <Form form={form} name="call" layout="vertical" onFinish={log} requiredMark={false}>
          <Form.Item
            name="outcome"
            label={t("calls.outcome")}
            rules={[{ required: true, message: t("login.required") }]}
          >
            <Select
              placeholder={t("calls.outcomePlaceholder")}
              options={OUTCOMES.map((value) => ({ value, label: t(`calls.outcomes.${value}`) }))}
            />
          </Form.Item>
          <Form.Item name="note" label={t("calls.note")}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Button htmlType="submit" icon={<PhoneOutlined />} loading={busy} block data-testid="log-call">
            {t("calls.log")}
          </Button>
        </Form>
      ) : null}
      {items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t("calls.empty")}
          style={{ marginBlock: 12 }}
        />
      ) : (
        <List
          size="small"
          style={{ marginTop: canLog ? 12 : 0 }}
          dataSource={items}
          renderItem={(call) => (
            <List.Item data-outcome={call.outcome}>
              <div style={{ width: "100%" }}>
                <Space wrap size={4}>
                  <Tag color={COLORS[call.outcome]}>
                    {t(`calls.outcomes.${call.outcome}`, { defaultValue: call.outcome })}
                  </Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatTime(call.at)} · {call.by?.displayName ?? "—"}
                  </Typography.Text>
                </Space>
                {call.note ? <div style={{ fontSize: 12, marginTop: 2 }}>{call.note}</div> : null}
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
