import { SyncOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Spin, Typography } from "antd";
import dayjs from "dayjs";
import { useEffect, useMemo, useRef } from "react";
import type { ApiError } from "../api";
import { useLang } from "../i18n";
import type { OrderSms, OrderState, SmsMessage } from "../types";
import { formatTime } from "./format";

/** Order states in which the applicant is shown the MIIT texts (also shown whenever there are texts). */
export const SMS_PANEL_STATES: ReadonlySet<OrderState> = new Set<OrderState>([
  "queued_for_bureau",
  "sms_pending",
  "regulator_returned",
  "bureau_review",
]);

/** Order states in which a new MIIT text may arrive any moment: the panel refreshes itself. */
export const SMS_POLL_STATES: ReadonlySet<OrderState> = new Set<OrderState>([
  "queued_for_bureau",
  "sms_pending",
]);

/** The 6-digit verification code in a MIIT text, and where it stands; null when there is none. */
export function findSmsCode(text: string): { code: string; index: number } | null {
  const match = /短信核验码为(\d{6})(?!\d)/.exec(text) ?? /(?<!\d)(\d{6})(?!\d)/.exec(text);
  const code = match?.[1];
  if (!match || !code) return null;
  return { code, index: match.index + match[0].length - code.length };
}

interface Thread {
  mobile: string;
  messages: SmsMessage[];
}

/** Texts by recipient, each oldest first; the recipient with the newest text last. */
function threadsOf(items: SmsMessage[]): Thread[] {
  const byMobile = new Map<string, SmsMessage[]>();
  const sorted = [...items].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const item of sorted) {
    const list = byMobile.get(item.mobileMasked);
    if (list) list.push(item);
    else byMobile.set(item.mobileMasked, [item]);
  }
  const lastAt = (thread: Thread) => Date.parse(thread.messages[thread.messages.length - 1]?.at ?? "");
  return [...byMobile]
    .map(([mobile, messages]) => ({ mobile, messages }))
    .sort((a, b) => lastAt(a) - lastAt(b));
}

function Bubble({ message, codeLabel }: { message: SmsMessage; codeLabel: string }) {
  const found = findSmsCode(message.text);
  return (
    <div className="sms-bubble-row" data-testid="sms-message">
      <div className="sms-bubble">
        {found ? (
          <>
            {message.text.slice(0, found.index)}
            <strong>{found.code}</strong>
            {message.text.slice(found.index + found.code.length)}
          </>
        ) : (
          message.text
        )}
        {found ? (
          <div className="sms-code">
            <Typography.Text type="secondary">{codeLabel}</Typography.Text>
            <Typography.Text copyable strong className="sms-code-value" data-testid="sms-code">
              {found.code}
            </Typography.Text>
          </div>
        ) : null}
      </div>
      <div className="sms-time">{formatTime(message.at)}</div>
    </div>
  );
}

export interface SmsPhonePanelProps {
  /** The answer of GET /api/orders/:id/sms; null while it loads. */
  sms: OrderSms | null;
  /** Why the texts could not be loaded (shown only when there is nothing to show instead). */
  error?: ApiError | null;
  /** Shows that the panel refreshes itself (the order waits for a text). */
  polling?: boolean;
}

/**
 * 工信部短信: a phone showing the texts MIIT sent to the order's people. In development the
 * platform keeps them instead of a real phone, so the applicant can read the verification code
 * and take it to the regulator's SMS verification page.
 */
export function SmsPhonePanel({ sms, error = null, polling = false }: SmsPhonePanelProps) {
  const { t, pick } = useLang();
  const items = useMemo(() => sms?.items ?? [], [sms]);
  const threads = useMemo(() => threadsOf(items), [items]);
  const screen = useRef<HTMLDivElement>(null);

  // The newest text is at the bottom: keep it in view when texts arrive.
  useEffect(() => {
    const element = screen.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [items.length]);

  const body = (() => {
    if (!sms && error)
      return (
        <Alert
          type="warning"
          showIcon
          title={t("order.sms.loadFailed")}
          description={pick(error.localized)}
          style={{ margin: "48px 8px 0" }}
        />
      );
    if (!sms) return <Spin style={{ display: "block", marginTop: 80 }} />;
    if (threads.length === 0)
      return (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          style={{ marginTop: 64 }}
          description={
            <>
              <div>{t("order.sms.empty")}</div>
              {polling ? <Typography.Text type="secondary">{t("order.sms.waiting")}</Typography.Text> : null}
            </>
          }
        />
      );
    return threads.map((thread) => (
      <section key={thread.mobile} className="sms-thread" data-mobile={thread.mobile}>
        <div className="sms-thread-head">{t("order.sms.to", { mobile: thread.mobile })}</div>
        {thread.messages.map((message) => (
          <Bubble key={message.id} message={message} codeLabel={t("order.sms.code")} />
        ))}
      </section>
    ));
  })();

  return (
    <Card
      size="small"
      title={t("order.sms.title")}
      style={{ marginBottom: 16 }}
      data-testid="sms-panel"
      extra={
        polling ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <SyncOutlined spin /> {t("order.sms.polling")}
          </Typography.Text>
        ) : null
      }
    >
      <div className="sms-phone">
        <div className="sms-phone-screen">
          <div className="sms-status-bar" aria-hidden>
            <span>{dayjs().format("HH:mm")}</span>
            <span className="sms-island" />
            <span className="sms-status-icons">
              <span className="sms-signal">
                <i />
                <i />
                <i />
                <i />
              </span>
              5G
              <span className="sms-battery" />
            </span>
          </div>
          <div className="sms-messages" ref={screen}>
            {body}
          </div>
          <div className="sms-home-bar" aria-hidden />
        </div>
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
        {t("order.sms.devNotice")}
      </Typography.Paragraph>
      {sms?.verifyUrl ? (
        <Button
          type="primary"
          block
          href={sms.verifyUrl}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="sms-verify-link"
        >
          {t("order.sms.goVerify")}
        </Button>
      ) : sms ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("order.sms.noVerifyUrl")}
        </Typography.Text>
      ) : null}
    </Card>
  );
}
