import { Alert, Flex } from "antd";
import type { ReactNode } from "react";
import { useLang } from "../../i18n";
import type { OrderSummary } from "../../types";
import { OrderKindTag } from "./OrderKindTag";
import { isCancelKind } from "./orderKinds";

/**
 * The kind of an order acting on a filing (变更备案, 新增网站, a cancellation), at the top of
 * its pages: what the kind does (`about`), or in the wizard what may and may not be edited
 * (`rules`), with `children` below (e.g. MIIT's type).
 */
export function OrderKindBanner({
  order,
  text = "about",
  children,
}: {
  order: Pick<OrderSummary, "type" | "typeLabel">;
  text?: "about" | "rules";
  children?: ReactNode;
}) {
  const { t } = useLang();
  return (
    <Alert
      type={isCancelKind(order.type) ? "warning" : "info"}
      showIcon
      data-testid="order-kind"
      data-kind={order.type}
      style={{ marginBottom: 16 }}
      title={
        <Flex gap={8} align="center" wrap>
          <OrderKindTag order={order} large />
          <span>{t(text === "rules" ? `kind.banner.${order.type}` : `kind.about.${order.type}`)}</span>
        </Flex>
      }
      description={children}
    />
  );
}
