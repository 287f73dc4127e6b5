import { Table, Typography } from "antd";
import type { ReactNode } from "react";
import { useLang } from "../i18n";
import { fieldLabel } from "./fields";

const ENUM_FIELDS = new Set(["type", "certificateType", "serviceContent", "languages"]);

export interface DiffTableRow {
  path: string;
  before: unknown;
  after: unknown;
}

/**
 * Field by field, the old and the new value (a reviewer's 修改对比, a change against the
 * filing). `before: false` leaves out the old values where they are not known.
 */
export function DiffTable({ rows, before = true }: { rows: DiffTableRow[]; before?: boolean }) {
  const { t } = useLang();

  const show = (value: unknown, path: string): ReactNode => {
    if (value === undefined || value === null || value === "")
      return <Typography.Text type="secondary">{t("console.order.empty")}</Typography.Text>;
    if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
    if (typeof value === "object" && !Array.isArray(value)) return <code>{JSON.stringify(value)}</code>;
    const field = path.split(".").at(-1) ?? "";
    const values = Array.isArray(value) ? value.map(String) : [String(value)];
    return ENUM_FIELDS.has(field)
      ? values.map((item) => t(`value.${item}`, { defaultValue: item })).join("、")
      : values.join("、");
  };

  return (
    <Table<DiffTableRow>
      size="small"
      rowKey="path"
      pagination={false}
      scroll={{ x: "max-content" }}
      dataSource={rows}
      onRow={(row) => ({ "data-path": row.path }) as object}
      columns={[
        {
          title: t("console.order.diffField"),
          dataIndex: "path",
          render: (path: string) => fieldLabel(path, t),
        },
        ...(before
          ? [
              {
                title: t("console.order.diffBefore"),
                dataIndex: "before",
                render: (value: unknown, row: DiffTableRow) => (
                  <span className="diff-before">{show(value, row.path)}</span>
                ),
              },
            ]
          : []),
        {
          title: t("console.order.diffAfter"),
          dataIndex: "after",
          render: (value: unknown, row: DiffTableRow) => (
            <span className="diff-after">{show(value, row.path)}</span>
          ),
        },
      ]}
    />
  );
}
