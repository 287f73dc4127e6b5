import { Tag, Typography } from "antd";
import { useLang } from "../i18n";
import type { WatchLevel } from "../types";
import { formatDate } from "./format";

const DAY_MS = 24 * 60 * 60 * 1000;

export const LEVEL_COLORS: Record<WatchLevel, string> = {
  expiring: "orange",
  expired: "red",
  not_pointing: "volcano",
  failing: "red",
};

/** A watch finding's level: expiring, expired, not pointing here, failing. */
export function WatchLevelTag({ level }: { level: WatchLevel }) {
  const { t } = useLang();
  return (
    <Tag color={LEVEL_COLORS[level]} data-level={level}>
      {t(`watch.level.${level}`)}
    </Tag>
  );
}

/** Whole days to a due instant, rounded up (a part day counts as one); negative once past. */
export function daysTo(dueAt: string, now = Date.now()): number {
  const left = Date.parse(dueAt) - now;
  return left >= 0 ? Math.ceil(left / DAY_MS) : -Math.ceil(-left / DAY_MS);
}

/** The due date and the days left, or overdue in red. */
export function WatchDue({ dueAt, inline = false }: { dueAt: string; inline?: boolean }) {
  const { t } = useLang();
  const days = daysTo(dueAt);
  const overdue = days < 0;
  const count = (
    <Typography.Text
      type={overdue ? "danger" : days <= 7 ? "warning" : "secondary"}
      className="watch-days"
      data-testid="watch-days"
      data-overdue={overdue ? "true" : "false"}
    >
      {overdue ? t("watch.overdue", { count: -days }) : t("watch.daysLeft", { count: days })}
    </Typography.Text>
  );
  if (inline) {
    return (
      <span className="watch-due">
        {t("watch.due", { date: formatDate(dueAt) })} · {count}
      </span>
    );
  }
  return (
    <>
      <div>{formatDate(dueAt)}</div>
      <div className="cell-sub">{count}</div>
    </>
  );
}
