import { AndroidOutlined, AppleOutlined, MobileOutlined } from "@ant-design/icons";
import { Alert, Card, Checkbox, Col, Form, Input, Row, Select, Typography } from "antd";
import type { ReactNode } from "react";
import { useLang } from "../../i18n";
import type { Problem } from "../../types";
import type { FieldRenderer } from "../PersonFields";
import { APP_PLATFORMS } from "../fields";
import { HeadCard } from "./HeadCard";

interface Props {
  field: FieldRenderer;
  editable: (path: string) => boolean;
  changed: () => void;
  /** The live and the server's problems: a domain's own (app.domains.N) are listed under the domains. */
  problems: Problem[];
}

const PLATFORM_ICONS: Record<string, ReactNode> = {
  android: <AndroidOutlined />,
  ios: <AppleOutlined />,
  harmony: <MobileOutlined />,
};

/**
 * APP备案's step in the website step's place: the app (its name under the website naming
 * rules, the platforms and each one's identifiers as MIIT checks them, the domains or IP
 * addresses it uses, its service), and the app's head, who verifies by SMS and face.
 */
export function StepApp({ field, editable, changed, problems }: Props) {
  const { t, pick } = useLang();
  const platforms = Form.useWatch<string[] | undefined>(["app", "platforms"], { preserve: true }) ?? [];
  const domains = Form.useWatch<string[] | undefined>(["app", "domains"], { preserve: true }) ?? [];
  const domainProblems = problems.filter((problem) => /^app\.domains\.\d+$/.test(problem.field));
  const half = (node: ReactNode) => (
    <Col xs={24} md={12}>
      {node}
    </Col>
  );

  const digest = (path: string, label: string, placeholder: string) =>
    field(path, label, (disabled) => (
      <Input disabled={disabled} maxLength={path.endsWith("Sha1") ? 80 : 64} placeholder={placeholder} />
    ));
  const publicKey = (platform: string) =>
    field(`app.${platform}.publicKey`, t(`field.app.${platform}.publicKey`), (disabled) => (
      <Input.TextArea
        disabled={disabled}
        rows={3}
        maxLength={4096}
        placeholder={t("appForm.publicKeyHint")}
        style={{ fontFamily: "monospace" }}
      />
    ));

  return (
    <>
      <Card title={t("appForm.section")} style={{ marginBottom: 16 }} data-testid="app-step">
        <Row gutter={24}>
          {half(
            field("app.name", t("field.app.name"), (disabled) => (
              <Input disabled={disabled} maxLength={64} placeholder={t("appForm.nameHint")} />
            )),
          )}
          {half(
            field("app.platforms", t("field.app.platforms"), (disabled) => (
              <Checkbox.Group
                disabled={disabled}
                options={APP_PLATFORMS.map((value) => ({ value, label: t(`value.${value}`) }))}
              />
            )),
          )}
          <Col span={24}>
            {field("app.domains", t("field.app.domains"), (disabled) => (
              <Select
                mode="tags"
                disabled={disabled}
                tokenSeparators={[",", "，", " ", "\n"]}
                open={false}
                suffixIcon={null}
                placeholder={t("appForm.domainsHint")}
              />
            ))}
            {domainProblems.length > 0 ? (
              <ul className="problem-list app-domain-problems" data-path="app.domains.*">
                {domainProblems.map((problem, index) => {
                  const at = Number(problem.field.split(".")[2]);
                  return (
                    <li key={index} data-severity={problem.severity}>
                      <Typography.Text type={problem.severity === "error" ? "danger" : "warning"}>
                        {domains[at] ?? `#${at + 1}`}：{pick(problem.message)}
                      </Typography.Text>
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </Col>
          {half(
            field("app.serviceContent", t("field.app.serviceContent"), (disabled) => (
              <Input disabled={disabled} maxLength={200} placeholder={t("appForm.serviceContentHint")} />
            )),
          )}
          <Col span={24}>
            {field("app.remark", t("field.app.remark"), (disabled) => (
              <Input.TextArea disabled={disabled} rows={2} maxLength={500} showCount />
            ))}
          </Col>
        </Row>
        <Alert type="info" showIcon title={t("appForm.iconHint")} />
      </Card>
      {platforms.length === 0 ? null : (
        <Card title={t("appForm.platformsSection")} style={{ marginBottom: 16 }} data-testid="app-platforms">
          <Typography.Paragraph type="secondary">{t("appForm.platformsHint")}</Typography.Paragraph>
          {APP_PLATFORMS.filter((platform) => platforms.includes(platform)).map((platform) => (
            <Card
              key={platform}
              type="inner"
              size="small"
              title={
                <span>
                  {PLATFORM_ICONS[platform]} {t(`value.${platform}`)}
                </span>
              }
              style={{ marginBottom: 16 }}
              data-platform={platform}
            >
              <Row gutter={24}>
                {platform === "ios" ? (
                  <>
                    {half(
                      field("app.ios.bundleId", t("field.app.ios.bundleId"), (disabled) => (
                        <Input disabled={disabled} maxLength={255} placeholder="com.example.app" />
                      )),
                    )}
                    {half(digest("app.ios.certificateSha1", t("field.app.ios.certificateSha1"), "SHA-1"))}
                  </>
                ) : (
                  <>
                    {half(
                      field(
                        platform === "android" ? "app.android.packageName" : "app.harmony.bundleName",
                        t(
                          platform === "android"
                            ? "field.app.android.packageName"
                            : "field.app.harmony.bundleName",
                        ),
                        (disabled) => (
                          <Input disabled={disabled} maxLength={255} placeholder="com.example.app" />
                        ),
                      ),
                    )}
                    {half(
                      digest(`app.${platform}.signatureMd5`, t(`field.app.${platform}.signatureMd5`), "MD5"),
                    )}
                    <Col span={24}>{publicKey(platform)}</Col>
                  </>
                )}
              </Row>
            </Card>
          ))}
        </Card>
      )}
      <HeadCard
        at="app.head"
        title={t("field.section.appHead")}
        field={field}
        editable={editable}
        changed={changed}
      >
        <Typography.Paragraph type="secondary">{t("appForm.headHint")}</Typography.Paragraph>
      </HeadCard>
    </>
  );
}
