import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { api } from "../../api";
import type { OrderData, OrderKind, OrderView } from "../../types";
import { isCancelKind } from "./orderKinds";
import { useBlockingNotice } from "./useBlockingNotice";

export interface StartInput {
  type: OrderKind;
  websiteId?: string;
  data?: OrderData;
}

/**
 * Starts an order on the account's filing (POST /api/orders with a kind) and opens it: the
 * wizard for a change or an added website (`query` added to its address), the order page for
 * a cancellation, which has nothing to edit. An order in the way is named with a way to open
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
        isCancelKind(order.type) ? `/orders/${order.id}` : `/orders/${order.id}/edit${options.query ?? ""}`,
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
