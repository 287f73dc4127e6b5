import {
  CameraOutlined,
  CheckCircleFilled,
  MessageOutlined,
  SafetyCertificateOutlined,
} from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Flex, Result, Skeleton, Typography } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { formatTime } from "../components/format";
import { useLang } from "../i18n";
import { LangToggle } from "../layout/LangToggle";
import type { LocalizedText } from "../types";

interface HandoffView {
  purpose: "face_check" | "sms_verification";
  orderNumber: string;
  stateLabel: LocalizedText;
  expiresAt: string;
  person: { roles: string[]; name: string | null; mobile: string | null } | null;
  faceCaptured: boolean;
  canUpload: boolean;
  smsPending: boolean;
  verifyUrl: string | null;
}

/**
 * 交给本人办理: the page a hand-off link opens on the person's phone, without a
 * login. The token is in the URL's fragment (never sent to a server by the
 * browser) and goes to the API in a header; it allows this one step only.
 */
export default function Handoff() {
  const { t, pick } = useLang();
  const token = window.location.hash.replace(/^#/, "");
  const [view, setView] = useState<HandoffView | null>(null);
  const [failed, setFailed] = useState<LocalizedText | null>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  const call = useCallback(
    async (method: "GET" | "POST", path: string, body?: FormData) => {
      const response = await fetch(path, { method, headers: { "x-handoff-token": token }, body });
      const json = (await response.json()) as HandoffView & { message?: LocalizedText };
      if (!response.ok) throw json.message ?? { zh: t("handoff.invalid"), en: t("handoff.invalid") };
      return json;
    },
    [token, t],
  );

  useEffect(() => {
    call("GET", "/api/handoff")
      .then(setView)
      .catch((message: LocalizedText) => setFailed(message));
    // The token is the page's whole identity: load once.
  }, []);

  const upload = async (file: File) => {
    const form = new FormData();
    form.append("kind", "face_capture");
    form.append("file", file, file.name || "face.jpg");
    setBusy(true);
    try {
      setView(await call("POST", "/api/handoff/face-capture", form));
      setFailed(null);
    } catch (message) {
      setFailed(message as LocalizedText);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <div className="app-header" style={{ height: 56 }}>
        <span className="app-brand">
          <SafetyCertificateOutlined style={{ fontSize: 22, color: "#69b1ff" }} />
          <span className="app-brand-name">OpenBeian</span>
        </span>
        <span style={{ flex: 1 }} />
        <LangToggle dark />
      </div>
      <Flex justify="center" style={{ padding: 16 }}>
        <Card style={{ width: "100%", maxWidth: 480 }} data-testid="handoff-card">
          {!view && !failed ? <Skeleton active /> : null}
          {!view && failed ? <Result status="warning" title={pick(failed)} /> : null}
          {view ? (
            <>
              <Typography.Title level={4} style={{ marginTop: 0 }}>
                {view.purpose === "face_check" ? <CameraOutlined /> : <MessageOutlined />}{" "}
                {view.purpose === "face_check" ? t("handoff.faceTitle") : t("handoff.smsTitle")}
              </Typography.Title>
              <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
                <Descriptions.Item label={t("handoff.order")}>{view.orderNumber}</Descriptions.Item>
                <Descriptions.Item label={t("handoff.state")}>{pick(view.stateLabel)}</Descriptions.Item>
                {view.person ? (
                  <>
                    <Descriptions.Item label={t("handoff.smsFor")}>
                      {view.person.name ?? "—"}
                    </Descriptions.Item>
                    <Descriptions.Item label={t("handoff.smsMobile")}>
                      {view.person.mobile ?? "—"}
                    </Descriptions.Item>
                  </>
                ) : null}
                <Descriptions.Item label={t("handoff.validUntil")}>
                  {formatTime(view.expiresAt)}
                </Descriptions.Item>
              </Descriptions>
              {failed ? (
                <Alert type="error" showIcon title={pick(failed)} style={{ marginBottom: 12 }} />
              ) : null}
              {view.purpose === "face_check" ? (
                <FaceStep view={view} busy={busy} onPick={() => fileRef.current?.click()} />
              ) : (
                <SmsStep view={view} />
              )}
              <input
                ref={fileRef}
                type="file"
                accept="image/jpeg,image/png"
                capture="user"
                hidden
                data-testid="handoff-file"
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  if (file) void upload(file);
                  event.target.value = "";
                }}
              />
            </>
          ) : null}
        </Card>
      </Flex>
    </div>
  );
}

function FaceStep({ view, busy, onPick }: { view: HandoffView; busy: boolean; onPick: () => void }) {
  const { t } = useLang();
  if (!view.canUpload && !view.faceCaptured)
    return <Alert type="info" showIcon title={t("handoff.faceClosed")} />;
  return (
    <>
      {view.faceCaptured ? (
        <Alert
          type="success"
          icon={<CheckCircleFilled />}
          showIcon
          title={t("handoff.faceDone")}
          style={{ marginBottom: 12 }}
        />
      ) : (
        <Typography.Paragraph>{t("handoff.faceIntro")}</Typography.Paragraph>
      )}
      {view.canUpload ? (
        <Button type="primary" block size="large" icon={<CameraOutlined />} loading={busy} onClick={onPick}>
          {view.faceCaptured ? t("handoff.retake") : t("handoff.takePhoto")}
        </Button>
      ) : null}
    </>
  );
}

function SmsStep({ view }: { view: HandoffView }) {
  const { t } = useLang();
  return (
    <>
      <Typography.Paragraph>{t("handoff.smsIntro")}</Typography.Paragraph>
      <Alert
        type={view.smsPending ? "warning" : "info"}
        showIcon
        title={view.smsPending ? t("handoff.smsPending") : t("handoff.smsWaiting")}
        style={{ marginBottom: 12 }}
      />
      {view.verifyUrl ? (
        <Button type="primary" block size="large" href={view.verifyUrl} target="_blank" rel="noreferrer">
          {t("handoff.openVerify")}
        </Button>
      ) : (
        <Typography.Text type="secondary">{t("handoff.noVerifyUrl")}</Typography.Text>
      )}
    </>
  );
}
