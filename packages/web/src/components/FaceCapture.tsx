import { CameraOutlined, CheckCircleFilled, ReloadOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Flex, Image, Skeleton, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import type { ApiError } from "../api";
import { toApiError } from "../hooks";
import { useLang } from "../i18n";
import type { MaterialsView } from "../types";
import { PhoneFaceCard } from "./handoff/PhoneFaceCard";
import { FACE_KIND, MAX_UPLOAD_BYTES, latestMaterial, uploadMaterial } from "./materials";

interface Props {
  orderId: string;
  materials: MaterialsView | null;
  loadError: ApiError | null;
  onChanged: () => void;
}

/** Why the camera is not showing: starting, refused, absent, or not offered by this browser. */
type CameraState = "off" | "starting" | "live" | "denied" | "none" | "unsupported";

/** The frame is taken as a 3:4 portrait, as the preview shows it. */
const ASPECT = 3 / 4;

/**
 * 人脸核验: the website head takes a photo with the camera (a live preview with
 * an oval to put the face in), or uploads one when there is no camera or no
 * permission, or hands the step to their own phone (a hand-off link). It is stored
 * as the order's `face_capture`; the liveness check is simulated and passes once the
 * photo is stored.
 */
export function FaceCapture({ orderId, materials, loadError, onChanged }: Props) {
  const { t, pick } = useLang();
  const current = materials ? latestMaterial(materials.items, FACE_KIND) : null;
  const [retaking, setRetaking] = useState(false);
  const [camera, setCamera] = useState<CameraState>("off");
  // Bumped by 重试 to ask for the camera again (after the user allowed it in the browser).
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [frameReady, setFrameReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const capturing = !!materials && (!current || retaking);

  const stop = () => {
    streamRef.current?.getTracks().forEach((track) => track.stop());
    streamRef.current = null;
    if (videoRef.current) videoRef.current.srcObject = null;
  };

  // The camera runs only while a photo is wanted, and stops when the step is left.
  useEffect(() => {
    if (!capturing) return;
    let live = true;
    if (!navigator.mediaDevices?.getUserMedia) {
      setCamera("unsupported");
      return;
    }
    setCamera("starting");
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "user" }, audio: false })
      .then((stream) => {
        if (!live) {
          stream.getTracks().forEach((track) => track.stop());
          return;
        }
        streamRef.current = stream;
        if (videoRef.current) videoRef.current.srcObject = stream;
        setCamera("live");
      })
      .catch((caught: unknown) => {
        if (!live) return;
        const name = caught instanceof DOMException ? caught.name : "";
        setCamera(name === "NotAllowedError" || name === "SecurityError" ? "denied" : "none");
      });
    return () => {
      live = false;
      stop();
      setCamera("off");
    };
  }, [capturing, attempt]);

  const store = async (blob: Blob, name: string) => {
    if (blob.size > MAX_UPLOAD_BYTES) {
      setError(t("materials.tooLarge"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await uploadMaterial(orderId, FACE_KIND, blob, name, current ?? undefined);
      setRetaking(false);
      onChanged();
    } catch (caught) {
      setError(pick(toApiError(caught).localized));
    } finally {
      setBusy(false);
    }
  };

  const takePhoto = () => {
    const video = videoRef.current;
    if (!video || !video.videoWidth) return;
    // The centre of the frame at 3:4, the part the preview shows.
    const { videoWidth: vw, videoHeight: vh } = video;
    const width = Math.min(vw, Math.round(vh * ASPECT));
    const height = Math.min(vh, Math.round(width / ASPECT));
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    canvas
      .getContext("2d")
      ?.drawImage(video, (vw - width) / 2, (vh - height) / 2, width, height, 0, 0, width, height);
    canvas.toBlob(
      (blob) => {
        if (blob) void store(blob, "face-capture.jpg");
        else setError(t("face.captureFailed"));
      },
      "image/jpeg",
      0.9,
    );
  };

  const onFile = (file: File | undefined) => {
    if (!file) return;
    if (!["image/jpeg", "image/png"].includes(file.type)) {
      setError(t("face.badType"));
      return;
    }
    void store(file, file.name);
  };

  if (loadError) {
    return (
      <Alert
        type="error"
        showIcon
        title={t("materials.unavailable")}
        description={pick(loadError.localized)}
      />
    );
  }
  if (!materials) return <Skeleton active />;

  const fallback = (
    <>
      <input
        ref={fileRef}
        type="file"
        accept="image/jpeg,image/png"
        capture="user"
        hidden
        data-testid="face-file"
        onChange={(event) => {
          onFile(event.target.files?.[0]);
          event.target.value = "";
        }}
      />
      <Button
        icon={<UploadOutlined />}
        onClick={() => fileRef.current?.click()}
        loading={busy}
        data-testid="face-upload"
      >
        {t("face.upload")}
      </Button>
    </>
  );

  const problem =
    camera === "denied"
      ? "face.denied"
      : camera === "none"
        ? "face.noCamera"
        : camera === "unsupported"
          ? "face.unsupported"
          : null;

  return (
    // On a phone the tips come first, above the camera; on a wide screen the hand-off card is beside it.
    <div className="face-layout">
      <div className="face-layout-capture">
        <Card title={t("face.title")}>
          {!capturing && current ? (
            <Flex vertical align="center" gap={12} data-testid="face-passed">
              <Image
                src={current.thumbnailUrl ?? current.url}
                alt={t("face.photoAlt")}
                width={180}
                style={{ borderRadius: 8 }}
                preview={{ src: current.url }}
              />
              <Typography.Text strong style={{ color: "#52c41a", fontSize: 16 }}>
                <CheckCircleFilled /> {t("face.passed")}
              </Typography.Text>
              <Typography.Text type="secondary">{t("face.passedHint")}</Typography.Text>
              <Button icon={<ReloadOutlined />} onClick={() => setRetaking(true)} data-testid="face-retake">
                {t("face.retake")}
              </Button>
            </Flex>
          ) : (
            <Flex vertical align="center" gap={12}>
              {problem ? (
                <Alert
                  type="warning"
                  showIcon
                  title={t(problem)}
                  style={{ width: "100%" }}
                  data-testid="face-camera-problem"
                />
              ) : null}
              {camera === "starting" || camera === "live" ? (
                <div className="face-capture">
                  <video
                    ref={videoRef}
                    autoPlay
                    playsInline
                    muted
                    aria-label={t("face.preview")}
                    onLoadedData={() => setFrameReady(true)}
                    onEmptied={() => setFrameReady(false)}
                  />
                  <div className="face-oval" aria-hidden />
                  {camera === "starting" ? (
                    <div className="face-capture-status">{t("face.starting")}</div>
                  ) : null}
                </div>
              ) : null}
              <Flex gap={8} wrap justify="center">
                {camera === "live" ? (
                  <Button
                    type="primary"
                    size="large"
                    icon={<CameraOutlined />}
                    onClick={takePhoto}
                    loading={busy}
                    // The stream is live before its first frame: a photo then would be empty.
                    disabled={!frameReady}
                    data-testid="face-shoot"
                  >
                    {t("face.shoot")}
                  </Button>
                ) : null}
                {camera === "denied" || camera === "none" ? (
                  <Button icon={<ReloadOutlined />} onClick={() => setAttempt((value) => value + 1)}>
                    {t("face.retry")}
                  </Button>
                ) : null}
                {fallback}
                {retaking && current ? (
                  <Button onClick={() => setRetaking(false)}>{t("common.cancel")}</Button>
                ) : null}
              </Flex>
              {camera === "live" ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("face.fallbackHint")}
                </Typography.Text>
              ) : null}
            </Flex>
          )}
          {error ? (
            <Alert
              type="error"
              showIcon
              title={error}
              style={{ marginTop: 12 }}
              role="alert"
              data-testid="upload-error"
            />
          ) : null}
        </Card>
      </div>
      <div className="face-layout-phone">
        <PhoneFaceCard
          orderId={orderId}
          currentFaceId={current?.id ?? null}
          onArrived={() => {
            setRetaking(false);
            onChanged();
          }}
        />
      </div>
      <div className="face-layout-tips">
        <Card title={t("face.tipsTitle")}>
          <ul className="face-tips">
            <li>{t("face.tipLight")}</li>
            <li>{t("face.tipNoHat")}</li>
            <li>{t("face.tipOval")}</li>
            <li>{t("face.tipWho")}</li>
          </ul>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t("face.simulated")}
          </Typography.Paragraph>
        </Card>
      </div>
    </div>
  );
}
