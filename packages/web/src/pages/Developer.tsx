import { Flex, Typography } from "antd";
import { StaffDeliveriesCard } from "../components/developer/StaffDeliveriesCard";
import { TokensCard } from "../components/developer/TokensCard";
import { WebhooksCard } from "../components/developer/WebhooksCard";
import { useLang } from "../i18n";
import { PageTitle } from "../layout/PageTitle";
import { isStaff, useSession } from "../session";

/**
 * 开发者设置 (API与Webhook): API tokens for the open API; for applicant accounts
 * their webhook endpoints and deliveries, for the provider's staff every
 * account's deliveries (the console's redelivery).
 */
export default function Developer() {
  const { t } = useLang();
  const { user } = useSession();
  const staff = isStaff(user);
  return (
    <>
      <PageTitle title={t("developer.title")} />
      <Typography.Paragraph type="secondary">
        {t("developer.intro")} <a href="/api/docs">{t("developer.apiDocs")}</a>
      </Typography.Paragraph>
      <Flex vertical gap={16}>
        <TokensCard staff={staff} />
        {staff ? <StaffDeliveriesCard /> : <WebhooksCard />}
      </Flex>
    </>
  );
}
