import { PlusOutlined } from "@ant-design/icons";
import { Button, Flex, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { api } from "../../api";
import { useNotify } from "../../hooks";
import { useLang } from "../../i18n";
import { RecipientForm } from "./RecipientForm";
import type { Recipient, RecipientList } from "./types";

/** The account's extra recipients (up to the limit): who they are and what they get, by channel. */
export function RecipientTable({ list, reload }: { list: RecipientList; reload: () => void }) {
  const { t, pick } = useLang();
  const notify = useNotify();
  const [modal, setModal] = useState<{ editing: Recipient | undefined } | null>(null);
  const labelOf = (items: RecipientList["roles"], id: string) =>
    pick(items.find((item) => item.id === id)?.label);
  const full = list.items.length >= list.limit;

  const remove = async (recipient: Recipient) => {
    try {
      await api.delete(`/api/recipients/${encodeURIComponent(recipient.id)}`);
      notify.ok(t("notificationSettings.deleted"));
      reload();
    } catch (error) {
      notify.fail(error);
    }
  };

  const groupTags = (ids: string[], color: string) =>
    ids.length === 0 ? (
      <Typography.Text type="secondary">—</Typography.Text>
    ) : (
      <Space size={[0, 4]} wrap>
        {ids.map((id) => (
          <Tag key={id} color={color}>
            {labelOf(list.groups, id)}
          </Tag>
        ))}
      </Space>
    );

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          {t("notificationSettings.recipientsHint", { limit: list.limit })}{" "}
          {t("notificationSettings.count", { count: list.items.length, limit: list.limit })}
        </Typography.Text>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          disabled={full}
          onClick={() => setModal({ editing: undefined })}
          data-testid="recipient-add"
        >
          {t("notificationSettings.add")}
        </Button>
      </Flex>
      <Table<Recipient>
        rowKey="id"
        size="middle"
        pagination={false}
        scroll={{ x: "max-content" }}
        dataSource={list.items}
        locale={{ emptyText: t("notificationSettings.empty") }}
        columns={[
          { title: t("notificationSettings.name"), dataIndex: "name" },
          {
            title: t("notificationSettings.role"),
            dataIndex: "role",
            render: (role: string) => labelOf(list.roles, role),
          },
          {
            title: t("notificationSettings.emailAddress"),
            dataIndex: "email",
            render: (email: string | null) => email ?? "—",
          },
          {
            title: t("notificationSettings.mobile"),
            dataIndex: "phoneMasked",
            render: (phone: string | null) => phone ?? "—",
          },
          {
            title: t("notificationSettings.emailGroups"),
            dataIndex: "emailGroups",
            render: (ids: string[]) => groupTags(ids, "blue"),
          },
          {
            title: t("notificationSettings.smsGroups"),
            dataIndex: "smsGroups",
            render: (ids: string[]) => groupTags(ids, "orange"),
          },
          {
            title: t("common.actions"),
            key: "actions",
            render: (_value, recipient) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setModal({ editing: recipient })}>
                  {t("notificationSettings.editShort")}
                </Button>
                <Popconfirm
                  title={t("notificationSettings.deleteConfirm", { name: recipient.name })}
                  okText={t("common.confirm")}
                  cancelText={t("common.cancel")}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove(recipient)}
                >
                  <Button type="link" size="small" danger>
                    {t("notificationSettings.delete")}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <RecipientForm
        list={list}
        editing={modal?.editing}
        open={modal !== null}
        onClose={() => setModal(null)}
        onSaved={reload}
      />
    </>
  );
}
