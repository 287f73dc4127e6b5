import { LockOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input, Result, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { ApiError, api } from "../api";
import { toApiError } from "../hooks";
import { useLang } from "../i18n";
import { AuthFrame } from "../layout/AuthFrame";
import { useSession } from "../session";
import type { SessionView } from "../types";

interface ResetValues {
  password: string;
  confirm: string;
}

/** 重置密码: the e-mailed link lands here with its token; the new password is typed twice. */
export default function ResetPassword() {
  const { t, pick } = useLang();
  const { setSession } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<{ text: string; tokenBad: boolean } | null>(null);

  const reset = async ({ password }: ResetValues) => {
    setBusy(true);
    setError(null);
    try {
      await api.post("/api/auth/password-reset/confirm", { token, password });
      // The reset ended the user's sessions: this browser may have held one of them.
      try {
        setSession(await api.get<SessionView>("/api/session"));
      } catch (caught) {
        if (caught instanceof ApiError && caught.status === 401) setSession(null);
      }
      setDone(true);
    } catch (caught) {
      const apiError = toApiError(caught);
      setError({ text: pick(apiError.localized), tokenBad: apiError.code === "RESET_TOKEN_INVALID" });
    } finally {
      setBusy(false);
    }
  };

  const requestAgain = <Link to="/forgot-password">{t("passwordReset.requestAgain")}</Link>;
  let content;
  if (done) {
    content = (
      <Result
        status="success"
        title={t("passwordReset.doneTitle")}
        subTitle={t("passwordReset.done")}
        style={{ padding: "8px 0" }}
        extra={
          <Button type="primary" onClick={() => navigate("/login", { replace: true })} data-testid="to-login">
            {t("passwordReset.toLogin")}
          </Button>
        }
      />
    );
  } else if (!token) {
    content = <Alert type="warning" showIcon title={t("passwordReset.missingToken")} action={requestAgain} />;
  } else {
    content = (
      <>
        <Typography.Paragraph type="secondary">{t("passwordReset.resetIntro")}</Typography.Paragraph>
        {error ? (
          <Alert
            type="error"
            showIcon
            title={error.text}
            action={error.tokenBad ? requestAgain : undefined}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Form<ResetValues> name="reset" layout="vertical" size="large" onFinish={reset}>
          <Form.Item
            name="password"
            rules={[
              { required: true, message: t("login.required") },
              { min: 8, message: t("login.passwordMin") },
              { max: 128 },
            ]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              placeholder={t("passwordReset.newPassword")}
              autoComplete="new-password"
            />
          </Form.Item>
          <Form.Item
            name="confirm"
            dependencies={["password"]}
            rules={[
              { required: true, message: t("login.required") },
              ({ getFieldValue }) => ({
                validator: (_rule, value) =>
                  !value || getFieldValue("password") === value
                    ? Promise.resolve()
                    : Promise.reject(new Error(t("passwordReset.mismatch"))),
              }),
            ]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              placeholder={t("passwordReset.confirmPassword")}
              autoComplete="new-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="reset-submit">
            {t("passwordReset.submit")}
          </Button>
        </Form>
      </>
    );
  }
  return <AuthFrame title={t("passwordReset.resetTitle")}>{content}</AuthFrame>;
}
