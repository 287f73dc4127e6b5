import { SwapOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Flex, Form, Input, List, Modal, Tag, Typography } from "antd";
import { useState } from "react";
import { api } from "../../api";
import { useLoad, useNotify } from "../../hooks";
import { useLang } from "../../i18n";
import type { IncomingTransfer, Items } from "../../types";
import { formatTime } from "../format";
import { useFieldError } from "../useFieldError";

/** Refusals of an acceptance: shown under the field with the server's words. */
const ACCEPT_ERRORS = new Set([
  "TRANSFER_PROOF_MISMATCH",
  "TRANSFER_TARGET_BUSY",
  "TRANSFER_TARGET_HAS_FILING",
  "RATE_LIMITED",
]);

/**
 * 待接收的转移备案: filings another account is transferring to this one, prominent on 我的网站
 * and the 工作台 while there are any. 接收 asks for the last 6 characters of the subject's
 * certificate number (the receiver proves it is the same subject); 拒绝 takes an optional
 * reason. `onAccepted` lets the page reload what the filing brings (websites, apps).
 */
export function IncomingTransfers({ onAccepted }: { onAccepted?: () => void }) {
  const { t } = useLang();
  const notify = useNotify();
  const incoming = useLoad<Items<IncomingTransfer>>("/api/transfers/incoming");
  const [accepting, setAccepting] = useState<IncomingTransfer | null>(null);
  const [declining, setDeclining] = useState<IncomingTransfer | null>(null);
  const items = incoming.data?.items ?? [];
  if (items.length === 0) return null;

  return (
    <Card
      className="incoming-transfers"
      style={{ marginBottom: 16, borderColor: "#722ed1" }}
      styles={{ header: { background: "#f9f0ff" } }}
      data-testid="incoming-transfers"
      title={
        <span>
          <SwapOutlined style={{ color: "#722ed1" }} />{" "}
          {t("transfer.incoming.title", { count: items.length })}
        </span>
      }
    >
      <Typography.Paragraph type="secondary">{t("transfer.incoming.hint")}</Typography.Paragraph>
      <List
        dataSource={items}
        rowKey="id"
        renderItem={(item) => (
          <List.Item
            data-testid="incoming-transfer"
            data-number={item.number}
            actions={[
              <Button
                key="accept"
                type="primary"
                onClick={() => setAccepting(item)}
                data-testid="accept-transfer"
              >
                {t("transfer.incoming.accept")}
              </Button>,
              <Button key="decline" onClick={() => setDeclining(item)} data-testid="decline-transfer">
                {t("transfer.incoming.decline")}
              </Button>,
            ]}
          >
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                {
                  key: "subject",
                  label: t("transfer.incoming.subject"),
                  children: <Typography.Text strong>{item.subjectName ?? "—"}</Typography.Text>,
                },
                {
                  key: "domains",
                  label: t("transfer.incoming.domains"),
                  children:
                    item.domains.length > 0
                      ? item.domains.map((domain) => <Tag key={domain}>{domain}</Tag>)
                      : "—",
                },
                { key: "from", label: t("transfer.incoming.from"), children: item.from },
                { key: "number", label: t("order.number"), children: item.number },
                { key: "sentAt", label: t("transfer.incoming.sentAt"), children: formatTime(item.sentAt) },
                {
                  key: "expiresAt",
                  label: t("transfer.incoming.expiresAt"),
                  children: formatTime(item.expiresAt),
                },
              ]}
            />
          </List.Item>
        )}
      />
      <AcceptModal
        transfer={accepting}
        onClose={() => setAccepting(null)}
        onDone={() => {
          setAccepting(null);
          notify.ok(t("transfer.incoming.accepted"));
          incoming.reload();
          onAccepted?.();
        }}
      />
      <DeclineModal
        transfer={declining}
        onClose={() => setDeclining(null)}
        onDone={() => {
          setDeclining(null);
          notify.ok(t("transfer.incoming.declined"));
          incoming.reload();
        }}
      />
    </Card>
  );
}

interface ModalProps {
  transfer: IncomingTransfer | null;
  onClose: () => void;
  onDone: () => void;
}

function AcceptModal({ transfer, onClose, onDone }: ModalProps) {
  const { t } = useLang();
  const notify = useNotify();
  const showOnField = useFieldError();
  const [form] = Form.useForm<{ certificateTail: string }>();
  const [busy, setBusy] = useState(false);

  const accept = async ({ certificateTail }: { certificateTail: string }) => {
    if (!transfer) return;
    setBusy(true);
    try {
      await api.post(`/api/transfers/${encodeURIComponent(transfer.id)}/accept`, {
        certificateTail: certificateTail.trim().toUpperCase(),
      });
      onDone();
    } catch (error) {
      if (!showOnField(form, "certificateTail", error, ACCEPT_ERRORS)) notify.fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={transfer !== null}
      title={t("transfer.incoming.acceptTitle", { name: transfer?.subjectName ?? "" })}
      okText={t("transfer.incoming.accept")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ "data-testid": "accept-transfer-ok" } as Record<`data-${string}`, string>}
    >
      <Alert type="info" showIcon title={t("transfer.incoming.acceptHint")} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" name="accept-transfer" onFinish={accept} preserve={false}>
        <Form.Item
          name="certificateTail"
          label={t("transfer.incoming.certificateTail")}
          rules={[
            { required: true, whitespace: true, message: t("login.required") },
            { pattern: /^[0-9A-Za-z]{6}$/, message: t("transfer.incoming.certificateTailInvalid") },
          ]}
        >
          <Input
            id="certificate-tail"
            maxLength={6}
            autoComplete="off"
            autoFocus
            style={{ width: 160, fontFamily: "monospace", letterSpacing: 2 }}
          />
        </Form.Item>
      </Form>
      <Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("transfer.incoming.acceptAfter")}
        </Typography.Text>
      </Flex>
    </Modal>
  );
}

function DeclineModal({ transfer, onClose, onDone }: ModalProps) {
  const { t } = useLang();
  const notify = useNotify();
  const [form] = Form.useForm<{ reason?: string }>();
  const [busy, setBusy] = useState(false);

  const decline = async ({ reason }: { reason?: string }) => {
    if (!transfer) return;
    setBusy(true);
    try {
      await api.post(
        `/api/transfers/${encodeURIComponent(transfer.id)}/decline`,
        reason?.trim() ? { reason: reason.trim() } : {},
      );
      onDone();
    } catch (error) {
      notify.fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={transfer !== null}
      title={t("transfer.incoming.declineTitle", { name: transfer?.subjectName ?? "" })}
      okText={t("transfer.incoming.decline")}
      okButtonProps={{ danger: true }}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{t("transfer.incoming.declineHint")}</Typography.Paragraph>
      <Form form={form} layout="vertical" name="decline-transfer" onFinish={decline} preserve={false}>
        <Form.Item name="reason" label={t("transfer.incoming.reason")}>
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
