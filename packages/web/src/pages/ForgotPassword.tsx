import { MailOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input, Result, Typography } from "antd";
import { useState } from "react";
import { Link, useLocation } from "react-router-dom";
import { api } from "../api";
import { toApiError } from "../hooks";
import { useLang } from "../i18n";
import { AuthFrame } from "../layout/AuthFrame";

/** 忘记密码: asks for a reset link by e-mail. The answer never says whether the address has an account. */
export default function ForgotPassword() {
  const { t, pick } = useLang();
  const location = useLocation();
  const initialEmail = (location.state as { email?: string } | null)?.email;
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async ({ email }: { email: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api.post("/api/auth/password-reset", { email: email.trim() });
      setSent(true);
    } catch (caught) {
      setError(pick(toApiError(caught).localized));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title={t("passwordReset.forgotTitle")}>
      {sent ? (
        <Result
          status="success"
          title={t("passwordReset.sentTitle")}
          subTitle={t("passwordReset.sent")}
          style={{ padding: "8px 0" }}
          extra={<Link to="/login">{t("passwordReset.backToLogin")}</Link>}
          data-testid="reset-sent"
        />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t("passwordReset.forgotIntro")}</Typography.Paragraph>
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
          <Form<{ email: string }>
            name="forgot"
            layout="vertical"
            size="large"
            initialValues={{ email: initialEmail }}
            onFinish={send}
          >
            <Form.Item
              name="email"
              rules={[
                { required: true, message: t("login.required") },
                { type: "email", message: t("login.emailInvalid") },
              ]}
            >
              <Input prefix={<MailOutlined />} placeholder={t("login.email")} autoComplete="username" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="forgot-submit">
              {t("passwordReset.send")}
            </Button>
          </Form>
          <div style={{ marginTop: 16, textAlign: "center" }}>
            <Link to="/login">{t("passwordReset.backToLogin")}</Link>
          </div>
        </>
      )}
    </AuthFrame>
  );
}
