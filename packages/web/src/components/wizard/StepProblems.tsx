import { useLang } from "../../i18n";
import type { Problem } from "../../types";
import { ProblemList } from "../ProblemList";
import { problemsOfStep } from "./steps";

/** The problems of one step's own fields, above them. */
export function StepProblems({ problems, step }: { problems: Problem[]; step: number }) {
  const { t } = useLang();
  const own = problemsOfStep(problems, step);
  const errors = own.some((problem) => problem.severity === "error");
  return <ProblemList problems={own} title={t(errors ? "wizard.stepProblems" : "wizard.stepWarnings")} />;
}
