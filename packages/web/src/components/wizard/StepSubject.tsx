import { CopyOutlined } from "@ant-design/icons";
import { Button, Card, Col, Form, Input, Row } from "antd";
import type { ReactNode } from "react";
import { useNotify } from "../../hooks";
import { useLang } from "../../i18n";
import { PersonFields, type FieldRenderer } from "../PersonFields";

interface Props {
  field: FieldRenderer;
  editable: (path: string) => boolean;
  changed: () => void;
}

/** 主办者信息: the subject's name and address, an organisation's legal representative, the subject head. */
export function StepSubject({ field, editable, changed }: Props) {
  const { t } = useLang();
  const notify = useNotify();
  const form = Form.useFormInstance();
  const organisation =
    Form.useWatch<string | undefined>(["subject", "type"], { preserve: true }) === "organization";
  const half = (node: ReactNode) => (
    <Col xs={24} md={12}>
      {node}
    </Col>
  );

  /** A person files as themselves: the subject head is the subject. */
  const copySubject = () => {
    for (const key of ["name", "certificateType", "certificateNumber"]) {
      if (!editable(`subject.head.${key}`)) continue;
      form.setFieldValue(["subject", "head", key], form.getFieldValue(["subject", key]));
    }
    changed();
    notify.ok(t("wizard.copySubjectDone"));
  };

  return (
    <>
      <Card title={t("form.subjectSection")} style={{ marginBottom: 16 }}>
        <Row gutter={24}>
          {half(
            field(
              "subject.name",
              t(organisation ? "wizard.organisationName" : "field.subject.name"),
              (disabled) => <Input disabled={disabled} maxLength={64} />,
            ),
          )}
          {half(
            field("subject.address", t("field.subject.address"), (disabled) => (
              <Input disabled={disabled} maxLength={200} placeholder={t("wizard.addressHint")} />
            )),
          )}
        </Row>
      </Card>
      {organisation ? (
        <Card title={t("wizard.legalRepSection")} style={{ marginBottom: 16 }}>
          <Row gutter={24}>
            {half(
              field("subject.legalRepresentative.name", t("field.legalRep.name"), (disabled) => (
                <Input disabled={disabled} maxLength={64} />
              )),
            )}
            {half(
              field(
                "subject.legalRepresentative.certificateNumber",
                t("field.legalRep.certificateNumber"),
                (disabled) => <Input disabled={disabled} maxLength={32} />,
              ),
            )}
          </Row>
        </Card>
      ) : null}
      <Card
        title={t("form.subjectHeadSection")}
        style={{ marginBottom: 16 }}
        extra={
          organisation ? null : (
            <Button
              icon={<CopyOutlined />}
              onClick={copySubject}
              disabled={!editable("subject.head.name")}
              data-testid="copy-subject"
            >
              {t("wizard.copySubject")}
            </Button>
          )
        }
      >
        <PersonFields at="subject.head" field={field} organisation={organisation} />
      </Card>
    </>
  );
}
