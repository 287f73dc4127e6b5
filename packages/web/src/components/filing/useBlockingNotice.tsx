import { App } from "antd";
import { useNavigate } from "react-router-dom";
import { ApiError } from "../../api";
import { useNotify } from "../../hooks";
import { useLang } from "../../i18n";

/** The order another one is blocked by (CHANGE_IN_PROGRESS, ACTIVE_ORDER_EXISTS, SUBJECT_IN_BUREAU_REVIEW …). */
interface Blocking {
  orderId?: string;
  number?: string;
  otherAccount?: boolean;
}

/**
 * Shows an API error; when another order is in the way (its id in the error's details), says
 * so in a dialog that opens that order. Another account's order is only described.
 */
export function useBlockingNotice() {
  const navigate = useNavigate();
  const notify = useNotify();
  const { modal } = App.useApp();
  const { t, pick } = useLang();

  return (error: unknown) => {
    const blocking =
      error instanceof ApiError && error.status === 409 ? (error.details as Blocking | undefined) : undefined;
    if (error instanceof ApiError && blocking?.orderId) {
      modal.confirm({
        title: t("filing.blockedTitle"),
        content: <span data-testid="blocked-message">{pick(error.localized)}</span>,
        okText: t("filing.viewOrder", { number: blocking.number ?? "" }),
        okButtonProps: { "data-testid": "open-blocking" } as Record<`data-${string}`, string>,
        cancelText: t("common.close"),
        onOk: () => navigate(`/orders/${blocking.orderId}`),
      });
    } else if (error instanceof ApiError && blocking?.otherAccount) {
      modal.warning({
        title: t("filing.blockedTitle"),
        content: t("filing.otherAccount"),
        okText: t("common.close"),
      });
    } else notify.fail(error);
  };
}
