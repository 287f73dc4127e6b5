import { Alert, Card, Descriptions, Typography } from "antd";
import { useLang } from "../i18n";
import type { EtaResult, EtaStep } from "../types";
import { formatTime } from "./format";

/** A step's due date: China dates as they are; the SMS deadline, an instant, in local time. */
const dueOf = (step: EtaStep) =>
  step.dueBy === null
    ? "—"
    : step.step === "sms_verification" || step.dueBy.includes("T")
      ? formatTime(step.dueBy)
      : step.dueBy;

/**
 * 预计时间: when each remaining step is due, and the latest expected filing date. Nothing for final
 * orders. An order MIIT texts nobody for (`noSms`) skips the SMS step; one on a filing (`onFiling`)
 * is done, not filed, by the last date.
 */
export function OrderEta({
  eta,
  noSms = false,
  onFiling = false,
}: {
  eta: EtaResult | null | undefined;
  noSms?: boolean;
  onFiling?: boolean;
}) {
  const { t, pick } = useLang();
  if (!eta) return null;
  return (
    <Card title={t("order.eta.title")} size="small" style={{ marginBottom: 16 }} data-testid="eta">
      {eta.ok && eta.eta.incomplete ? (
        <Alert type="info" showIcon title={pick(eta.eta.incomplete)} style={{ marginBottom: 8 }} />
      ) : null}
      {eta.ok ? (
        <Descriptions
          size="small"
          column={1}
          items={[
            ...eta.eta.steps
              .filter((step) => !(noSms && step.step === "sms_verification"))
              .map((step) => ({
                key: step.step,
                label: pick(step.label),
                children: (
                  <span data-step={step.step} data-done={step.done}>
                    {step.done ? (
                      <Typography.Text type="secondary">{dueOf(step)}</Typography.Text>
                    ) : (
                      dueOf(step)
                    )}
                    {step.done ? (
                      <Typography.Text type="success" strong style={{ marginInlineStart: 6 }}>
                        <span role="img" aria-label={t("order.eta.done")} title={t("order.eta.done")}>
                          ✓
                        </span>
                      </Typography.Text>
                    ) : null}
                  </span>
                ),
              })),
            {
              key: "filedBy",
              label: (
                <Typography.Text strong>
                  {t(onFiling ? "kind.etaDoneBy" : "order.eta.filedBy")}
                </Typography.Text>
              ),
              children: (
                <Typography.Text strong data-testid="eta-filed-by">
                  {eta.eta.filedBy ?? "—"}
                </Typography.Text>
              ),
            },
          ]}
        />
      ) : (
        <Alert type="info" showIcon title={pick(eta.reason)} />
      )}
    </Card>
  );
}
