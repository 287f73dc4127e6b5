import { CheckCircleOutlined } from "@ant-design/icons";
import { AutoComplete, Button, Form, Modal, Typography } from "antd";
import { useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { api } from "../../api";
import { useLoad } from "../../hooks";
import { useLang } from "../../i18n";
import type { Domain, Items, OrderView } from "../../types";
import { useFieldError } from "../useFieldError";
import { PointList } from "./PointList";
import { useBlockingNotice } from "./useBlockingNotice";

/** The orders that start from MIIT's record of one domain. */
export type DomainOrderKind = "add_access" | "claim";

/** What each kind means, point by point (domainOrder.<kind>.p1 …). */
const POINTS = ["p1", "p2", "p3", "p4"] as const;

/** Errors about the domain itself: shown under the field with the server's words and what to do. */
const DOMAIN_ERRORS = new Set([
  "DOMAIN_NOT_FILED",
  "DOMAIN_FILED_HERE",
  "REGULATOR_UNAVAILABLE",
  "CLAIM_NOT_HOSTED_HERE",
  "FILING_HELD_BY_OTHER_ACCOUNT",
  "VALIDATION_FAILED",
]);

interface Props {
  /** The dialog is open for this kind; null: closed. */
  kind: DomainOrderKind | null;
  /** The domain to start with (the first filing's, when it turns out to be filed elsewhere). */
  domain?: string;
  onClose: () => void;
  /** Runs before the order is created (the first filing it replaces is abandoned). */
  beforeStart?: () => Promise<void>;
}

/**
 * 新增接入 / 认领备案: asks for the domain and says what the order means before it starts.
 * The platform reads MIIT's record of the domain; the order opens in the wizard prefilled with
 * the subject and website names MIIT publishes. A domain MIIT does not know, one filed here
 * already, one another account holds, or one filed with another provider (for a claim) is
 * refused with the server's message and what to do instead, beside the field.
 */
export function DomainOrderModal({ kind, domain, onClose, beforeStart }: Props) {
  const { t } = useLang();
  const navigate = useNavigate();
  const showError = useBlockingNotice();
  const showOnField = useFieldError();
  const [form] = Form.useForm<{ domain: string }>();
  const [busy, setBusy] = useState(false);
  // The kind on screen: a claim refused as hosted elsewhere may turn into 新增接入 here.
  const [shown, setShown] = useState<DomainOrderKind | null>(kind);
  const [hint, setHint] = useState<string | null>(null);
  const domains = useLoad<Items<Domain>>(kind ? "/api/domains" : null);

  useEffect(() => {
    setShown(kind);
    setHint(null);
    if (kind) form.setFieldsValue({ domain: domain ?? "" });
  }, [kind, domain, form]);

  const start = async ({ domain: typed }: { domain: string }) => {
    if (!shown) return;
    setBusy(true);
    setHint(null);
    try {
      await beforeStart?.();
      const order = await api.post<OrderView>("/api/orders", {
        type: shown,
        data: { websites: [{ domain: typed.trim().toLowerCase() }] },
      });
      onClose();
      navigate(`/orders/${order.id}/edit`);
    } catch (error) {
      if (showOnField(form, "domain", error, DOMAIN_ERRORS)) setHint(error.code);
      else {
        onClose();
        showError(error);
      }
    } finally {
      setBusy(false);
    }
  };

  const points = shown ? POINTS.map((key) => t(`domainOrder.${shown}.${key}`, "")).filter(Boolean) : [];
  return (
    <Modal
      open={kind !== null}
      title={shown ? t(`domainOrder.${shown}.title`) : null}
      okText={t("domainOrder.start")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={560}
      destroyOnHidden
      okButtonProps={{ "data-testid": "domain-order-ok" } as Record<`data-${string}`, string>}
    >
      <div data-testid="domain-order" data-kind={shown ?? ""}>
        <Typography.Paragraph>{shown ? t(`domainOrder.${shown}.intro`) : null}</Typography.Paragraph>
        <PointList
          points={points}
          icon={<CheckCircleOutlined style={{ color: "#52c41a", marginInlineEnd: 6 }} />}
        />
        <Form form={form} layout="vertical" name="domain-order" onFinish={start} preserve={false}>
          <Form.Item
            name="domain"
            label={t("domainOrder.domain")}
            extra={t("domainOrder.domainHint")}
            rules={[
              { required: true, whitespace: true, message: t("login.required") },
              {
                pattern: /^[^\s.]+(\.[^\s.]+)+$/,
                message: t("domainOrder.domainInvalid"),
              },
            ]}
          >
            <AutoComplete
              id="domain-order-domain"
              placeholder="example.cn"
              options={(domains.data?.items ?? []).map((item) => ({ value: item.name }))}
              filterOption={(input, option) => (option?.value ?? "").includes(input.trim().toLowerCase())}
              autoFocus
            />
          </Form.Item>
        </Form>
        {hint ? <DomainHint code={hint} kind={shown} onAddAccess={() => setShown("add_access")} /> : null}
      </div>
    </Modal>
  );
}

/** What to do instead when the domain was refused. */
function DomainHint({
  code,
  kind,
  onAddAccess,
}: {
  code: string;
  kind: DomainOrderKind | null;
  onAddAccess: () => void;
}) {
  const { t } = useLang();
  if (code === "CLAIM_NOT_HOSTED_HERE" && kind === "claim") {
    return (
      <Typography.Paragraph type="secondary" data-testid="domain-order-hint">
        {t("domainOrder.hint.notHostedHere")}{" "}
        <Button size="small" type="link" onClick={onAddAccess} data-testid="switch-add-access">
          {t("domainOrder.hint.switchAddAccess")}
        </Button>
      </Typography.Paragraph>
    );
  }
  // The server's message says the rest (DOMAIN_NOT_FILED names add access: a claim says it its own way).
  const key =
    code === "FILING_HELD_BY_OTHER_ACCOUNT"
      ? "heldByOther"
      : code === "DOMAIN_FILED_HERE"
        ? "filedHere"
        : code === "DOMAIN_NOT_FILED" && kind === "claim"
          ? "notFiledClaim"
          : null;
  return key ? (
    <Typography.Paragraph type="secondary" data-testid="domain-order-hint">
      {t(`domainOrder.hint.${key}`)}
    </Typography.Paragraph>
  ) : null;
}
