import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { api } from "../../api";
import type { OrderKind, OrderView } from "../../types";
import { hasWizard } from "./orderKinds";
import { useBlockingNotice } from "./useBlockingNotice";

interface StartInput {
  type: OrderKind;
  /** The filed website a cancellation is for (注销网站, 取消接入). */
  websiteId?: string;
}

/**
 * Starts an order on the account's filing (POST /api/orders with a kind) and opens it: the
 * wizard for a change, an added website or an app (`query` added to its address), the order
 * page for a cancellation or a transfer, which have nothing to edit. An order in the way is named with a way to open
 * it. `busy` is the key of the start in progress.
 */
export function useStartOrder() {
  const navigate = useNavigate();
  const showError = useBlockingNotice();
  const [busy, setBusy] = useState<string | null>(null);

  const start = async (input: StartInput, options: { key?: string; query?: string } = {}) => {
    setBusy(options.key ?? input.type);
    try {
      const order = await api.post<OrderView>("/api/orders", input);
      navigate(
        hasWizard(order.type) ? `/orders/${order.id}/edit${options.query ?? ""}` : `/orders/${order.id}`,
      );
      return order;
    } catch (error) {
      showError(error);
      return null;
    } finally {
      setBusy(null);
    }
  };

  return { start, busy };
}
