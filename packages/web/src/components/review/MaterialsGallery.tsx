import { FilePdfOutlined } from "@ant-design/icons";
import { Card, Col, Empty, Image, Row, Typography } from "antd";
import { useLoad } from "../../hooks";
import { useLang } from "../../i18n";
import type { Items, Material } from "../../types";
import { formatTime } from "../format";
import { MATERIAL_KIND_ORDER, isImage } from "../materials";

type ReviewMaterial = Omit<Material, "sizeBytes"> & { sizeBytes?: number };

const byKind = (a: ReviewMaterial, b: ReviewMaterial) => {
  const rank = (kind: string) => {
    const index = MATERIAL_KIND_ORDER.indexOf(kind);
    return index < 0 ? MATERIAL_KIND_ORDER.length : index;
  };
  return rank(a.kind) - rank(b.kind) || a.createdAt.localeCompare(b.createdAt);
};

/**
 * 资料: the face-check photo beside the ID photo to compare, then every file. Pictures
 * open antd's preview (zoom, rotate, flip in its toolbar); PDFs open in a new tab.
 */
export function MaterialsGallery({ orderId }: { orderId: string }) {
  const { t } = useLang();
  const materials = useLoad<Items<ReviewMaterial>>(
    `/api/review/orders/${encodeURIComponent(orderId)}/materials`,
  );
  const items = [...(materials.data?.items ?? [])].sort(byKind);
  const latest = (kind: string) => items.filter((item) => item.kind === kind).at(-1);
  const idPhoto = latest("id_front");
  const face = latest("face_capture");
  const kindLabel = (kind: string) => t(`materials.kind.${kind}`, { defaultValue: kind });

  const comparePhoto = (material: ReviewMaterial | undefined, label: string, testId: string) => (
    <div className="compare-photo" data-testid={testId}>
      {material && isImage(material) ? (
        <Image src={material.url} alt={label} height={200} style={{ objectFit: "contain" }} />
      ) : (
        <div className="compare-missing">{t("console.order.notUploaded")}</div>
      )}
      <div className="compare-label">{label}</div>
    </div>
  );

  return (
    <Card
      title={t("console.order.materials")}
      style={{ marginBottom: 16 }}
      loading={materials.loading && !materials.data}
      data-testid="materials"
    >
      {materials.error ? (
        <Typography.Text type="danger">{t("materials.unavailable")}</Typography.Text>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("console.order.noMaterials")} />
      ) : (
        <Image.PreviewGroup>
          <Card
            type="inner"
            size="small"
            title={t("console.order.faceCompare")}
            style={{ marginBottom: 16 }}
            data-testid="face-compare"
          >
            <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
              {t("console.order.faceCompareHint")}
            </Typography.Paragraph>
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                {comparePhoto(idPhoto, kindLabel("id_front"), "compare-id")}
              </Col>
              <Col xs={24} sm={12}>
                {comparePhoto(face, kindLabel("face_capture"), "compare-face")}
              </Col>
            </Row>
          </Card>
          <div className="material-gallery">
            {items.map((item) => (
              <div key={item.id} className="material-tile" data-kind={item.kind}>
                {isImage(item) ? (
                  <Image
                    src={item.thumbnailUrl ?? item.url}
                    preview={{ src: item.url }}
                    alt={kindLabel(item.kind)}
                    width={132}
                    height={96}
                    style={{ objectFit: "cover" }}
                  />
                ) : (
                  <a className="material-tile-pdf" href={item.url} target="_blank" rel="noreferrer">
                    <FilePdfOutlined style={{ fontSize: 32, color: "#cf1322" }} />
                    <span>{t("materials.viewPdf")}</span>
                  </a>
                )}
                <div className="material-tile-name" title={item.originalName}>
                  {kindLabel(item.kind)}
                </div>
                <div className="cell-sub">{formatTime(item.createdAt)}</div>
              </div>
            ))}
          </div>
        </Image.PreviewGroup>
      )}
    </Card>
  );
}
