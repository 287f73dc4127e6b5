import { Tag } from "antd";
import { useLang } from "../../i18n";
import type { OrderSummary } from "../../types";
import { KIND_COLORS } from "./orderKinds";

/** 变更备案 / 注销网站 …: the order's kind as a coloured tag (`large` heading a page). */
export function OrderKindTag({
  order,
  large = false,
}: {
  order: Pick<OrderSummary, "type" | "typeLabel">;
  large?: boolean;
}) {
  const { pick } = useLang();
  return (
    <Tag
      color={KIND_COLORS[order.type] ?? "default"}
      variant="filled"
      data-testid="order-kind-tag"
      data-kind={order.type}
      style={
        large
          ? { marginInlineEnd: 0, fontSize: 14, lineHeight: "24px", paddingInline: 10 }
          : { marginInlineEnd: 0 }
      }
    >
      {pick(order.typeLabel)}
    </Tag>
  );
}
