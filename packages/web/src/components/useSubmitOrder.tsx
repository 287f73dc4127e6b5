import { App } from "antd";
import { ApiError, api } from "../api";
import { useLang } from "../i18n";
import type { OrderView, Problem } from "../types";
import { fieldLabel } from "./fields";

/**
 * Submits an order for initial review. `acknowledgeWarnings` sends the
 * applicant's acknowledgement of the warnings along (the wizard's checkbox).
 * When only warnings block it, asks the applicant to acknowledge them and
 * submits again; errors go to `onProblems`. Resolves to the submitted order,
 * or null when it was not submitted.
 */
export function useSubmitOrder(onProblems: (problems: Problem[]) => void) {
  const { modal } = App.useApp();
  const { t, pick } = useLang();

  return async (
    order: Pick<OrderView, "id" | "version">,
    options: { acknowledgeWarnings?: boolean } = {},
  ): Promise<OrderView | null> => {
    const post = (acknowledgeWarnings?: boolean) =>
      api.post<OrderView>(`/api/orders/${order.id}/submit`, {
        version: order.version,
        ...(acknowledgeWarnings ? { acknowledgeWarnings } : {}),
      });
    try {
      return await post(options.acknowledgeWarnings);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== "SUBMIT_BLOCKED") throw error;
      const problems = (error.details as { problems?: Problem[] } | undefined)?.problems ?? [];
      onProblems(problems);
      if (problems.length === 0 || problems.some((problem) => problem.severity === "error")) return null;
      const confirmed = await modal.confirm({
        title: t("order.warningTitle"),
        content: (
          <ul style={{ paddingInlineStart: 18 }}>
            {problems.map((problem, index) => (
              <li key={index}>
                <b>{fieldLabel(problem.field, t)}</b>：{pick(problem.message)}
              </li>
            ))}
          </ul>
        ),
        okText: t("order.acknowledge"),
        cancelText: t("common.cancel"),
      });
      if (!confirmed) return null;
      onProblems([]);
      return post(true);
    }
  };
}
