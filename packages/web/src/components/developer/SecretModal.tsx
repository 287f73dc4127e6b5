import { Alert, Button, Modal, Typography } from "antd";
import { useLang } from "../../i18n";

/** A secret shown once (an API token, a webhook's signing secret), with a copy button. */
export function SecretModal({
  label,
  secret,
  onClose,
}: {
  label: string;
  secret: string | null;
  onClose: () => void;
}) {
  const { t } = useLang();
  return (
    <Modal
      open={secret !== null}
      title={t("developer.secretTitle")}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="secret-done">
          {t("developer.copied")}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t("developer.secretWarning")} style={{ marginBottom: 12 }} />
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Typography.Paragraph
        copyable={{ text: secret ?? "" }}
        code
        data-testid="secret-value"
        style={{ wordBreak: "break-all" }}
      >
        {secret}
      </Typography.Paragraph>
    </Modal>
  );
}
