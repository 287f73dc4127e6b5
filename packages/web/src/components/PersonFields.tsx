import { PERSONAL_CERTIFICATE_TYPES } from "@openbeian/core";
import { Checkbox, Col, DatePicker, Form, Input, Row, Select } from "antd";
import type { ReactNode } from "react";
import { useLang } from "../i18n";

export type FieldRenderer = (
  path: string,
  label: string,
  input: (disabled: boolean) => ReactNode,
  options?: { valuePropName?: string },
) => ReactNode;

/**
 * The nine fields of a person (负责人) under `at`, e.g. "subject.head"; an
 * organisation's heads also give an office phone.
 */
export function PersonFields({
  at,
  field,
  organisation = false,
}: {
  at: string;
  field: FieldRenderer;
  organisation?: boolean;
}) {
  const { t } = useLang();
  const longTerm = Form.useWatch<boolean | undefined>(
    at.split(".").map(namePart).concat("certificateLongTerm"),
  );
  const label = (name: string) => t(`field.person.${name}`);
  const half = (node: ReactNode) => (
    <Col xs={24} md={12}>
      {node}
    </Col>
  );
  return (
    <Row gutter={24}>
      {half(field(`${at}.name`, label("name"), (disabled) => <Input disabled={disabled} maxLength={64} />))}
      {half(
        field(`${at}.certificateType`, label("certificateType"), (disabled) => (
          <Select
            disabled={disabled}
            options={PERSONAL_CERTIFICATE_TYPES.map((value) => ({ value, label: t(`value.${value}`) }))}
          />
        )),
      )}
      {half(
        field(`${at}.certificateNumber`, label("certificateNumber"), (disabled) => (
          <Input disabled={disabled} maxLength={18} />
        )),
      )}
      {half(
        field(`${at}.certificateValidFrom`, label("certificateValidFrom"), (disabled) => (
          <DatePicker disabled={disabled} style={{ width: "100%" }} placeholder={t("form.dateFormat")} />
        )),
      )}
      {half(
        field(`${at}.certificateValidTo`, label("certificateValidTo"), (disabled) => (
          <DatePicker
            disabled={disabled || !!longTerm}
            style={{ width: "100%" }}
            placeholder={t("form.dateFormat")}
          />
        )),
      )}
      {half(
        field(
          `${at}.certificateLongTerm`,
          label("certificateLongTerm"),
          (disabled) => <Checkbox disabled={disabled}>{label("certificateLongTerm")}</Checkbox>,
          { valuePropName: "checked" },
        ),
      )}
      {half(
        field(`${at}.mobile`, label("mobile"), (disabled) => <Input disabled={disabled} maxLength={20} />),
      )}
      {half(
        field(`${at}.emergencyPhone`, label("emergencyPhone"), (disabled) => (
          <Input disabled={disabled} maxLength={20} />
        )),
      )}
      {organisation
        ? half(
            field(`${at}.officePhone`, label("officePhone"), (disabled) => (
              <Input disabled={disabled} maxLength={20} placeholder={t("wizard.officePhoneHint")} />
            )),
          )
        : null}
      {half(
        field(`${at}.email`, label("email"), (disabled) => <Input disabled={disabled} maxLength={254} />),
      )}
    </Row>
  );
}

/** "websites.0.name" → ["websites", 0, "name"], the antd name path. */
export function namePath(path: string): (string | number)[] {
  return path.split(".").map(namePart);
}

function namePart(part: string): string | number {
  return /^\d+$/.test(part) ? Number(part) : part;
}
