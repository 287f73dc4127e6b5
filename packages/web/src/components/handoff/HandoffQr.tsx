import { Flex, Typography } from "antd";
import { useLang } from "../../i18n";
import { formatTime } from "../format";
import { qrImageSrc } from "./handoffApi";
import type { NewHandoffLink } from "./types";

/** A new link as the person gets it: the QR code to scan, the URL to copy and send, its expiry. */
export function HandoffQr({ link, size = 160 }: { link: NewHandoffLink; size?: number }) {
  const { t } = useLang();
  return (
    <Flex
      gap={16}
      align="center"
      wrap
      data-testid="handoff-qr"
      data-link-id={link.id}
      data-purpose={link.purpose}
      data-url={link.url}
    >
      <img
        className="handoff-qr"
        src={qrImageSrc(link.qrSvg)}
        width={size}
        height={size}
        alt={t("handoffLinks.qrAlt")}
      />
      <Flex vertical gap={4} style={{ flex: "1 1 180px", minWidth: 0 }}>
        <Typography.Text type="secondary">{t("handoffLinks.scanHint")}</Typography.Text>
        <Typography.Paragraph
          className="handoff-url"
          copyable={{ text: link.url, tooltips: [t("handoffLinks.copyLink"), t("common.copied")] }}
          style={{ margin: 0 }}
          data-testid="handoff-url"
        >
          {link.url}
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("handoffLinks.validUntil", { at: formatTime(link.expiresAt) })}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}
