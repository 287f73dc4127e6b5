import { Alert } from "antd";
import { useLang } from "../i18n";
import type { OrderView } from "../types";
import { fieldLabel } from "./fields";

/** The fields a reviewer returned, each with its reason. */
export function ReturnedFieldsAlert({
  title,
  fields,
}: {
  title: string;
  fields: OrderView["returnedFields"];
}) {
  const { t } = useLang();
  if (fields.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={title}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {fields.map((item) => (
            <li key={item.field}>
              <b>{fieldLabel(item.field, t)}</b>：{item.reason}
            </li>
          ))}
        </ul>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
