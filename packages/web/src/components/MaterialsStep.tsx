import { DeleteOutlined, FilePdfOutlined, PrinterOutlined, UploadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Flex, Image, List, Skeleton, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import type { ApiError } from "../api";
import { toApiError, useNotify } from "../hooks";
import { useLang } from "../i18n";
import type { Material, MaterialsView, RequiredMaterialView } from "../types";
import {
  FACE_KIND,
  MATERIAL_KIND_ORDER,
  SIGNED_DOCUMENTS,
  UPLOAD_ACCEPT,
  deleteMaterial,
  documentUrl,
  formatBytes,
  isImage,
  preCheckFile,
  uploadMaterial,
} from "./materials";

interface Props {
  orderId: string;
  /** GET /api/orders/:id/materials; null while loading. */
  materials: MaterialsView | null;
  loadError: ApiError | null;
  /** After an upload or a deletion: reload the list and the live check's context. */
  onChanged: () => void;
}

interface Row {
  kind: string;
  reasons: RequiredMaterialView["reason"][];
  required: boolean;
  items: Material[];
}

/**
 * 上传资料: what the order needs (the standard documents and the province's),
 * one upload per kind with replace and delete, and the pre-filled PDFs to print,
 * sign and upload. The face capture is the next step's.
 */
export function MaterialsStep({ orderId, materials, loadError, onChanged }: Props) {
  const { t, pick } = useLang();
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
  const rows = materialRows(materials).filter((row) => row.kind !== FACE_KIND);
  return (
    <>
      <Card title={t("materials.documents")} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t("materials.documentsHint")}</Typography.Paragraph>
        <Flex gap={8} wrap>
          {Object.entries(SIGNED_DOCUMENTS).map(([kind, file]) => (
            <Button
              key={kind}
              icon={<PrinterOutlined />}
              href={documentUrl(orderId, file)}
              target="_blank"
              rel="noopener"
              data-testid={`document-${kind}`}
            >
              {t(`materials.pdf.${kind}`)}
            </Button>
          ))}
        </Flex>
      </Card>
      <Card title={t("materials.required")} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t("materials.hint")}</Typography.Paragraph>
        <List
          itemLayout="vertical"
          dataSource={rows}
          rowKey="kind"
          renderItem={(row) => <MaterialRow orderId={orderId} row={row} onChanged={onChanged} />}
        />
        <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }}>
          {t("materials.faceLater")}
        </Typography.Paragraph>
      </Card>
    </>
  );
}

/** The required kinds (each once, its reasons together), then kinds uploaded but no longer asked for. */
export function materialRows(materials: MaterialsView): Row[] {
  const rows = new Map<string, Row>();
  for (const need of materials.required) {
    const row = rows.get(need.kind) ?? { kind: need.kind, reasons: [], required: true, items: [] };
    row.reasons.push(need.reason);
    rows.set(need.kind, row);
  }
  for (const item of materials.items) {
    const row = rows.get(item.kind) ?? { kind: item.kind, reasons: [], required: false, items: [] };
    row.items.push(item);
    rows.set(item.kind, row);
  }
  const rank = (kind: string) => {
    const index = MATERIAL_KIND_ORDER.indexOf(kind);
    return index < 0 ? MATERIAL_KIND_ORDER.length : index;
  };
  return [...rows.values()].sort(
    (a, b) => Number(b.required) - Number(a.required) || rank(a.kind) - rank(b.kind),
  );
}

