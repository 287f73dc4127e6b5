import { PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { api } from "../api";
import { formatTime } from "../components/format";
import { useLoad, useNotify } from "../hooks";
import { useLang } from "../i18n";
import { PageTitle } from "../layout/PageTitle";
import { useSession } from "../session";
import type { Items, StaffAccount, StaffRole } from "../types";

const ROLES: StaffRole[] = ["reviewer", "supervisor", "admin"];
const ROLE_COLORS: Record<StaffRole, string> = { reviewer: "blue", supervisor: "gold", admin: "purple" };

interface CreateValues {
  email: string;
  displayName: string;
  role: StaffRole;
  password: string;
}

const isDisabled = (member: StaffAccount) => member.disabled === true || !!member.disabledAt;

/** 人员管理 (admins): the provider's staff; create, change role, disable. */
export default function StaffAdmin() {
  const { t, pick } = useLang();
  const { user } = useSession();
  const notify = useNotify();
  const staff = useLoad<Items<StaffAccount>>("/api/admin/staff");
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<StaffAccount | null>(null);
  const [role, setRole] = useState<StaffRole | undefined>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<CreateValues>();

  const run = async (call: () => Promise<unknown>, success: string) => {
    setBusy(true);
    try {
      await call();
      notify.ok(success);
      staff.reload();
      return true;
    } catch (error) {
      notify.fail(error);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const create = async (values: CreateValues) => {
    const body = { ...values, email: values.email.trim(), displayName: values.displayName.trim() };
    if (await run(() => api.post("/api/admin/staff", body), t("staff.created", { name: body.displayName })))
      setCreating(false);
  };

  const required = [{ required: true, whitespace: true, message: t("login.required") }];
  return (
    <>
      <PageTitle
        title={t("console.menu.staff")}
        parents={[[t("console.title"), "/console/queue"]]}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={staff.reload} aria-label={t("common.refresh")} />
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="staff-add"
            >
              {t("staff.add")}
            </Button>
          </>
        }
      />
      <Card>
        {staff.error ? (
          <Alert type="error" showIcon title={pick(staff.error.localized)} style={{ marginBottom: 16 }} />
        ) : null}
        <Table<StaffAccount>
          rowKey="id"
          loading={staff.loading && !staff.data}
          dataSource={staff.data?.items ?? []}
          pagination={false}
          scroll={{ x: "max-content" }}
          onRow={(member) => ({ "data-email": member.email }) as object}
          columns={[
            {
              title: t("account.displayName"),
              dataIndex: "displayName",
              render: (name: string, member) => (
                <Space size={4}>
                  {name}
                  {member.id === user?.id ? (
                    <Typography.Text type="secondary">{t("staff.self")}</Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            { title: t("account.email"), dataIndex: "email" },
            {
              title: t("account.role"),
              dataIndex: "role",
              render: (value: StaffRole) => <Tag color={ROLE_COLORS[value]}>{t(`role.${value}`)}</Tag>,
            },
            {
              title: t("staff.status"),
              key: "status",
              render: (_value, member) =>
                isDisabled(member) ? (
                  <Tag data-status="disabled">{t("staff.disabled")}</Tag>
                ) : (
                  <Tag color="success" data-status="active">
                    {t("staff.active")}
                  </Tag>
                ),
            },
            { title: t("staff.createdAt"), dataIndex: "createdAt", render: (at?: string) => formatTime(at) },
            {
              title: t("common.actions"),
              key: "actions",
              render: (_value, member) => {
                const self = member.id === user?.id;
                if (isDisabled(member))
                  return (
                    <Button
                      type="link"
                      size="small"
                      data-action="enable"
                      onClick={() =>
                        void run(
                          () => api.post(`/api/admin/staff/${encodeURIComponent(member.id)}/enable`),
                          t("staff.enabledDone"),
                        )
                      }
                    >
                      {t("staff.enable")}
                    </Button>
                  );
                return (
                  <Space size={0}>
                    <Button
                      type="link"
                      size="small"
                      disabled={self}
                      onClick={() => {
                        setEditing(member);
                        setRole(member.role);
                      }}
                    >
                      {t("staff.changeRole")}
                    </Button>
                    <Popconfirm
                      title={t("staff.disable")}
                      description={t("staff.disableConfirm", { name: member.displayName })}
                      okText={t("staff.disable")}
                      cancelText={t("common.cancel")}
                      okButtonProps={{ danger: true }}
                      disabled={self}
                      onConfirm={() =>
                        run(
                          () => api.post(`/api/admin/staff/${encodeURIComponent(member.id)}/disable`),
                          t("staff.disabledDone"),
                        )
                      }
                    >
                      <Button type="link" size="small" danger disabled={self}>
                        {t("staff.disable")}
                      </Button>
                    </Popconfirm>
                  </Space>
                );
              },
            },
          ]}
        />
      </Card>
      <Modal
        title={t("staff.add")}
        open={creating}
        okText={t("common.save")}
        cancelText={t("common.cancel")}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <Form
          form={form}
          name="staff"
          layout="vertical"
          onFinish={create}
          preserve={false}
          initialValues={{ role: "reviewer" }}
        >
          <Form.Item name="displayName" label={t("account.displayName")} rules={required}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item
            name="email"
            label={t("account.email")}
            rules={[...required, { type: "email", message: t("login.emailInvalid") }]}
          >
            <Input maxLength={120} autoComplete="off" />
          </Form.Item>
          <Form.Item name="role" label={t("account.role")} rules={required}>
            <Select options={ROLES.map((value) => ({ value, label: t(`role.${value}`) }))} />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("staff.password")}
            extra={t("staff.passwordHint")}
            rules={[...required, { min: 8, message: t("login.passwordMin") }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={editing ? t("staff.changeRoleTitle", { name: editing.displayName }) : ""}
        open={editing !== null}
        okText={t("common.save")}
        cancelText={t("common.cancel")}
        confirmLoading={busy}
        okButtonProps={{ disabled: !role || role === editing?.role }}
        onCancel={() => setEditing(null)}
        onOk={async () => {
          if (!editing || !role) return;
          if (
            await run(
              () => api.post(`/api/admin/staff/${encodeURIComponent(editing.id)}/role`, { role }),
              t("staff.roleChanged"),
            )
          )
            setEditing(null);
        }}
        destroyOnHidden
      >
        <Select
          id="staff-role"
          style={{ width: "100%" }}
          value={role}
          onChange={setRole}
          options={ROLES.map((value) => ({ value, label: t(`role.${value}`) }))}
        />
      </Modal>
    </>
  );
}
