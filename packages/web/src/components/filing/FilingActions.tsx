import {
  AppstoreAddOutlined,
  DeleteOutlined,
  EditOutlined,
  LinkOutlined,
  PlusOutlined,
  SolutionOutlined,
  SwapOutlined,
} from "@ant-design/icons";
import { App, Button, Card, Descriptions, Typography } from "antd";
import { useState, type ReactNode } from "react";
import { useLang } from "../../i18n";
import type { FiledWebsite } from "../../types";
import { CancelConsequence } from "./CancelConsequence";
import { DomainOrderModal } from "./DomainOrderModal";
import { TransferModal } from "./TransferModal";
import { useStartOrder } from "./useStartOrder";

/**
 * 备案管理, above 我的网站: the filed subject and what can be done with the filing — 变更备案
 * (prefilled from the filing), 新增网站 (under the same subject), 新增接入 (a website filed
 * through another provider, after a dialog asking for its domain), APP备案 (an app under the
 * same subject), 转移备案 (to another account, after a dialog asking for its 账号ID), 注销主体
 * (after a dialog saying what it costs). The per-website cancellations are on each website's
 * card. Nothing without a filed website.
 */
export function FilingActions({ websites }: { websites: FiledWebsite[] }) {
  const { t } = useLang();
  const { modal } = App.useApp();
  const { start, busy } = useStartOrder();
  const [addingAccess, setAddingAccess] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const filed = websites.filter((website) => website.status === "filed");
  const first = filed[0];
  if (!first) return null;

  const cancelSubject = () =>
    modal.confirm({
      title: t("filing.confirm.cancelSubjectTitle", { name: first.subjectName }),
      content: (
        <CancelConsequence
          kind="cancel_subject"
          number={first.subjectNumber}
          subjectNumber={first.subjectNumber}
          count={filed.length}
        />
      ),
      okText: t("filing.confirm.okCancel"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      width: 520,
      onOk: () => start({ type: "cancel_subject" }),
    });

  return (
    <Card
      style={{ marginBottom: 16 }}
      data-testid="filing-actions"
      title={
        <span>
          <SolutionOutlined /> {t("filing.title")}
        </span>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: "subject", label: t("filing.subject"), children: first.subjectName },
          {
            key: "number",
            label: t("filing.subjectNumber"),
            children: <Typography.Text copyable>{first.subjectNumber}</Typography.Text>,
          },
          {
            key: "websites",
            label: t("filing.websites"),
            children: t("filing.websitesCount", { count: filed.length }),
          },
        ]}
      />
      <div style={{ display: "grid", gap: 12, gridTemplateColumns: "repeat(auto-fill, minmax(220px, 1fr))" }}>
        <ActionButton
          icon={<EditOutlined />}
          label={t("filing.change")}
          hint={t("filing.changeHint")}
          primary
          loading={busy === "change"}
          testId="start-change"
          onClick={() => void start({ type: "change" })}
        />
        <ActionButton
          icon={<PlusOutlined />}
          label={t("filing.addWebsite")}
          hint={t("filing.addWebsiteHint")}
          loading={busy === "add_website"}
          testId="start-add-website"
          onClick={() => void start({ type: "add_website" })}
        />
        <ActionButton
          icon={<LinkOutlined />}
          label={t("filing.addAccess")}
          hint={t("filing.addAccessHint")}
          loading={false}
          testId="start-add-access"
          onClick={() => setAddingAccess(true)}
        />
        <ActionButton
          icon={<AppstoreAddOutlined />}
          label={t("filing.app")}
          hint={t("filing.appHint")}
          loading={busy === "app"}
          testId="start-app"
          onClick={() => void start({ type: "app" })}
        />
        <ActionButton
          icon={<SwapOutlined />}
          label={t("filing.transfer")}
          hint={t("filing.transferHint")}
          loading={false}
          testId="start-transfer"
          onClick={() => setTransferring(true)}
        />
        <ActionButton
          icon={<DeleteOutlined />}
          label={t("filing.cancelSubject")}
          hint={t("filing.cancelSubjectHint")}
          danger
          loading={busy === "cancel_subject"}
          testId="start-cancel-subject"
          onClick={cancelSubject}
        />
      </div>
      <Typography.Paragraph type="secondary" style={{ margin: "12px 0 0", fontSize: 12 }}>
        {t("filing.hint")}
      </Typography.Paragraph>
      <DomainOrderModal kind={addingAccess ? "add_access" : null} onClose={() => setAddingAccess(false)} />
      <TransferModal
        open={transferring}
        onClose={() => setTransferring(false)}
        subjectName={first.subjectName}
      />
    </Card>
  );
}

function ActionButton(props: {
  icon: ReactNode;
  label: string;
  hint: string;
  primary?: boolean;
  danger?: boolean;
  loading: boolean;
  testId: string;
  onClick: () => void;
}) {
  return (
    <div className="filing-action">
      <Button
        type={props.primary ? "primary" : "default"}
        danger={props.danger}
        icon={props.icon}
        loading={props.loading}
        onClick={props.onClick}
        data-testid={props.testId}
      >
        {props.label}
      </Button>
      <Typography.Text type="secondary" className="filing-action-hint">
        {props.hint}
      </Typography.Text>
    </div>
  );
}
