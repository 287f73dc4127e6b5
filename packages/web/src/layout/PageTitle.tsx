import { Breadcrumb, Flex, Typography } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { useLang } from "../i18n";

interface Props {
  title: ReactNode;
  /** Crumbs between 首页 and the title: [label, link]. */
  parents?: [string, string][];
  extra?: ReactNode;
}

/** The console's page heading: breadcrumb, title and actions on the right. */
export function PageTitle({ title, parents = [], extra }: Props) {
  const { t } = useLang();
  return (
    <div className="page-title">
      <Breadcrumb
        items={[
          { title: <Link to="/">{t("app.home")}</Link> },
          ...parents.map(([label, to]) => ({ title: <Link to={to}>{label}</Link> })),
          { title },
        ]}
      />
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra ? <Flex gap={8}>{extra}</Flex> : null}
      </Flex>
    </div>
  );
}
