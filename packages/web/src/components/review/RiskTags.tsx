import { Tag, Tooltip, Typography } from "antd";
import { useLang } from "../../i18n";
import type { ReviewRisk, RiskLevel } from "../../types";

const LEVELS: RiskLevel[] = ["high", "medium", "low"];
export const RISK_COLORS: Record<RiskLevel, string> = { high: "red", medium: "orange", low: "blue" };

/** One tag per risk level present, coloured by level; the tooltip lists why. */
export function RiskTags({ risk }: { risk: ReviewRisk | null | undefined }) {
  const { t, pick } = useLang();
  const signals = risk?.signals ?? [];
  if (signals.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span className="risk-tags">
      {LEVELS.map((level) => {
        const ofLevel = signals.filter((signal) => signal.level === level);
        if (ofLevel.length === 0) return null;
        return (
          <Tooltip
            key={level}
            title={
              <>
                <div style={{ fontWeight: 600 }}>
                  {t(`risk.${level}`)} · {t("risk.score", { score: risk?.score ?? 0 })}
                </div>
                <ul className="risk-tooltip">
                  {ofLevel.map((signal) => (
                    <li key={signal.id}>{pick(signal.message)}</li>
                  ))}
                </ul>
              </>
            }
          >
            <Tag color={RISK_COLORS[level]} data-risk-level={level} style={{ cursor: "help" }}>
              {t(`risk.${level}`)}
              {ofLevel.length > 1 ? ` ×${ofLevel.length}` : ""}
            </Tag>
          </Tooltip>
        );
      })}
    </span>
  );
}
