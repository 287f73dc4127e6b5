import { CopyOutlined } from "@ant-design/icons";
import { SERVICE_CONTENT_PERSONAL, SERVICE_CONTENT_TYPES } from "@openbeian/core";
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Tag } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { useNotify } from "../../hooks";
import { useLang } from "../../i18n";
import type { ServiceCode } from "../../types";
import { PersonFields, type FieldRenderer } from "../PersonFields";

const LANGUAGES = ["zh-CN", "zh-TW", "en"];

interface Props {
  field: FieldRenderer;
  editable: (path: string) => boolean;
  changed: () => void;
  /** The codes this order may use; null while loading. */
  codes: ServiceCode[] | null;
}

/** 互联网信息服务: the website (name, home page, content, languages, remark, service code) and its head. */
export function StepWebsite({ field, editable, changed, codes }: Props) {
  const { t } = useLang();
  const notify = useNotify();
  const form = Form.useFormInstance();
  const organisation =
    Form.useWatch<string | undefined>(["subject", "type"], { preserve: true }) === "organization";
  const contentTypes = organisation ? SERVICE_CONTENT_TYPES : SERVICE_CONTENT_PERSONAL;
  const half = (node: ReactNode) => (
    <Col xs={24} md={12}>
      {node}
    </Col>
  );

  const copyHead = () => {
    const head = form.getFieldValue(["subject", "head"]) as Record<string, unknown> | undefined;
    form.setFieldValue(["websites", 0, "head"], { ...head });
    changed();
    notify.ok(t("form.copyFromSubjectDone"));
  };

  return (
    <>
      <Card title={t("form.websiteSection")} style={{ marginBottom: 16 }}>
        {codes && codes.length === 0 ? (
          <Alert
            type="warning"
            showIcon
            title={<Link to="/servers">{t("form.noCodes")}</Link>}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Row gutter={24}>
          {half(
            field("websites.0.name", t("field.website.name"), (disabled) => (
              <Input disabled={disabled} maxLength={64} />
            )),
          )}
          {half(
            field("websites.0.homeUrl", t("field.website.homeUrl"), (disabled) => (
              <Input disabled={disabled} maxLength={300} placeholder="http://" />
            )),
          )}
          {half(
            field("websites.0.serviceContent", t("field.website.serviceContent"), (disabled) => (
              <Select
                disabled={disabled}
                options={contentTypes.map((value) => ({ value, label: t(`value.${value}`) }))}
              />
            )),
          )}
          {half(
            field("websites.0.languages", t("field.website.languages"), (disabled) => (
              <Select
                mode="multiple"
                disabled={disabled}
                options={LANGUAGES.map((value) => ({ value, label: t(`value.${value}`) }))}
              />
            )),
          )}
          {half(
            field("websites.0.serviceCode", t("field.website.serviceCode"), (disabled) => (
              <Select
                disabled={disabled}
                placeholder={t("form.codePlaceholder")}
                options={(codes ?? []).map((code) => ({
                  value: code.code,
                  label: (
                    <Space>
                      {code.code}
                      <Tag>{t(`codeState.${code.state}`)}</Tag>
                    </Space>
                  ),
                }))}
              />
            )),
          )}
          <Col span={24}>
            {field("websites.0.remark", t("field.website.remark"), (disabled) => (
              <Input.TextArea
                disabled={disabled}
                rows={3}
                maxLength={500}
                showCount
                placeholder={t("form.remarkHint")}
              />
            ))}
          </Col>
        </Row>
      </Card>
      <Card
        title={t("form.websiteHeadSection")}
        style={{ marginBottom: 16 }}
        extra={
          <Button
            icon={<CopyOutlined />}
            onClick={copyHead}
            disabled={!editable("websites.0.head")}
            data-testid="copy-head"
          >
            {t("form.copyFromSubject")}
          </Button>
        }
      >
        <PersonFields at="websites.0.head" field={field} organisation={organisation} />
      </Card>
    </>
  );
}
