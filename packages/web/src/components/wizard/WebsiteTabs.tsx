import { DeleteOutlined, UndoOutlined } from "@ant-design/icons";
import { Alert, App, Badge, Button, Form, Tabs, Typography } from "antd";
import { useLang } from "../../i18n";
import type { OrderData, Problem, ServiceCode, Website } from "../../types";
import type { FieldRenderer } from "../PersonFields";
import { toFormValues } from "../formData";
import { StepWebsite } from "./StepWebsite";

interface Props {
  field: FieldRenderer;
  editable: (path: string) => boolean;
  changed: () => void;
  codes: ServiceCode[] | null;
  problems: Problem[];
  /** The filing as it stands: each website's filed service code, and what a removal can restore. */
  filing: OrderData | null;
}

const domainOf = (website: Website | undefined) => (website?.domain ?? "").trim().toLowerCase();

/**
 * 互联网信息服务 of a change: one tab per filed website (its errors counted on the tab), each
 * editable as in a first filing with its filed service code kept unless another is chosen
 * (变更接入). A website can be removed from the filing (its filing is cancelled on approval)
 * as long as one remains, and restored before submitting.
 */
export function WebsiteTabs({ field, editable, changed, codes, problems, filing }: Props) {
  const { t } = useLang();
  const { modal } = App.useApp();
  const form = Form.useFormInstance();
  const websites = Form.useWatch<Website[] | undefined>(["websites"], { preserve: true }) ?? [];
  const filedWebsites = filing?.websites ?? [];
  const kept = new Set(websites.map(domainOf));
  const removed = filedWebsites.filter((website) => !kept.has(domainOf(website)));
  const filedCode = (website: Website | undefined) =>
    filedWebsites.find((candidate) => domainOf(candidate) === domainOf(website))?.serviceCode;

  const current = () => (form.getFieldValue(["websites"]) ?? []) as Record<string, unknown>[];
  const remove = (index: number, domain: string) =>
    modal.confirm({
      title: t("kind.removeWebsiteConfirm", { domain }),
      okText: t("kind.removeWebsite"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () => {
        form.setFieldValue(
          ["websites"],
          current().filter((_website, position) => position !== index),
        );
        changed();
      },
    });
  const restore = (website: Website) => {
    const [value] = (toFormValues({ websites: [website] }).websites ?? []) as Record<string, unknown>[];
    form.setFieldValue(["websites"], [...current(), value]);
    changed();
  };
  const errorsOf = (index: number) =>
    problems.filter(
      (problem) => problem.severity === "error" && problem.field.startsWith(`websites.${index}.`),
    ).length;

  return (
    <>
      {removed.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="removed-websites"
          title={t("kind.removedWebsites", { domains: removed.map((website) => website.domain).join("、") })}
          action={
            <span>
              {removed.map((website) => (
                <Button
                  key={website.domain}
                  size="small"
                  icon={<UndoOutlined />}
                  onClick={() => restore(website)}
                  style={{ marginInlineStart: 8 }}
                >
                  {t("kind.restore")} {website.domain}
                </Button>
              ))}
            </span>
          }
        />
      ) : null}
      <Typography.Paragraph type="secondary">{t("kind.codeHint")}</Typography.Paragraph>
      <Tabs
        data-testid="website-tabs"
        items={websites.map((website, index) => ({
          key: domainOf(website) || String(index),
          label: (
            <Badge count={errorsOf(index)} size="small" offset={[8, -2]}>
              <span data-domain={website.domain}>{website.domain}</span>
            </Badge>
          ),
          children: (
            <>
              <StepWebsite
                field={field}
                editable={editable}
                changed={changed}
                codes={codes}
                index={index}
                filedCode={filedCode(website)}
              />
              {websites.length > 1 ? (
                <Button
                  danger
                  icon={<DeleteOutlined />}
                  onClick={() => remove(index, website.domain ?? "")}
                  data-testid="remove-website"
                  style={{ marginBottom: 16 }}
                >
                  {t("kind.removeWebsite")}
                </Button>
              ) : null}
            </>
          ),
        }))}
      />
    </>
  );
}
