import { Card } from "antd";
import { useLang } from "../../i18n";
import type { Revision } from "../../types";
import { DiffTable } from "../DiffTable";
import { valueAt } from "./labels";

/**
 * 修改对比: what changed between the previous submission and the latest, field by field with
 * the old and the new value (the revisions carry the data as submitted each time).
 */
export function RevisionDiff({ revisions }: { revisions: Revision[] }) {
  const { t } = useLang();
  const latest = revisions.at(-1);
  const previous = revisions.at(-2);
  if (!latest || !previous || latest.changedSincePrevious.length === 0) return null;
  const rows = latest.changedSincePrevious.map((path) => ({
    path,
    before: valueAt(previous.data, path),
    after: valueAt(latest.data, path),
  }));

  return (
    <Card
      title={t("console.order.diffTitle", { from: previous.revision, to: latest.revision })}
      style={{ marginBottom: 16 }}
      data-testid="revision-diff"
    >
      <DiffTable rows={rows} />
    </Card>
  );
}
