import { ClockCircleOutlined, PauseCircleOutlined, WarningOutlined } from "@ant-design/icons";
import { Tag, Tooltip, Typography } from "antd";
import dayjs from "dayjs";
import { useLang } from "../../i18n";
import type { ReviewSla } from "../../types";

const days = (value: number) => String(Math.round(value * 10) / 10);

/**
 * The review clock of one order: the working time left in green/orange, "已超时" in red once
 * the limit has passed, "已暂停" in grey while the order is with the applicant.
 */
export function SlaClock({ sla }: { sla: ReviewSla | null | undefined }) {
  const { t } = useLang();
  if (!sla) return <Typography.Text type="secondary">—</Typography.Text>;
  const remaining = sla.limitDays - sla.usedWorkingDays;
  const state = sla.breached ? "breached" : sla.paused ? "paused" : "running";
  const used = t("sla.usedShort", { used: days(sla.usedWorkingDays), limit: days(sla.limitDays) });
  const tooltip = (
    <>
      <div>{t("sla.used", { used: days(sla.usedWorkingDays), limit: days(sla.limitDays) })}</div>
      {sla.dueAt ? <div>{t("sla.due", { at: dayjs(sla.dueAt).format("YYYY-MM-DD HH:mm") })}</div> : null}
      {sla.paused ? <div>{t("sla.pausedHint")}</div> : null}
    </>
  );
  return (
    <Tooltip title={tooltip}>
      <span className="sla-clock" data-sla={state}>
        {state === "breached" ? (
          <Tag color="error" icon={<WarningOutlined />} variant="solid">
            {t("sla.breached")}
          </Tag>
        ) : state === "paused" ? (
          <Tag color="default" icon={<PauseCircleOutlined />}>
            {t("sla.paused")}
          </Tag>
        ) : (
          <Tag
            color={remaining <= Math.min(1, sla.limitDays / 4) ? "warning" : "processing"}
            icon={<ClockCircleOutlined />}
          >
            {t("sla.remaining", { count: Math.max(0, remaining), n: days(Math.max(0, remaining)) })}
          </Tag>
        )}
        <div className="sla-clock-sub">
          {state === "breached"
            ? t("sla.over", { n: days(Math.max(0, -remaining)) })
            : state === "running" && sla.dueAt
              ? t("sla.dueShort", { at: dayjs(sla.dueAt).format("MM-DD HH:mm") })
              : used}
        </div>
      </span>
    </Tooltip>
  );
}
