import { CheckCircleFilled, CloseCircleFilled, ScanOutlined } from "@ant-design/icons";
import { Button, Card, Descriptions, Space, Tag, Typography } from "antd";
import { useState, type ReactNode } from "react";
import { api } from "../api";
import { useNotify } from "../hooks";
import { useLang } from "../i18n";
import type { FiledWebsite, FooterCheckResult, FooterCheckView, FooterOutcome } from "../types";
import { ProblemList } from "./ProblemList";
import { formatTime } from "./format";

const OUTCOME_COLORS: Record<FooterOutcome | "none", string> = {
  passed: "green",
  failed: "red",
  unreachable: "orange",
  none: "default",
};

/** 合格 green, 不合格 red, 无法访问 orange, 未检查 grey. */
export function FooterOutcomeTag({ outcome }: { outcome: FooterOutcome | null }) {
  const { t } = useLang();
  const key = outcome ?? "none";
  return (
    <Tag color={OUTCOME_COLORS[key]} variant="filled" data-testid="footer-outcome" data-outcome={key}>
      {t(`footer.outcome.${key}`)}
    </Tag>
  );
}

/** Yes in green, no in red, with a text for each. */
function YesNo({ value, yes, no }: { value: boolean; yes: ReactNode; no: ReactNode }) {
  return value ? (
    <Typography.Text type="success">
      <CheckCircleFilled /> {yes}
    </Typography.Text>
  ) : (
    <Typography.Text type="danger">
      <CloseCircleFilled /> {no}
    </Typography.Text>
  );
}

interface Props {
  website: FiledWebsite;
  /** The new check, after "check now". */
  onChecked(footer: FooterCheckView): void;
}

/**
 * 页脚检查 of one filed website: the latest check of its home page's footer (a campaign's
 * or the owner's), what it found and why it failed, and checking it again now.
 */
export function FooterCheckPanel({ website, onChecked }: Props) {
  const { t } = useLang();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const { footer } = website;

  const checkNow = async () => {
    setBusy(true);
    try {
      const result = await api.post<FooterCheckResult>(
        `/api/websites/${encodeURIComponent(website.id)}/footer-check`,
        {},
      );
      onChecked(result.footer);
      notify.ok(t(`footer.result.${result.footer.outcome}`));
    } catch (error) {
      notify.fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      type="inner"
      size="small"
      className="footer-check"
      style={{ marginTop: 16 }}
      data-testid="footer-check"
      title={
        <Space size={8} wrap>
          <span>
            <ScanOutlined /> {t("footer.title")}
          </span>
          <FooterOutcomeTag outcome={footer?.outcome ?? null} />
        </Space>
      }
      extra={
        <Button
          size="small"
          type="primary"
          ghost
          loading={busy}
          onClick={checkNow}
          data-testid="footer-check-now"
        >
          {t("footer.checkNow")}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" className="psb-hint" data-testid="footer-hint">
        {t("footer.hint")}
      </Typography.Paragraph>
      {footer ? (
        <FooterCheckDetails footer={footer} />
      ) : (
        <Typography.Text type="secondary">{t("footer.notChecked")}</Typography.Text>
      )}
    </Card>
  );
}

/** What one check found: where, the numbers, the link, visibility, the page's words, the problems. */
export function FooterCheckDetails({ footer }: { footer: FooterCheckView }) {
  const { t } = useLang();
  const missing = <Typography.Text type="danger">{t("footer.notFound")}</Typography.Text>;
  const found = footer.outcome !== "unreachable";
  const rows = [
    {
      key: "checkedAt",
      label: t("footer.checkedAt"),
      children: (
        <>
          {formatTime(footer.checkedAt)}
          <Typography.Text type="secondary">
            {" · "}
            {t(footer.campaignId ? "footer.byCampaign" : "footer.byHand")}
          </Typography.Text>
        </>
      ),
    },
    {
      key: "url",
      label: t("footer.url"),
      children: (
        <span className="footer-url">
          {footer.url}
          {footer.status !== null ? <Tag className="footer-status">HTTP {footer.status}</Tag> : null}
        </span>
      ),
    },
    ...(found
      ? [
          {
            key: "icpNumber",
            label: t("footer.icpNumber"),
            children: footer.icpNumber ?? missing,
          },
          {
            key: "icpLinked",
            label: t("footer.icpLinked"),
            children: (
              <YesNo
                value={footer.icpLinked}
                yes={
                  footer.linkTarget ? t("footer.linkedTo", { target: footer.linkTarget }) : t("footer.linked")
                }
                no={t("footer.notLinked")}
              />
            ),
          },
          {
            key: "visible",
            label: t("footer.visible"),
            children: <YesNo value={footer.visible} yes={t("common.yes")} no={t("common.no")} />,
          },
          {
            key: "psbNumber",
            label: t("footer.psbNumber"),
            children: footer.psbNumber ?? (
              <Typography.Text type="secondary">{t("footer.notFound")}</Typography.Text>
            ),
          },
          ...(footer.psbNumber
            ? [
                {
                  key: "psbLinked",
                  label: t("footer.psbLinked"),
                  children: (
                    <YesNo value={footer.psbLinked} yes={t("footer.linked")} no={t("footer.notLinked")} />
                  ),
                },
              ]
            : []),
        ]
      : []),
  ];
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        styles={{ label: { whiteSpace: "nowrap" } }}
        items={rows.map((row) => ({ ...row, children: <div data-field={row.key}>{row.children}</div> }))}
      />
      {footer.evidence ? (
        <div className="footer-evidence" data-testid="footer-evidence">
          <Typography.Text type="secondary">{t("footer.evidence")}</Typography.Text>
          <pre className="snippet">{footer.evidence}</pre>
        </div>
      ) : null}
      {footer.problems.length > 0 ? (
        <div className="footer-problems" data-testid="footer-problems">
          <ProblemList
            problems={footer.problems}
            title={t("footer.problems")}
            label={(field) => t(`footer.field.${field}`, { defaultValue: field })}
          />
        </div>
      ) : null}
    </>
  );
}
