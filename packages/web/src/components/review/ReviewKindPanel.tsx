import { Card, Typography } from "antd";
import { useLang } from "../../i18n";
import type { AuditEntry, ReviewOrderView } from "../../types";
import { DiffTable } from "../DiffTable";
import { ChangeSummary } from "../filing/ChangeSummary";
import { KindFacts } from "../filing/KindFacts";
import { OrderKindBanner } from "../filing/OrderKindBanner";
import { useChangeDiff, useChangeRules } from "../filing/changeDiff";
import { goesToRegulator, isExpectedType, regulatorTypeOf } from "../filing/orderKinds";
import { valueAt } from "./labels";

interface Props {
  view: ReviewOrderView;
  /** The order's audit trail, oldest first: the applicant's edits when the filing is not sent. */
  audit: AuditEntry[] | null;
}

/**
 * For the reviewer, an order on a filing: its kind, what MIIT receives it as and whom it texts,
 * and for a change what it changes against the filing (`view.filing`). Without the filing
 * (the review API does not send it yet) a change lists the fields the applicant edited, with
 * their new values, from the audit trail.
 */
export function ReviewKindPanel({ view, audit }: Props) {
  const { t } = useLang();
  const diff = useChangeDiff(view.type === "change" ? view.filing : null, view.data);
  const edited = view.type === "change" && !view.filing ? editedPaths(audit ?? []) : [];
  const rules = useChangeRules(edited.length > 0);
  if (view.type === "first_filing") return null;
  // A claim (or a transfer) never reaches MIIT: what it is, without a type MIIT receives.
  if (!goesToRegulator(view.type)) return <OrderKindBanner order={view} />;
  if (diff) {
    return (
      <>
        <OrderKindBanner order={view} />
        <ChangeSummary diff={diff} data={view.data} regulatorType={view.regulatorType} />
      </>
    );
  }
  // From the edited paths alone: a subject field, a website's service code (access), another website field.
  const scope = {
    subject: edited.some((path) => path.startsWith("subject.")),
    access: edited.some((path) => /^websites\.\d+\.serviceCode$/.test(path)),
    websites: edited.some(
      (path) => path.startsWith("websites") && !/^websites\.\d+\.serviceCode$/.test(path),
    ),
  };
  const type = regulatorTypeOf(view, rules?.regulatorChangeType(scope) ?? null);
  return (
    <>
      <OrderKindBanner order={view}>
        <KindFacts type={type} expected={isExpectedType(view)} data={view.data} />
      </OrderKindBanner>
      {edited.length > 0 ? (
        <Card title={t("kind.editedTitle")} style={{ marginBottom: 16 }} data-testid="change-edited">
          <DiffTable
            before={false}
            rows={edited.map((path) => ({ path, before: undefined, after: valueAt(view.data, path) }))}
          />
          <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0", fontSize: 12 }}>
            {t("kind.editedNote")}
          </Typography.Paragraph>
        </Card>
      ) : null}
    </>
  );
}

/** The paths of the applicant's edits ("edit" lines of the trail carry `fields`), each once. */
function editedPaths(audit: AuditEntry[]): string[] {
  const paths = new Set<string>();
  for (const entry of audit) {
    if (entry.action !== "edit" || entry.actorKind !== "applicant") continue;
    const fields = (entry.detail as { fields?: unknown } | null)?.fields;
    if (Array.isArray(fields)) for (const field of fields) if (typeof field === "string") paths.add(field);
  }
  return [...paths];
}
