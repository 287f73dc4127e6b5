import { LockOutlined, MailOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Form, Input, Radio, Tabs, Typography } from "antd";
import { useState } from "react";
import { Link, Navigate, useLocation, useNavigate } from "react-router-dom";
import { api } from "../api";
import { toApiError } from "../hooks";
import { useLang } from "../i18n";
import { AuthFrame } from "../layout/AuthFrame";
import { useSession } from "../session";
import type { SessionView } from "../types";

interface LoginValues {
  email: string;
  password: string;
}

interface SignupValues extends LoginValues {
  displayName: string;
  accountType: "personal" | "organization";
}

export default function Login() {
  const { t, pick } = useLang();
  const { user, setSession } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const from = (location.state as { from?: string } | null)?.from ?? "/";
  if (user) return <Navigate to={from} replace />;

  const run = async (path: string, body: LoginValues | SignupValues) => {
    setBusy(true);
    setError(null);
    try {
      setSession(await api.post<SessionView>(path, body));
      navigate(from, { replace: true });
    } catch (caught) {
      setError(pick(toApiError(caught).localized));
    } finally {
      setBusy(false);
    }
  };

  const email = (
    <Form.Item
      name="email"
      rules={[
        { required: true, message: t("login.required") },
        { type: "email", message: t("login.emailInvalid") },
      ]}
    >
      <Input prefix={<MailOutlined />} placeholder={t("login.email")} autoComplete="username" />
    </Form.Item>
  );
  const password = (auto: string) => (
    <Form.Item
      name="password"
      rules={[
        { required: true, message: t("login.required") },
        { min: 8, message: t("login.passwordMin") },
      ]}
    >
      <Input.Password prefix={<LockOutlined />} placeholder={t("login.password")} autoComplete={auto} />
    </Form.Item>
  );

  const loginForm = (
    <Form<LoginValues>
      name="login"
      layout="vertical"
      size="large"
      onFinish={(values) => run("/api/auth/login", values)}
    >
      {email}
      {password("current-password")}
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
        {t("login.submitLogin")}
      </Button>
      <Flex justify="space-between" align="baseline" gap={8} style={{ marginTop: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("login.demo")}
        </Typography.Text>
        <Link to="/forgot-password" data-testid="forgot-password">
          {t("login.forgot")}
        </Link>
      </Flex>
    </Form>
  );
  const signupForm = (
    <Form<SignupValues>
      name="signup"
      layout="vertical"
      size="large"
      initialValues={{ accountType: "personal" }}
      onFinish={(values) => run("/api/auth/signup", values)}
    >
      <Form.Item name="displayName" rules={[{ required: true, message: t("login.required") }]}>
        <Input prefix={<UserOutlined />} placeholder={t("login.displayName")} maxLength={64} />
      </Form.Item>
      {email}
      {password("new-password")}
      <Form.Item name="accountType" label={t("login.accountType")}>
        <Radio.Group
          options={[
            { value: "personal", label: t("login.personal") },
            { value: "organization", label: t("login.organization") },
          ]}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="signup-submit">
        {t("login.submitSignup")}
      </Button>
    </Form>
  );

  return (
    <AuthFrame title={t("login.welcome")}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Tabs
        onChange={() => setError(null)}
        items={[
          { key: "login", label: t("login.login"), children: loginForm },
          { key: "signup", label: t("login.signup"), children: signupForm },
        ]}
      />
    </AuthFrame>
  );
}
