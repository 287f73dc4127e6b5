import { ExclamationCircleOutlined, MessageOutlined } from "@ant-design/icons";
import { Typography } from "antd";
import { useLang } from "../../i18n";
import type { OrderKind } from "../../types";

interface Props {
  kind: Extract<OrderKind, "cancel_subject" | "cancel_website" | "cancel_access">;
  /** The number that goes: the website's, or the subject's. */
  number: string;
  subjectNumber: string;
  /** The subject's websites (注销主体), or whether the website is its last (注销网站). */
  count?: number;
  lastWebsite?: boolean;
  /** Also say that confirming creates an order to check and submit. */
  then?: boolean;
}

/**
 * What a cancellation costs, in plain words: 注销 retires the number for good and blocks the
 * site; 取消接入 leaves the filing at MIIT but ends the hosting here (a shell site the bureau
 * cancels unless another provider hosts it); who gets an SMS (the subject head for 注销主体,
 * nobody for the other two).
 */
export function CancelConsequence({
  kind,
  number,
  subjectNumber,
  count = 1,
  lastWebsite,
  then = true,
}: Props) {
  const { t } = useLang();
  const consequence =
    kind === "cancel_subject"
      ? t("filing.confirm.cancelSubject", { subject: subjectNumber, count })
      : kind === "cancel_website"
        ? t("filing.confirm.cancelWebsite", { number })
        : t("filing.confirm.cancelAccess", { number });
  return (
    <div className="cancel-consequence" data-testid="cancel-consequence" data-kind={kind}>
      <Typography.Paragraph style={{ marginBottom: 8 }}>{consequence}</Typography.Paragraph>
      {kind === "cancel_website" && lastWebsite ? (
        <Typography.Paragraph type="danger" style={{ marginBottom: 8 }} data-testid="last-website">
          <ExclamationCircleOutlined /> {t("filing.confirm.lastWebsite", { subject: subjectNumber })}
        </Typography.Paragraph>
      ) : null}
      <Typography.Paragraph style={{ marginBottom: then ? 8 : 0 }} data-testid="cancel-sms">
        <MessageOutlined style={{ color: "#1677ff" }} />{" "}
        {kind === "cancel_subject" ? t("filing.confirm.subjectHeadSms") : t("filing.confirm.noSms")}
      </Typography.Paragraph>
      {then ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("filing.confirm.then")}
        </Typography.Text>
      ) : null}
    </div>
  );
}
