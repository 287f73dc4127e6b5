import { InfoCircleOutlined } from "@ant-design/icons";
import { Form, Input, Modal, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { api } from "../../api";
import { useLang } from "../../i18n";
import type { OrderView } from "../../types";
import { useFieldError } from "../useFieldError";
import { PointList } from "./PointList";
import { useBlockingNotice } from "./useBlockingNotice";

/** Refusals about the receiving account: shown under its field with the server's words. */
const TARGET_ERRORS = new Set([
  "TRANSFER_TARGET_INVALID",
  "TRANSFER_TARGET_HAS_FILING",
  "TRANSFER_TARGET_BUSY",
]);

interface Props {
  open: boolean;
  onClose: () => void;
  /** The filed subject, named in the dialog. */
  subjectName: string;
}

/**
 * 转移备案, the sending side: the receiving account's 账号ID and what a transfer means (the
 * receiver holds no subject and has no order in progress; it accepts with the last 6 characters
 * of the subject's certificate number; no review; numbers and access unchanged; withdrawable
 * until accepted). Confirming creates the transfer and sends it at once; the order page follows it.
 */
export function TransferModal({ open, onClose, subjectName }: Props) {
  const { t } = useLang();
  const navigate = useNavigate();
  const showError = useBlockingNotice();
  const showOnField = useFieldError();
  const [form] = Form.useForm<{ toAccountId: string }>();
  const [busy, setBusy] = useState(false);

  const send = async ({ toAccountId }: { toAccountId: string }) => {
    setBusy(true);
    let created: OrderView | null = null;
    try {
      created = await api.post<OrderView>("/api/orders", {
        type: "transfer",
        toAccountId: toAccountId.trim(),
      });
      await api.post<OrderView>(`/api/orders/${created.id}/submit`, {
        version: created.version,
        acknowledgeWarnings: true,
      });
      onClose();
      navigate(`/orders/${created.id}`);
    } catch (error) {
      if (!created && showOnField(form, "toAccountId", error, TARGET_ERRORS)) return;
      onClose();
      // Created but not sent: its page can send or abandon it.
      if (created) navigate(`/orders/${created.id}`);
      showError(error);
    } finally {
      setBusy(false);
    }
  };

  const points = ["p1", "p2", "p3", "p4", "p5"].map((key) => t(`transfer.send.${key}`));
  return (
    <Modal
      open={open}
      title={t("transfer.send.title", { name: subjectName })}
      okText={t("transfer.send.ok")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={560}
      destroyOnHidden
      okButtonProps={{ "data-testid": "transfer-send" } as Record<`data-${string}`, string>}
    >
      <div data-testid="transfer-dialog">
        <Typography.Paragraph>{t("transfer.send.intro")}</Typography.Paragraph>
        <PointList
          points={points}
          icon={<InfoCircleOutlined style={{ color: "#1677ff", marginInlineEnd: 6 }} />}
        />
        <Form form={form} layout="vertical" name="transfer" onFinish={send} preserve={false}>
          <Form.Item
            name="toAccountId"
            label={t("transfer.send.accountId")}
            extra={t("transfer.send.accountIdHint")}
            rules={[{ required: true, whitespace: true, message: t("login.required") }]}
          >
            <Input id="transfer-account-id" maxLength={64} autoComplete="off" autoFocus />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
