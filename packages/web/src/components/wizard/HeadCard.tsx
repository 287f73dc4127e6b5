import { CopyOutlined } from "@ant-design/icons";
import { Button, Card, Form } from "antd";
import type { ReactNode } from "react";
import { useNotify } from "../../hooks";
import { useLang } from "../../i18n";
import { PersonFields, namePath, type FieldRenderer } from "../PersonFields";

interface Props {
  /** Where the head is in the order, e.g. "websites.0.head" or "app.head". */
  at: string;
  title: string;
  field: FieldRenderer;
  editable: (path: string) => boolean;
  changed: () => void;
  /** Shown above the fields. */
  children?: ReactNode;
}

/** A website's or an app's head (负责人): the person's fields, with 同主体负责人 to copy the subject's head. */
export function HeadCard({ at, title, field, editable, changed, children }: Props) {
  const { t } = useLang();
  const notify = useNotify();
  const form = Form.useFormInstance();
  const organisation =
    Form.useWatch<string | undefined>(["subject", "type"], { preserve: true }) === "organization";

  const copyHead = () => {
    const head = form.getFieldValue(["subject", "head"]) as Record<string, unknown> | undefined;
    form.setFieldValue(namePath(at), { ...head });
    changed();
    notify.ok(t("form.copyFromSubjectDone"));
  };

  return (
    <Card
      title={title}
      style={{ marginBottom: 16 }}
      extra={
        <Button icon={<CopyOutlined />} onClick={copyHead} disabled={!editable(at)} data-testid="copy-head">
          {t("form.copyFromSubject")}
        </Button>
      }
    >
      {children}
      <PersonFields at={at} field={field} organisation={organisation} />
    </Card>
  );
}
