import { SERVICE_CONTENT_PERSONAL, SERVICE_CONTENT_TYPES } from "@openbeian/core";
import { Alert, Card, Col, Form, Input, Row, Select, Space, Tag } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { useLang } from "../../i18n";
import type { ServiceCode } from "../../types";
import type { FieldRenderer } from "../PersonFields";
import { HeadCard } from "./HeadCard";

const LANGUAGES = ["zh-CN", "zh-TW", "en"];

interface Props {
  field: FieldRenderer;
  editable: (path: string) => boolean;
  changed: () => void;
  /** The codes this order may use; null while loading. */
  codes: ServiceCode[] | null;
  /** Which of the order's websites (a change holds every filed one); the first by default. */
  index?: number;
  /** The code the website is filed with (a change): kept, or swapped for another (变更接入). */
  filedCode?: string;
  /** False for a claim, which keeps the access it was filed with: no service code to choose. */
  serviceCode?: boolean;
}

/** 互联网信息服务: the website (name, home page, content, languages, remark, service code) and its head. */
export function StepWebsite({
  field,
  editable,
  changed,
  codes,
  index = 0,
  filedCode,
  serviceCode = true,
}: Props) {
  const { t } = useLang();
  const organisation =
    Form.useWatch<string | undefined>(["subject", "type"], { preserve: true }) === "organization";
  const contentTypes = organisation ? SERVICE_CONTENT_TYPES : SERVICE_CONTENT_PERSONAL;
  const at = `websites.${index}`;
  const half = (node: ReactNode) => (
    <Col xs={24} md={12}>
      {node}
    </Col>
  );

  return (
    <>
      <Card title={t("form.websiteSection")} style={{ marginBottom: 16 }}>
        {serviceCode && codes && codes.length === 0 && !filedCode ? (
          <Alert
            type="warning"
            showIcon
            title={<Link to="/servers">{t("form.noCodes")}</Link>}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Row gutter={24}>
          {half(
            field(`${at}.name`, t("field.website.name"), (disabled) => (
              <Input disabled={disabled} maxLength={64} />
            )),
          )}
          {half(
            field(`${at}.homeUrl`, t("field.website.homeUrl"), (disabled) => (
              <Input disabled={disabled} maxLength={300} placeholder="http://" />
            )),
          )}
          {half(
            field(`${at}.serviceContent`, t("field.website.serviceContent"), (disabled) => (
              <Select
                disabled={disabled}
                options={contentTypes.map((value) => ({ value, label: t(`value.${value}`) }))}
              />
            )),
          )}
          {half(
            field(`${at}.languages`, t("field.website.languages"), (disabled) => (
              <Select
                mode="multiple"
                disabled={disabled}
                options={LANGUAGES.map((value) => ({ value, label: t(`value.${value}`) }))}
              />
            )),
          )}
          {serviceCode
            ? half(
                field(`${at}.serviceCode`, t("field.website.serviceCode"), (disabled) => (
                  <Select
                    disabled={disabled}
                    placeholder={t("form.codePlaceholder")}
                    options={[
                      ...(filedCode
                        ? [{ value: filedCode, label: t("kind.filedCode", { code: filedCode }) }]
                        : []),
                      ...(codes ?? [])
                        .filter((code) => code.code !== filedCode)
                        .map((code) => ({
                          value: code.code,
                          label: (
                            <Space>
                              {code.code}
                              <Tag>{t(`codeState.${code.state}`)}</Tag>
                            </Space>
                          ),
                        })),
                    ]}
                  />
                )),
              )
            : null}
          <Col span={24}>
            {field(`${at}.remark`, t("field.website.remark"), (disabled) => (
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
      <HeadCard
        at={`${at}.head`}
        title={t("form.websiteHeadSection")}
        field={field}
        editable={editable}
        changed={changed}
      />
    </>
  );
}
