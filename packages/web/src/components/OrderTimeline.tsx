import { Timeline, Typography } from "antd";
import { useLang } from "../i18n";
import type { TimelineEntry } from "../types";
import { fieldLabel } from "./fields";
import { formatTime } from "./format";

const COLORS: Record<string, string> = {
  approve: "green",
  bureau_approved: "green",
  sms_verified: "green",
  return: "orange",
  reject: "red",
  bureau_rejected: "red",
  sms_failed: "red",
  sms_timed_out: "red",
  withdraw: "gray",
  abandon: "gray",
  expire: "gray",
};

const MAX_NAMED = 3;

interface Detail {
  note?: string;
  reason?: string;
  reasons?: string[];
  fields?: (string | { field: string; reason: string })[];
}

/** 办理记录: every step of the order, newest first. */
export function OrderTimeline({ entries }: { entries: TimelineEntry[] }) {
  const { t, pick } = useLang();
  const describe = (raw: unknown) => {
    const detail = (raw ?? {}) as Detail;
    const lines: string[] = [];
    if (detail.reason) lines.push(detail.reason);
    if (detail.reasons) lines.push(...detail.reasons);
    if (detail.note) lines.push(detail.note);
    const fields = detail.fields ?? [];
    const edited = fields.filter((field): field is string => typeof field === "string");
    // An edit lists the fields it touched: name a few, count the rest.
    if (edited.length > 0) {
      const named = edited.slice(0, MAX_NAMED).map((field) => fieldLabel(field, t));
      lines.push(
        edited.length > MAX_NAMED
          ? t("order.editedMany", { fields: named.join("、"), n: edited.length })
          : named.join("、"),
      );
    }
    for (const field of fields) {
      if (typeof field !== "string") lines.push(`${fieldLabel(field.field, t)}：${field.reason}`);
    }
    return lines;
  };
  return (
    <Timeline
      className="order-timeline"
      items={[...entries].reverse().map((entry, index) => ({
        key: index,
        color: COLORS[entry.action] ?? "blue",
        content: (
          <div>
            <Typography.Text strong>{pick(entry.label)}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
              {formatTime(entry.at)} · {t(`order.actor.${entry.actor}`, entry.actor)}
            </Typography.Text>
            {describe(entry.detail).map((line, lineIndex) => (
              <div key={lineIndex} style={{ fontSize: 12, color: "rgba(0,0,0,0.65)" }}>
                {line}
              </div>
            ))}
          </div>
        ),
      }))}
    />
  );
}
