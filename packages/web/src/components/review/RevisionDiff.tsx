import { Card, Table, Typography } from "antd";
import type { ReactNode } from "react";
import { useLang } from "../../i18n";
import type { Revision } from "../../types";
import { fieldLabel } from "../fields";
import { valueAt } from "./labels";

const ENUM_FIELDS = new Set(["type", "certificateType", "serviceContent", "languages"]);

interface Row {
  path: string;
  before: unknown;
  after: unknown;
}

/**
 * 修改对比: what changed between the previous submission and the latest, field by field with
 * the old and the new value (the revisions carry the data as submitted each time).
 */
export function RevisionDiff({ revisions }: { revisions: Revision[] }) {
  const { t } = useLang();
  const latest = revisions.at(-1);
  const previous = revisions.at(-2);
  if (!latest || !previous || latest.changedSincePrevious.length === 0) return null;
  const rows: Row[] = latest.changedSincePrevious.map((path) => ({
    path,
    before: valueAt(previous.data, path),
    after: valueAt(latest.data, path),
  }));

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
    <Card
      title={t("console.order.diffTitle", { from: previous.revision, to: latest.revision })}
      style={{ marginBottom: 16 }}
      data-testid="revision-diff"
    >
      <Table<Row>
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
          {
            title: t("console.order.diffBefore"),
            dataIndex: "before",
            render: (value: unknown, row) => <span className="diff-before">{show(value, row.path)}</span>,
          },
          {
            title: t("console.order.diffAfter"),
            dataIndex: "after",
            render: (value: unknown, row) => <span className="diff-after">{show(value, row.path)}</span>,
          },
        ]}
      />
    </Card>
  );
}
