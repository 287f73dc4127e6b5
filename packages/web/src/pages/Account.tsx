import { IdcardOutlined, LockOutlined } from "@ant-design/icons";
import { checkResidentId, checkUscc } from "@openbeian/core";
import { Alert, Button, Card, Col, Descriptions, Form, Input, Row, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { ApiError, api } from "../api";
import { formatTime } from "../components/format";
import { useLoad, useNotify } from "../hooks";
import { useLang } from "../i18n";
import { PageTitle } from "../layout/PageTitle";
import type { Role } from "../types";

interface Identity {
  type: "personal" | "organization";
  name: string | null;
  certificateMasked: string | null;
  verifiedAt: string | null;
  updatedAt: string | null;
}

interface AccountView {
  user: { id: string; email: string; displayName: string; role: Role; createdAt: string };
  account: { id: string; type: "personal" | "organization"; name: string; createdAt: string };
  identity: Identity;
}

interface IdentityValues {
  name: string;
  certificate: string;
}

/**
 * 账号信息: the user, the account (with its 账号ID to copy: what another account types to
 * transfer a filing here), its real-name data (实名信息) and how to change the password.
 */
export default function Account() {
  const { t, pick } = useLang();
  const notify = useNotify();
  const view = useLoad<AccountView>("/api/account");
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<IdentityValues>();
  const data = view.data;

  useEffect(() => {
    if (!data) return;
    setIdentity(data.identity);
    form.setFieldsValue({ name: data.identity.name ?? "", certificate: "" });
  }, [data, form]);

  if (view.error) return <Alert type="error" title={pick(view.error.localized)} />;
  if (!data || !identity) return <Card loading />;

  const personal = data.account.type === "personal";
  const certificateLabel = t(personal ? "account.residentId" : "account.uscc");

  const save = async (values: IdentityValues) => {
    setBusy(true);
    try {
      const name = values.name.trim();
      const number = values.certificate.trim().toUpperCase();
      const saved = await api.put<Identity>(
        "/api/account/identity",
        personal ? { name, certificateNumber: number } : { name, uscc: number },
      );
      setIdentity(saved);
      form.setFieldsValue({ name: saved.name ?? "", certificate: "" });
      notify.ok(t("account.saved"));
    } catch (error) {
      const details = error instanceof ApiError ? error.details : undefined;
      const onNumber =
        Array.isArray(details) &&
        details.some(
          (item: { field?: string }) => item.field === "certificateNumber" || item.field === "uscc",
        );
      if (onNumber) {
        form.setFields([
          {
            name: "certificate",
            errors: [t(personal ? "account.residentIdInvalid" : "account.usccInvalid")],
          },
        ]);
      } else notify.fail(error);
    } finally {
      setBusy(false);
    }
  };

  const validNumber = (value: string | undefined) => {
    if (!value?.trim()) return Promise.resolve();
    const ok = personal ? checkResidentId(value, new Date()).ok : checkUscc(value).ok;
    return ok
      ? Promise.resolve()
      : Promise.reject(new Error(t(personal ? "account.residentIdInvalid" : "account.usccInvalid")));
  };

  return (
    <>
      <PageTitle title={t("account.title")} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t("account.userSection")} style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t("account.displayName")}>{data.user.displayName}</Descriptions.Item>
              <Descriptions.Item label={t("account.email")}>{data.user.email}</Descriptions.Item>
              <Descriptions.Item label={t("account.role")}>{t(`role.${data.user.role}`)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t("account.accountSection")} style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t("account.accountId")}>
                <Typography.Text copyable={{ text: data.account.id }} code data-testid="account-id">
                  {data.account.id}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t("account.accountName")}>{data.account.name}</Descriptions.Item>
              <Descriptions.Item label={t("account.accountType")}>
                {t(personal ? "login.personal" : "login.organization")}
              </Descriptions.Item>
              <Descriptions.Item label={t("account.createdAt")}>
                {formatTime(data.account.createdAt)}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0", fontSize: 12 }}>
              {t("account.accountIdHint")}
            </Typography.Paragraph>
          </Card>
          <Card
            title={
              <>
                <LockOutlined /> {t("account.passwordTitle")}
              </>
            }
          >
            <Typography.Paragraph type="secondary">
              {t("account.passwordHint", { email: data.user.email })}
            </Typography.Paragraph>
            <Link to="/forgot-password" state={{ email: data.user.email }} data-testid="change-password">
              {t("account.changePassword")}
            </Link>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title={
              <>
                <IdcardOutlined /> {t("account.identityTitle")}
              </>
            }
          >
            <Typography.Paragraph type="secondary">
              {t(personal ? "account.identityHintPersonal" : "account.identityHintOrganization")}
            </Typography.Paragraph>
            <Descriptions column={1} size="small" bordered style={{ marginBottom: 24 }}>
              <Descriptions.Item label={t(personal ? "account.personalName" : "account.orgName")}>
                {identity.name ?? <Typography.Text type="secondary">{t("account.notSet")}</Typography.Text>}
              </Descriptions.Item>
              <Descriptions.Item label={certificateLabel}>
                {identity.certificateMasked ? (
                  <Typography.Text code data-testid="certificate-masked">
                    {identity.certificateMasked}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">{t("account.notSet")}</Typography.Text>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t("account.verification")}>
                {identity.verifiedAt ? (
                  <Tag color="success">
                    {t("account.verified")} · {formatTime(identity.verifiedAt)}
                  </Tag>
                ) : (
                  <Tag color="warning">{t("account.unverified")}</Tag>
                )}
              </Descriptions.Item>
              {identity.updatedAt ? (
                <Descriptions.Item label={t("account.updatedAt")}>
                  {formatTime(identity.updatedAt)}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
            <Form<IdentityValues> form={form} name="identity" layout="vertical" onFinish={save}>
              <Form.Item
                name="name"
                label={t(personal ? "account.personalName" : "account.orgName")}
                rules={[{ required: true, whitespace: true, message: t("login.required") }]}
              >
                <Input maxLength={64} />
              </Form.Item>
              <Form.Item
                name="certificate"
                label={certificateLabel}
                extra={identity.certificateMasked ? t("account.replaceHint") : undefined}
                rules={[
                  { required: true, whitespace: true, message: t("login.required") },
                  { validator: (_rule, value: string | undefined) => validNumber(value) },
                ]}
              >
                <Input maxLength={18} autoComplete="off" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="identity-save">
                {t("common.save")}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </>
  );
}