function MaterialRow({ orderId, row, onChanged }: { orderId: string; row: Row; onChanged: () => void }) {
  const { t, pick } = useLang();
  const notify = useNotify();
  const { modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = t(`materials.kind.${row.kind}`, row.kind);

  const send = async (file: File, previous?: Material) => {
    const refused = preCheckFile(file);
    if (refused) {
      setError(t(refused === "size" ? "materials.tooLarge" : "materials.badType"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await uploadMaterial(orderId, row.kind, file, file.name, previous);
      notify.ok(t("materials.uploadedOk", { kind: label }));
      onChanged();
    } catch (caught) {
      setError(pick(toApiError(caught).localized));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (item: Material) => {
    const confirmed = await modal.confirm({
      title: t("materials.confirmDelete", { name: item.originalName }),
      okText: t("materials.delete"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
    });
    if (!confirmed) return;
    setBusy(true);
    setError(null);
    try {
      await deleteMaterial(orderId, item.id);
      notify.ok(t("materials.deleted"));
      onChanged();
    } catch (caught) {
      setError(pick(toApiError(caught).localized));
    } finally {
      setBusy(false);
    }
  };

  /** An antd Upload whose request is ours: the file goes through `send`, the list stays ours. */
  const picker = (text: string, previous?: Material, primary = false) => (
    <Upload
      accept={UPLOAD_ACCEPT}
      showUploadList={false}
      disabled={busy}
      customRequest={({ file, onSuccess, onError }) => {
        void send(file as File, previous).then(
          () => onSuccess?.(null),
          (caught: unknown) => onError?.(caught as Error),
        );
      }}
    >
      <Button
        icon={<UploadOutlined />}
        loading={busy}
        type={primary ? "primary" : "default"}
        aria-label={`${text} · ${label}`}
      >
        {text}
      </Button>
    </Upload>
  );

  const status = row.items.length > 0 ? "uploaded" : row.required ? "missing" : "extra";
  return (
    <List.Item data-kind={row.kind} data-status={status} className="material-row">
      <Flex gap={16} wrap align="flex-start" justify="space-between">
        <div style={{ flex: "1 1 260px", minWidth: 0 }}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong>{label}</Typography.Text>
            {status === "uploaded" ? (
              <Tag color="success">{t("materials.uploaded")}</Tag>
            ) : status === "missing" ? (
              <Tag color="error">{t("materials.missing")}</Tag>
            ) : (
              <Tag>{t("materials.notRequired")}</Tag>
            )}
          </Flex>
          {row.reasons.map((reason, index) => (
            <Typography.Paragraph key={index} type="secondary" style={{ margin: "4px 0 0" }}>
              {pick(reason)}
            </Typography.Paragraph>
          ))}
          {SIGNED_DOCUMENTS[row.kind] ? (
            <Typography.Link href={documentUrl(orderId, SIGNED_DOCUMENTS[row.kind] ?? "")} target="_blank">
              <PrinterOutlined /> {t("materials.downloadToSign")}
            </Typography.Link>
          ) : null}
        </div>
        {row.items.length === 0 ? picker(t("materials.upload"), undefined, true) : null}
      </Flex>
      {row.items.map((item) => (
        <Flex key={item.id} gap={12} align="center" wrap className="material-item" data-material-id={item.id}>
          <MaterialPreview item={item} label={label} />
          <div style={{ flex: "1 1 160px", minWidth: 0 }}>
            <Typography.Text ellipsis style={{ display: "block" }}>
              {item.originalName}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatBytes(item.sizeBytes)}
            </Typography.Text>
          </div>
          <Flex gap={8} wrap>
            {picker(t("materials.replace"), item)}
            <Button
              icon={<DeleteOutlined />}
              danger
              disabled={busy}
              onClick={() => void remove(item)}
              aria-label={`${t("materials.delete")} · ${label}`}
            >
              {t("materials.delete")}
            </Button>
          </Flex>
        </Flex>
      ))}
      {error ? (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginTop: 8 }}
          role="alert"
          data-testid="upload-error"
        />
      ) : null}
    </List.Item>
  );
}

/** A thumbnail (click for the full picture) for an image, a link for a PDF. */
export function MaterialPreview({
  item,
  label,
  size = 72,
}: {
  item: Material;
  label: string;
  size?: number;
}) {
  const { t } = useLang();
  if (isImage(item)) {
    return (
      <Image
        src={item.thumbnailUrl ?? item.url}
        alt={label}
        width={size}
        height={size}
        style={{ objectFit: "cover", borderRadius: 4 }}
        preview={{ src: item.url }}
      />
    );
  }
  return (
    <a href={item.url} target="_blank" rel="noopener" className="material-pdf" style={{ width: size }}>
      <FilePdfOutlined style={{ fontSize: size / 2.4 }} />
      <span>{t("materials.viewPdf")}</span>
    </a>
  );
}
