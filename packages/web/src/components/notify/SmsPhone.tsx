import { Button, Flex, Input, Typography } from "antd";
import { useState } from "react";
import { api } from "../../api";
import { useNotify } from "../../hooks";
import { useLang } from "../../i18n";
import type { Preferences } from "./types";

/** The account's mobile for texts: shown masked, replaced by typing a new one, or removed. */
export function SmsPhone({
  masked,
  onSaved,
}: {
  masked: string | null;
  onSaved: (next: Preferences) => void;
}) {
  const { t } = useLang();
  const notify = useNotify();
  const [phone, setPhone] = useState("");
  const [busy, setBusy] = useState(false);

  const save = async (value: string | null) => {
    setBusy(true);
    try {
      onSaved(await api.put<Preferences>("/api/notification-preferences", { phone: value }));
      setPhone("");
      notify.ok(t(value ? "notificationSettings.phoneSaved" : "notificationSettings.phoneRemoved"));
    } catch (error) {
      notify.fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex align="center" gap={8} wrap style={{ marginBottom: 16 }}>
      <Typography.Text>{t("notificationSettings.phoneLabel")}</Typography.Text>
      <Typography.Text strong data-testid="sms-phone">
        {masked ?? <Typography.Text type="secondary">{t("notificationSettings.phoneNone")}</Typography.Text>}
      </Typography.Text>
      <Input
        style={{ width: 220 }}
        value={phone}
        maxLength={20}
        inputMode="tel"
        placeholder={t("notificationSettings.phonePlaceholder")}
        onChange={(event) => setPhone(event.target.value)}
        onPressEnter={() => phone.trim() && void save(phone.trim())}
        aria-label={t("notificationSettings.phone")}
      />
      <Button loading={busy} disabled={!phone.trim()} onClick={() => void save(phone.trim())}>
        {t("notificationSettings.phoneSave")}
      </Button>
      {masked ? (
        <Button type="link" danger disabled={busy} onClick={() => void save(null)}>
          {t("notificationSettings.phoneRemove")}
        </Button>
      ) : null}
    </Flex>
  );
}
