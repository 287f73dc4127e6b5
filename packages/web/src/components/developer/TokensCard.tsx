import { PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { api } from "../../api";
import { useLoad, useNotify } from "../../hooks";
import { useLang } from "../../i18n";
import type { Items } from "../../types";
import { formatTime } from "../format";
import { SecretModal } from "./SecretModal";
import type { ApiToken, TokenScope } from "./types";

interface TokenValues {
  name: string;
  scopes: TokenScope[];
  expiresInDays: number | 0;
}

/** API令牌: the list, creating one (its secret shown once), revoking. */
export function TokensCard({ staff }: { staff: boolean }) {
  const { t, pick } = useLang();
  const notify = useNotify();
  const tokens = useLoad<Items<ApiToken>>("/api/tokens");
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [form] = Form.useForm<TokenValues>();
  const scopes: TokenScope[] = staff ? ["read", "review"] : ["read", "file"];

  const create = async (values: TokenValues) => {
    setBusy(true);
    try {
      const created = await api.post<ApiToken & { token: string }>("/api/tokens", {
        name: values.name.trim(),
        scopes: values.scopes,
        ...(values.expiresInDays ? { expiresInDays: values.expiresInDays } : {}),
      });
      setOpen(false);
      setSecret(created.token);
      tokens.reload();
    } catch (error) {
      notify.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (id: string) => {
    try {
      await api.delete(`/api/tokens/${id}`);
      notify.ok(t("developer.revokedOk"));
      tokens.reload();
    } catch (error) {
      notify.fail(error);
    }
  };

  return (
    <Card
      title={t("developer.tokens")}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setOpen(true)}
          data-testid="create-token"
        >
          {t("developer.createToken")}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t("developer.tokensIntro")}</Typography.Paragraph>
      {tokens.error ? <Alert type="error" title={pick(tokens.error.localized)} /> : null}
      <Table<ApiToken>
        rowKey="id"
        size="small"
        scroll={{ x: "max-content" }}
        loading={tokens.loading}
        dataSource={tokens.data?.items ?? []}
        pagination={false}
        data-testid="token-table"
        columns={[
          { title: t("developer.tokenName"), dataIndex: "name" },
          {
            title: t("developer.prefix"),
            dataIndex: "prefix",
            render: (prefix: string) => <code>{prefix}…</code>,
          },
          {
            title: t("developer.scopes"),
            dataIndex: "scopes",
            render: (values: TokenScope[]) => values.map((scope) => <Tag key={scope}>{scope}</Tag>),
          },
          { title: t("developer.createdBy"), dataIndex: "createdBy" },
          { title: t("developer.createdAt"), dataIndex: "createdAt", render: formatTime },
          { title: t("developer.lastUsedAt"), dataIndex: "lastUsedAt", render: formatTime },
          {
            title: t("developer.expiresAt"),
            dataIndex: "expiresAt",
            render: (at: string | null) => (at ? formatTime(at) : t("developer.never")),
          },
          {
            title: t("developer.status"),
            key: "status",
            render: (_: unknown, token) =>
              token.revokedAt ? (
                <Tag>{t("developer.revoked")}</Tag>
              ) : token.active ? (
                <Tag color="success">{t("developer.active")}</Tag>
              ) : (
                <Tag color="warning">{t("developer.expired")}</Tag>
              ),
          },
          {
            title: "",
            key: "actions",
            render: (_: unknown, token) =>
              token.revokedAt ? null : (
                <Popconfirm title={t("developer.revokeConfirm")} onConfirm={() => revoke(token.id)}>
                  <Button size="small" danger>
                    {t("developer.revoke")}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        title={t("developer.createToken")}
        open={open}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={create}
          preserve={false}
          initialValues={{ scopes, expiresInDays: 0 }}
        >
          <Form.Item name="name" label={t("developer.tokenName")} rules={[{ required: true, max: 64 }]}>
            <Input placeholder={t("developer.tokenNamePlaceholder")} maxLength={64} />
          </Form.Item>
          <Form.Item
            name="scopes"
            label={t("developer.scopes")}
            rules={[{ required: true, type: "array", min: 1 }]}
          >
            <Checkbox.Group options={scopes.map((scope) => ({ label: scope, value: scope }))} />
          </Form.Item>
          <Form.Item name="expiresInDays" label={t("developer.expires")}>
            <Select
              options={[0, 30, 90, 365].map((days) => ({
                value: days,
                label: days ? t("developer.days", { n: days }) : t("developer.never"),
              }))}
            />
          </Form.Item>
        </Form>
      </Modal>
      <SecretModal label={t("developer.tokens")} secret={secret} onClose={() => setSecret(null)} />
    </Card>
  );
}
