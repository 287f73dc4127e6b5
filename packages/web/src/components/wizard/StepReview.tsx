import { Alert, Button, Card, Checkbox, Empty, Flex, List, Typography } from "antd";
import type { ReactNode } from "react";
import { useLang } from "../../i18n";
import type { MaterialsView, OrderView, Problem } from "../../types";
import { MaterialPreview, materialRows } from "../MaterialsStep";
import { OrderDataView } from "../OrderDataView";
import { ProblemList } from "../ProblemList";
import { STEP_KEYS, countErrors, stepOfProblem } from "./steps";

interface Props {
  view: OrderView;
  problems: Problem[];
  materials: MaterialsView | null;
  acknowledged: boolean;
  onAcknowledge: (value: boolean) => void;
  /** Go back to a step to fix its problems. */
  onGoTo: (step: number) => void;
  busy: boolean;
  /** The steps the order's kind goes through (indexes into STEP_KEYS). */
  steps: number[];
  /** A step's title (an app's third step is the app's). */
  stepTitle: (step: number) => string;
  /** Above the data: what a change changes. */
  summary?: ReactNode;
  /** Fields to mark in the data besides the returned ones (what a change changes). */
  highlight?: string[];
}

/**
 * 提交: everything as it will be submitted (the data, the uploads), every problem
 * that remains with a way back to its step, and the acknowledgement of warnings.
 */
export function StepReview({
  view,
  problems,
  materials,
  acknowledged,
  onAcknowledge,
  onGoTo,
  busy,
  steps,
  stepTitle,
  summary,
  highlight = [],
}: Props) {
  const { t } = useLang();
  // A change keeps the documents on file: there is nothing to show or miss.
  const documents = steps.includes(STEP_KEYS.indexOf("materials"));
  const errors = countErrors(problems);
  const warnings = problems.length - errors;
  const stepsWithProblems = [...new Set(problems.map(stepOfProblem))]
    .filter((step) => step < STEP_KEYS.length - 1 && steps.includes(step))
    .sort((a, b) => a - b);

  return (
    <>
      {problems.length === 0 ? (
        <Alert type="success" showIcon title={t("wizard.noProblems")} style={{ marginBottom: 16 }} />
      ) : (
        <>
          <ProblemList problems={problems} />
          {stepsWithProblems.length > 0 ? (
            <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
              <Typography.Text type="secondary">{t("wizard.fixIn")}</Typography.Text>
              {stepsWithProblems.map((step) => (
                <Button key={step} size="small" onClick={() => onGoTo(step)} disabled={busy}>
                  {t("wizard.stepOf", {
                    n: steps.indexOf(step) + 1,
                    total: steps.length,
                    title: stepTitle(step),
                  })}
                </Button>
              ))}
            </Flex>
          ) : null}
        </>
      )}
      {warnings > 0 ? (
        <Card style={{ marginBottom: 16 }}>
          <Checkbox
            checked={acknowledged}
            onChange={(event) => onAcknowledge(event.target.checked)}
            data-testid="acknowledge-warnings"
          >
            {t("wizard.acknowledge", { count: warnings })}
          </Checkbox>
        </Card>
      ) : null}
      {summary}
      <Card title={t("wizard.reviewData")} style={{ marginBottom: 16 }}>
        <OrderDataView
          data={view.data}
          highlight={[...view.returnedFields.map((item) => item.field), ...highlight]}
        />
      </Card>
      {documents ? <Materials materials={materials} /> : null}
    </>
  );
}

/** The documents uploaded, and those still missing. */
function Materials({ materials }: { materials: MaterialsView | null }) {
  const { t } = useLang();
  const uploads = materials ? materialRows(materials).filter((row) => row.items.length > 0) : [];
  return (
    <>
      <Card title={t("wizard.reviewMaterials")} style={{ marginBottom: 16 }}>
        {uploads.length === 0 ? (
          <Empty description={t("wizard.noMaterials")} />
        ) : (
          <List
            grid={{ gutter: 16, xs: 1, sm: 2, lg: 3, xxl: 4 }}
            dataSource={uploads.flatMap((row) => row.items.map((item) => ({ row, item })))}
            rowKey={({ item }) => item.id}
            renderItem={({ row, item }) => {
              const label = t(`materials.kind.${row.kind}`, row.kind);
              return (
                <List.Item>
                  <Flex gap={12} align="center" data-kind={row.kind}>
                    <MaterialPreview item={item} label={label} size={56} />
                    <div style={{ minWidth: 0 }}>
                      <Typography.Text strong style={{ display: "block" }}>
                        {label}
                      </Typography.Text>
                      <Typography.Text type="secondary" ellipsis style={{ display: "block", fontSize: 12 }}>
                        {item.originalName}
                      </Typography.Text>
                    </div>
                  </Flex>
                </List.Item>
              );
            }}
          />
        )}
        {materials
          ? materialRows(materials)
              .filter((row) => row.required && row.items.length === 0)
              .map((row) => (
                <Typography.Paragraph key={row.kind} type="danger" style={{ margin: "8px 0 0" }}>
                  {t("wizard.missingMaterial", { kind: t(`materials.kind.${row.kind}`, row.kind) })}
                </Typography.Paragraph>
              ))
          : null}
      </Card>
    </>
  );
}
