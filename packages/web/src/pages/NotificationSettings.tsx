import { Alert, Card, Skeleton } from "antd";
import { ChannelMatrix } from "../components/notify/ChannelMatrix";
import { RecipientTable } from "../components/notify/RecipientTable";
import { SmsPhone } from "../components/notify/SmsPhone";
import type { Preferences, RecipientList } from "../components/notify/types";
import { useLoad } from "../hooks";
import { useLang } from "../i18n";
import { PageTitle } from "../layout/PageTitle";

/** 通知设置: which events reach the account by e-mail and SMS, and who else is told. */
export default function NotificationSettings() {
  const { t, pick } = useLang();
  const preferences = useLoad<Preferences>("/api/notification-preferences");
  const recipients = useLoad<RecipientList>("/api/recipients");
  const error = preferences.error ?? recipients.error;

  return (
    <>
      <PageTitle title={t("notificationSettings.title")} />
      {error ? (
        <Alert type="error" showIcon title={pick(error.localized)} style={{ marginBottom: 16 }} />
      ) : null}
      <Card title={t("notificationSettings.channels")} style={{ marginBottom: 16 }}>
        <Alert type="info" showIcon title={t("notificationSettings.intro")} style={{ marginBottom: 16 }} />
        {preferences.data ? (
          <>
            <SmsPhone masked={preferences.data.phoneMasked} onSaved={preferences.setData} />
            <ChannelMatrix preferences={preferences.data} onSaved={preferences.setData} />
          </>
        ) : (
          <Skeleton active />
        )}
      </Card>
      <Card title={t("notificationSettings.recipients")}>
        {recipients.data ? (
          <RecipientTable list={recipients.data} reload={recipients.reload} />
        ) : (
          <Skeleton active />
        )}
      </Card>
    </>
  );
}
