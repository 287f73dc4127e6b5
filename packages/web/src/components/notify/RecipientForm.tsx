import { Checkbox, Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import { api } from "../../api";
import { useNotify } from "../../hooks";
import { useLang } from "../../i18n";
import type { Recipient, RecipientList } from "./types";

interface Values {
  name: string;
  role: string;
  email?: string;
  phone?: string;
  removePhone?: boolean;
  emailGroups: string[];
  smsGroups: string[];
}

interface Props {
  list: RecipientList;
  /** The recipient being edited; undefined adds one. */
  editing: Recipient | undefined;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}

/** Add or edit one recipient. The stored mobile is never shown: an empty field keeps it. */
export function RecipientForm({ list, editing, open, onClose, onSaved }: Props) {
  const { t, pick } = useLang();
  const notify = useNotify();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const groups = list.groups.map((group) => ({ value: group.id, label: pick(group.label) }));
  /** Categories on a channel need that channel's contact (a stored mobile counts unless removed). */
  const needs =
    (field: "email" | "phone", message: string) =>
    ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
      validator: async (_rule: unknown, value: string[] | undefined) => {
        const typed = String(getFieldValue(field) ?? "").trim() !== "";
        const stored = field === "phone" && !!editing?.phoneMasked && !getFieldValue("removePhone");
        if ((value?.length ?? 0) > 0 && !typed && !stored) throw new Error(message);
      },
    });

  const submit = async (values: Values) => {
    const phone = values.phone?.trim();
    const body = {
      name: values.name.trim(),
      role: values.role,
      email: values.email?.trim() || null,
      emailGroups: values.emailGroups,
      smsGroups: values.smsGroups,
      // Adding: the typed phone or none. Editing: a typed phone replaces, the box removes, else kept.
      ...(phone ? { phone } : values.removePhone || !editing ? { phone: null } : {}),
    };
    setBusy(true);
    try {
      if (editing) await api.patch(`/api/recipients/${encodeURIComponent(editing.id)}`, body);
      else await api.post("/api/recipients", body);
      notify.ok(t("notificationSettings.recipientSaved"));
      onSaved();
      onClose();
    } catch (error) {
      notify.fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={t(editing ? "notificationSettings.edit" : "notificationSettings.add")}
      open={open}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name="recipient"
        layout="vertical"
        preserve={false}
        onFinish={submit}
        initialValues={
          editing
            ? {
                name: editing.name,
                role: editing.role,
                email: editing.email ?? "",
                emailGroups: editing.emailGroups,
                smsGroups: editing.smsGroups,
              }
            : { role: "subject_head", emailGroups: list.groups.map((group) => group.id), smsGroups: [] }
        }
      >
        <Form.Item
          name="name"
          label={t("notificationSettings.name")}
          rules={[{ required: true, whitespace: true, message: t("login.required") }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="role" label={t("notificationSettings.role")} rules={[{ required: true }]}>
          <Select options={list.roles.map((role) => ({ value: role.id, label: pick(role.label) }))} />
        </Form.Item>
        <Form.Item
          name="email"
          label={t("notificationSettings.emailAddress")}
          rules={[{ type: "email", message: t("notificationSettings.emailInvalid") }]}
        >
          <Input maxLength={254} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t("notificationSettings.mobile")}
          rules={[{ pattern: /^\+?[\d\s-]{11,20}$/, message: t("notificationSettings.phoneInvalid") }]}
        >
          <Input
            maxLength={20}
            inputMode="tel"
            autoComplete="off"
            placeholder={
              editing?.phoneMasked
                ? t("notificationSettings.keepPhone", { masked: editing.phoneMasked })
                : undefined
            }
          />
        </Form.Item>
        {editing?.phoneMasked ? (
          <Form.Item name="removePhone" valuePropName="checked" style={{ marginTop: -12 }}>
            <Checkbox>{t("notificationSettings.removePhone")}</Checkbox>
          </Form.Item>
        ) : null}
        <Form.Item
          name="emailGroups"
          label={t("notificationSettings.emailGroups")}
          dependencies={["email"]}
          rules={[needs("email", t("notificationSettings.needEmail"))]}
        >
          <Checkbox.Group options={groups} />
        </Form.Item>
        <Form.Item
          name="smsGroups"
          label={t("notificationSettings.smsGroups")}
          dependencies={["phone", "removePhone"]}
          rules={[needs("phone", t("notificationSettings.needPhone"))]}
        >
          <Checkbox.Group options={groups} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
