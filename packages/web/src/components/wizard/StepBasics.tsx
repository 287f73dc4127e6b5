import {
  ORGANIZATION_CERTIFICATE_TYPES,
  PERSONAL_CERTIFICATE_TYPES,
  PROVINCES,
  SERVICE_CONTENT_PERSONAL,
  SUBJECT_TYPES,
} from "@openbeian/core";
import { Alert, Button, Card, Checkbox, Col, Flex, Form, Input, Row, Select, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { useLang } from "../../i18n";
import type { Domain, LocalizedText, OrderKind, OrderTypeDecision, Problem, Website } from "../../types";
import type { FieldRenderer } from "../PersonFields";
import type { DomainOrderKind } from "../filing/DomainOrderModal";
import { domainFixed, provinceFixed } from "./kinds";

const NOTICE_STYLE = { marginBottom: 16 };
const PERSONAL_TYPES: readonly string[] = PERSONAL_CERTIFICATE_TYPES;
const ORGANISATION_TYPES: readonly string[] = ORGANIZATION_CERTIFICATE_TYPES;
const PERSONAL_CONTENT: readonly string[] = SERVICE_CONTENT_PERSONAL;

interface Props {
  field: FieldRenderer;
  editable: (path: string) => boolean;
  /** Call after setting a value from code (the form reports only the user's own edits). */
  changed: () => void;
  domains: Domain[] | null;
  problems: Problem[];
  /** The order type for the data as saved; null until the certificate and the domain are saved. */
  decision: (OrderTypeDecision & { label: LocalizedText }) | null;
  /** The order's kind: a change lists its filed domains instead of choosing one. */
  kind: OrderKind;
  /** A first filing whose domain is filed elsewhere (or here, in no account) becomes that kind of order. */
  onSwitch?: (kind: DomainOrderKind) => void;
}

/**
 * 基础信息校验: where the subject files (province, refined by the division
 * code), who it is (type, certificate) and the website's domain; then the
 * order type the records call for, and why. An order on a filing keeps its
 * province (and an added website the whole subject); a change lists the
 * filed domains, which it cannot alter.
 */
export function StepBasics({ field, editable, changed, domains, problems, decision, kind, onSwitch }: Props) {
  const { t, lang } = useLang();
  const form = Form.useFormInstance();
  const division = Form.useWatch<string | undefined>(["subject", "divisionCode"], { preserve: true });
  const subjectType = Form.useWatch<string | undefined>(["subject", "type"], { preserve: true });
  const residencePermit = Form.useWatch<boolean | undefined>(["subject", "residencePermit"], {
    preserve: true,
  });
  const organisation = subjectType === "organization";
  const certificateTypes = organisation ? ORGANIZATION_CERTIFICATE_TYPES : PERSONAL_CERTIFICATE_TYPES;
  const province = division && /^\d{2}/.test(division) ? division.slice(0, 2) : undefined;
  const askResidencePermit =
    !organisation &&
    (residencePermit || problems.some((problem) => problem.field === "subject.residencePermit"));

  const half = (node: ReactNode) => (
    <Col xs={24} md={12}>
      {node}
    </Col>
  );

  /** A new subject type keeps the certificate type and service content only when they still fit. */
  const onSubjectType = (type: string) => {
    const fits = type === "organization" ? ORGANISATION_TYPES : PERSONAL_TYPES;
    const certificateType = form.getFieldValue(["subject", "certificateType"]) as string | undefined;
    if (editable("subject.certificateType") && (!certificateType || !fits.includes(certificateType))) {
      form.setFieldValue(["subject", "certificateType"], fits[0]);
    }
    const content = form.getFieldValue(["websites", 0, "serviceContent"]) as string | undefined;
    if (type === "personal" && content && !PERSONAL_CONTENT.includes(content)) {
      if (editable("websites.0.serviceContent"))
        form.setFieldValue(["websites", 0, "serviceContent"], undefined);
    }
    changed();
  };

  return (
    <>
      {kind === "change" ? null : <OrderTypeNotice decision={decision} kind={kind} onSwitch={onSwitch} />}
      <Card title={t("wizard.basicsSubject")} style={{ marginBottom: 16 }}>
        <Row gutter={24}>
          {half(
            <Form.Item
              label={t("wizard.province")}
              htmlFor="subject_province"
              extra={provinceFixed(kind) ? undefined : t("wizard.provinceHint")}
              data-path="subject.province"
            >
              <Select
                id="subject_province"
                showSearch={{ optionFilterProp: "label" }}
                placeholder={t("wizard.provincePlaceholder")}
                disabled={provinceFixed(kind) || !editable("subject.divisionCode")}
                value={province}
                options={PROVINCES.map((item) => ({
                  value: item.code,
                  label: lang === "zh" ? item.zh : item.en,
                }))}
                onChange={(code: string) => {
                  form.setFieldValue(["subject", "divisionCode"], `${code}0100`);
                  changed();
                }}
              />
            </Form.Item>,
          )}
          {half(
            field("subject.divisionCode", t("field.subject.divisionCode"), (disabled) => (
              <Input
                disabled={disabled}
                maxLength={6}
                inputMode="numeric"
                placeholder={t("form.divisionHint")}
              />
            )),
          )}
          {half(
            field("subject.type", t("field.subject.type"), (disabled) => (
              <Select
                disabled={disabled}
                options={SUBJECT_TYPES.map((value) => ({ value, label: t(`value.${value}`) }))}
                onChange={onSubjectType}
              />
            )),
          )}
          {half(
            field("subject.certificateType", t("field.subject.certificateType"), (disabled) => (
              <Select
                disabled={disabled}
                options={certificateTypes.map((value) => ({ value, label: t(`value.${value}`) }))}
              />
            )),
          )}
          {half(
            field("subject.certificateNumber", t("field.subject.certificateNumber"), (disabled) => (
              <Input disabled={disabled} maxLength={32} />
            )),
          )}
          {askResidencePermit
            ? half(
                field(
                  "subject.residencePermit",
                  t("field.subject.residencePermit"),
                  (disabled) => <Checkbox disabled={disabled}>{t("wizard.residencePermit")}</Checkbox>,
                  { valuePropName: "checked" },
                ),
              )
            : null}
        </Row>
      </Card>
      {kind === "change" ? (
        <ChangeDomains />
      ) : (
        <Card title={t("wizard.basicsDomain")} style={{ marginBottom: 16 }}>
          {domains && domains.length === 0 && !domainFixed(kind) ? (
            <Alert
              type="warning"
              showIcon
              title={<Link to="/domains">{t("form.noDomains")}</Link>}
              style={{ marginBottom: 16 }}
            />
          ) : null}
          <Row gutter={24}>
            {half(
              field("websites.0.domain", t("field.website.domain"), (disabled) => (
                <Select
                  disabled={disabled}
                  placeholder={t("form.domainPlaceholder")}
                  options={(domains ?? []).map((domain) => ({ value: domain.name, label: domain.name }))}
                  onChange={(domain: string) => {
                    if (!form.getFieldValue(["websites", 0, "homeUrl"]) && editable("websites.0.homeUrl")) {
                      form.setFieldValue(["websites", 0, "homeUrl"], `http://${domain}`);
                    }
                  }}
                />
              )),
            )}
          </Row>
          {domainFixed(kind) ? (
            <Typography.Text type="secondary" data-testid="domain-fixed">
              {t(`wizard.domainFixed.${kind}`)}
            </Typography.Text>
          ) : kind === "first_filing" && onSwitch ? (
            <Typography.Text type="secondary">
              {t("wizard.filedElsewhere")}
              <Button
                type="link"
                size="small"
                onClick={() => onSwitch("add_access")}
                data-testid="to-add-access"
              >
                {t("filing.addAccess")}
              </Button>
            </Typography.Text>
          ) : null}
        </Card>
      )}
    </>
  );
}

/** A change's websites: their domains as filed, which the change cannot add to or alter. */
function ChangeDomains() {
  const { t } = useLang();
  const websites = Form.useWatch<Website[] | undefined>(["websites"], { preserve: true }) ?? [];
  return (
    <Card title={t("kind.domains")} style={{ marginBottom: 16 }} data-testid="change-domains">
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        {websites.map((website, index) => (
          <Tag key={index} data-domain={website.domain}>
            {website.domain}
          </Tag>
        ))}
      </Flex>
      <Typography.Text type="secondary">{t("kind.domainsFixed")}</Typography.Text>
    </Card>
  );
}

/**
 * "订单类型：首次备案 — 主体与域名均未备案，办理首次备案" when the records call for the
 * order's own kind, or why the wizard cannot go on (an added website is filed as such).
 */
function OrderTypeNotice({ decision, kind, onSwitch }: Pick<Props, "decision" | "kind" | "onSwitch">) {
  const { t, pick } = useLang();
  if (!decision) {
    const pending =
      kind === "add_website"
        ? "wizard.orderTypePendingAdd"
        : domainFixed(kind)
          ? "wizard.orderTypePendingDomain"
          : "wizard.orderTypePending";
    return <Alert type="info" showIcon title={t(pending)} data-testid="order-type" style={NOTICE_STYLE} />;
  }
  const line = t("wizard.orderType", { label: pick(decision.label), why: pick(decision.why) });
  if (decision.type === kind) {
    return (
      <Alert
        type="success"
        showIcon
        title={line}
        description={t("wizard.orderTypeBasis")}
        data-testid="order-type"
        data-order-type={decision.type}
        style={NOTICE_STYLE}
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      title={line}
      description={
        <Remedy kind={kind} type={decision.type} label={pick(decision.label)} onSwitch={onSwitch} />
      }
      data-testid="order-type"
      data-order-type={decision.type}
      style={NOTICE_STYLE}
      role="alert"
    />
  );
}

/** What to do when the records call for another kind of order than this one. */
function Remedy({
  kind,
  type,
  label,
  onSwitch,
}: {
  kind: OrderKind;
  type: OrderTypeDecision["type"];
  label: string;
  onSwitch?: (kind: DomainOrderKind) => void;
}) {
  const { t } = useLang();
  if (kind === "first_filing" && type === "add_website") {
    return <Link to="/websites">{t("wizard.orderTypeAddWebsite")}</Link>;
  }
  if (kind === "first_filing" && (type === "add_access" || type === "claim") && onSwitch) {
    return (
      <Flex gap={8} align="center" wrap>
        <span>{t(`wizard.orderTypeSwitch.${type}`)}</span>
        <Button size="small" type="primary" onClick={() => onSwitch(type)} data-testid={`switch-${type}`}>
          {t(type === "add_access" ? "filing.addAccess" : "filing.claim")}
        </Button>
      </Flex>
    );
  }
  if (type === "claim_or_transfer") return <span>{t("wizard.orderTypeTransfer")}</span>;
  return <span>{t("wizard.orderTypeUnsupported", { label })}</span>;
}
