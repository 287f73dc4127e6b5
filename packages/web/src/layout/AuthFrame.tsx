import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Card, Typography } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { useLang } from "../i18n";
import { LangToggle } from "./LangToggle";

/** The signed-out frame: dark top bar, the platform's pitch and a card (login, password reset). */
export function AuthFrame({ title, children }: { title: ReactNode; children: ReactNode }) {
  const { t } = useLang();
  return (
    <div className="login-page">
      <div className="app-header" style={{ height: 64 }}>
        <Link to="/login" className="app-brand">
          <SafetyCertificateOutlined style={{ fontSize: 22, color: "#69b1ff" }} />
          <span className="app-brand-name">{t("app.name")}</span>
          <span className="app-brand-title">{t("app.title")}</span>
        </Link>
        <span style={{ flex: 1 }} />
        <Link to="/lookup" style={{ color: "#fff", marginRight: 16 }} data-testid="lookup-link">
          {t("lookup.title")}
        </Link>
        <LangToggle dark />
      </div>
      <div className="login-body">
        <div className="login-intro">
          <h1>{t("app.title")}</h1>
          <p>{t("login.intro")}</p>
        </div>
        <Card style={{ width: 380 }}>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {title}
          </Typography.Title>
          {children}
        </Card>
      </div>
    </div>
  );
}
