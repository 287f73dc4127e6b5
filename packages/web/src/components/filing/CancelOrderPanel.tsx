import { SendOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Space, Typography } from "antd";
import { useLoad } from "../../hooks";
import { useLang } from "../../i18n";
import type { FiledWebsite, Items, OrderView } from "../../types";
import { CancelConsequence } from "./CancelConsequence";

interface Props {
  view: OrderView;
  /** Submits the order (shown while it is a draft). */
  onSubmit: () => void;
  busy: boolean;
}

/**
 * A cancellation's page body instead of a wizard: what is cancelled (the subject and its
 * websites, or the one website, with their numbers), what that means, who gets an SMS, and
 * while it is a draft the button that submits it.
 */
export function CancelOrderPanel({ view, onSubmit, busy }: Props) {
  const { t, pick } = useLang();
  const websites = useLoad<Items<FiledWebsite>>("/api/websites");
  const kind = view.type as "cancel_subject" | "cancel_website" | "cancel_access";
  const numberOf = (domain: string | undefined) =>
    websites.data?.items.find((item) => item.domain === (domain ?? "").trim().toLowerCase());
  const first = view.data.websites?.[0];
  const subjectNumber = numberOf(first?.domain)?.subjectNumber ?? "—";
  const target = kind === "cancel_subject" ? null : numberOf(first?.domain);
  const draft = view.state === "draft";

  return (
    <Card
      title={t("kind.cancelTitle", { label: pick(view.typeLabel) })}
      style={{ marginBottom: 16 }}
      data-testid="cancel-order"
      data-kind={kind}
    >
      <Descriptions
        bordered
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        styles={{ label: { width: 160, whiteSpace: "nowrap" } }}
        items={[
          {
            key: "subject",
            label: t("filing.subject"),
            children: `${view.data.subject?.name ?? "—"}（${subjectNumber}）`,
          },
          ...(view.data.websites ?? []).map((website) => ({
            key: website.domain ?? "",
            label: kind === "cancel_subject" ? t("kind.websiteNumber") : t("kind.target"),
            children: (
              <span data-testid="cancel-target" data-domain={website.domain}>
                <Typography.Text strong>{website.domain}</Typography.Text> {website.name}
                {numberOf(website.domain) ? (
                  <Typography.Text type="secondary">
                    （{numberOf(website.domain)?.websiteNumber}）
                  </Typography.Text>
                ) : null}
              </span>
            ),
          })),
        ]}
      />
      <Alert
        type={draft ? "warning" : "info"}
        showIcon
        style={{ marginBottom: draft ? 16 : 0 }}
        title={
          <CancelConsequence
            kind={kind}
            number={target?.websiteNumber ?? subjectNumber}
            subjectNumber={subjectNumber}
            count={view.data.websites?.length ?? 1}
            lastWebsite={
              kind === "cancel_website" &&
              (websites.data?.items.filter((item) => item.status === "filed").length ?? 0) === 1
            }
            then={false}
          />
        }
      />
      {draft ? (
        <Space>
          <Button
            type="primary"
            danger
            icon={<SendOutlined />}
            loading={busy}
            onClick={onSubmit}
            data-testid="submit-cancel"
          >
            {t(kind === "cancel_access" ? "kind.submitAccess" : "kind.submitCancel")}
          </Button>
        </Space>
      ) : null}
    </Card>
  );
}
