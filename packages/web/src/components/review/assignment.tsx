import { Modal, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { api } from "../../api";
import { useLoad, useNotify } from "../../hooks";
import { useLang } from "../../i18n";
import type { Items, StaffMember, StaffRef } from "../../types";

const orderPath = (orderId: string) => `/api/review/orders/${encodeURIComponent(orderId)}`;

/** 领取 / 释放 / 转派 one order; `done` runs after each success (reload the list or the order). */
export function useAssignment(done: () => void) {
  const { t } = useLang();
  const notify = useNotify();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (key: string, call: () => Promise<unknown>, success: string) => {
    setBusy(key);
    try {
      await call();
      notify.ok(success);
    } catch (error) {
      notify.fail(error);
    } finally {
      setBusy(null);
      // Also after a failure (ALREADY_CLAIMED): the list shows who has it now.
      done();
    }
  };
  return {
    busy,
    claim: (orderId: string, number: string) =>
      run(`claim:${orderId}`, () => api.post(`${orderPath(orderId)}/claim`), t("queue.claimed", { number })),
    release: (orderId: string) =>
      run(`release:${orderId}`, () => api.post(`${orderPath(orderId)}/release`), t("queue.released")),
    assign: (orderId: string, to: StaffRef) =>
      run(
        `assign:${orderId}`,
        () => api.post(`${orderPath(orderId)}/assign`, { userId: to.id }),
        t("queue.reassigned", { name: to.displayName }),
      ),
  };
}

/** The staff who can take orders, for the assignee filter and the reassign dialog. */
export function useStaff(active: boolean) {
  return useLoad<Items<StaffMember>>(active ? "/api/review/staff" : null);
}

interface ReassignProps {
  order: { id: string; number: string; assignee: StaffRef | null } | null;
  staff: StaffMember[];
  onAssign: (orderId: string, to: StaffRef) => Promise<void>;
  onClose: () => void;
}

/** 转派 (supervisors): pick who takes the order over. */
export function ReassignModal({ order, staff, onAssign, onClose }: ReassignProps) {
  const { t } = useLang();
  const [userId, setUserId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const chosen = staff.find((member) => member.id === userId);
  return (
    <Modal
      title={order ? t("queue.reassignTitle", { number: order.number }) : ""}
      open={order !== null}
      okText={t("queue.reassign")}
      cancelText={t("common.cancel")}
      okButtonProps={{ disabled: !chosen, "data-testid": "reassign-ok" }}
      confirmLoading={busy}
      destroyOnHidden
      afterOpenChange={(open) => !open && setUserId(undefined)}
      onCancel={onClose}
      onOk={async () => {
        if (!order || !chosen) return;
        setBusy(true);
        await onAssign(order.id, chosen);
        setBusy(false);
        onClose();
      }}
    >
      <Typography.Paragraph type="secondary">
        {t("queue.currentAssignee")}：{order?.assignee?.displayName ?? t("queue.unassigned")}
      </Typography.Paragraph>
      <Select
        id="reassign-user"
        style={{ width: "100%" }}
        showSearch={{ optionFilterProp: "search" }}
        placeholder={t("queue.reassignTo")}
        value={userId}
        onChange={setUserId}
        options={staff
          .filter((member) => member.id !== order?.assignee?.id)
          .map((member) => ({
            value: member.id,
            search: member.displayName,
            label: (
              <Space>
                {member.displayName}
                <Tag>{t(`role.${member.role}`)}</Tag>
              </Space>
            ),
          }))}
      />
    </Modal>
  );
}
