import { App, Button, Space } from "antd";
import { useLang } from "../../i18n";
import type { FiledWebsite } from "../../types";
import { CancelConsequence } from "./CancelConsequence";
import { useStartOrder } from "./useStartOrder";

/**
 * 注销网站 / 取消接入 on a filed website's card, each after a dialog that says what it means;
 * confirming creates the cancellation order and opens it to submit.
 */
export function WebsiteActions({ website, lastWebsite }: { website: FiledWebsite; lastWebsite: boolean }) {
  const { t } = useLang();
  const { modal } = App.useApp();
  const { start, busy } = useStartOrder();

  const confirm = (kind: "cancel_website" | "cancel_access") =>
    modal.confirm({
      title: t(
        kind === "cancel_website" ? "filing.confirm.cancelWebsiteTitle" : "filing.confirm.cancelAccessTitle",
        { domain: website.domain },
      ),
      content: (
        <CancelConsequence
          kind={kind}
          number={website.websiteNumber}
          subjectNumber={website.subjectNumber}
          lastWebsite={lastWebsite}
        />
      ),
      okText: t(kind === "cancel_website" ? "filing.confirm.okCancel" : "filing.confirm.okAccess"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      width: 520,
      onOk: () => start({ type: kind, websiteId: website.id }, { key: `${kind}:${website.id}` }),
    });

  return (
    <Space size={4} data-testid="website-actions">
      <Button
        size="small"
        danger
        loading={busy === `cancel_website:${website.id}`}
        onClick={() => confirm("cancel_website")}
        data-testid="cancel-website"
      >
        {t("filing.cancelWebsite")}
      </Button>
      <Button
        size="small"
        loading={busy === `cancel_access:${website.id}`}
        onClick={() => confirm("cancel_access")}
        data-testid="cancel-access"
      >
        {t("filing.cancelAccess")}
      </Button>
    </Space>
  );
}
