import { MobileOutlined, QrcodeOutlined, SyncOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Flex, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { api } from "../../api";
import { toApiError, usePolling } from "../../hooks";
import { useLang } from "../../i18n";
import type { MaterialsView } from "../../types";
import { FACE_KIND, latestMaterial, materialsPath } from "../materials";
import { HandoffQr } from "./HandoffQr";
import { createHandoffLinks } from "./handoffApi";
import type { NewHandoffLink } from "./types";

interface Props {
  orderId: string;
  /** The face photo the step shows now: a different one in the materials came from the phone. */
  currentFaceId: string | null;
  /** A face photo arrived from the phone: the step goes on as after a photo taken here. */
  onArrived: () => void;
}

/** Often enough that the photo shows up while the applicant looks, light enough to leave running. */
const POLL_MS = 4000;

/**
 * 用手机扫码完成人脸核验: the face check handed to the website head's own phone. The link is
 * made on request and shown this once (QR code, URL to copy, expiry); while it is shown the
 * order's materials are polled, so the photo taken on the phone appears here by itself. Only
 * the face link is made here; the SMS links are made on the order page when they are due.
 */
export function PhoneFaceCard({ orderId, currentFaceId, onArrived }: Props) {
  const { t, pick } = useLang();
  const [links, setLinks] = useState<NewHandoffLink[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [checking, setChecking] = useState(false);
  const [arrived, setArrived] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The face photo already known, so one photo is announced once.
  const known = useRef(currentFaceId);
  useEffect(() => {
    known.current = currentFaceId;
  }, [currentFaceId]);

  const faceLink = links?.find((link) => link.purpose === "face_check") ?? null;
  const waiting = !!faceLink && Date.parse(faceLink.expiresAt) > Date.now();

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      setLinks(await createHandoffLinks(orderId, "face_check"));
    } catch (caught) {
      setError(pick(toApiError(caught).localized));
    } finally {
      setBusy(false);
    }
  };

  const check = async () => {
    const materials = await api.get<MaterialsView>(materialsPath(orderId));
    const face = latestMaterial(materials.items, FACE_KIND);
    if (!face || face.id === known.current) return;
    known.current = face.id;
    setArrived(true);
    onArrived();
  };

  usePolling(
    () => {
      check().catch(() => {
        // a failed check keeps waiting; the next one tries again
      });
    },
    waiting && !checking,
    POLL_MS,
  );

  const checkNow = async () => {
    setChecking(true);
    try {
      await check();
    } catch (caught) {
      setError(pick(toApiError(caught).localized));
    } finally {
      setChecking(false);
    }
  };

  return (
    <Card
      title={
        <>
          <MobileOutlined /> {t("handoffLinks.phoneTitle")}
        </>
      }
      data-testid="phone-face-card"
    >
      {!links ? (
        <Flex vertical align="flex-start" gap={12}>
          <Typography.Text type="secondary">{t("handoffLinks.phoneIntro")}</Typography.Text>
          <Button
            type="primary"
            icon={<QrcodeOutlined />}
            loading={busy}
            onClick={() => void create()}
            data-testid="handoff-create-face"
          >
            {t("handoffLinks.phoneCreate")}
          </Button>
        </Flex>
      ) : faceLink ? (
        <Flex vertical gap={12}>
          <HandoffQr link={faceLink} />
          {arrived ? (
            <Alert
              type="success"
              showIcon
              title={t("handoffLinks.phoneArrived")}
              data-testid="phone-face-arrived"
            />
          ) : (
            <Flex align="center" gap={8} wrap data-testid="phone-face-waiting">
              <Typography.Text type="secondary">
                <SyncOutlined spin /> {t("handoffLinks.phoneWaiting")}
              </Typography.Text>
              <Button size="small" loading={checking} onClick={() => void checkNow()}>
                {t("handoffLinks.phoneCheck")}
              </Button>
            </Flex>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("handoffLinks.phoneOnce")}
          </Typography.Text>
        </Flex>
      ) : (
        <Alert type="info" showIcon title={t("handoffLinks.noFace")} />
      )}
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} role="alert" /> : null}
    </Card>
  );
}
