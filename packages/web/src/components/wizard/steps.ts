import type { Problem } from "../../types";
import { FACE_KIND } from "../materials";

/** The wizard's steps, in order (the seed's 基础信息校验 … 提交). */
export const STEP_KEYS = ["basics", "subject", "website", "materials", "face", "submit"] as const;
export type StepKey = (typeof STEP_KEYS)[number];
export const LAST_STEP = STEP_KEYS.length - 1;

const BASICS = new Set([
  "subject.type",
  "subject.certificateType",
  "subject.certificateNumber",
  "subject.divisionCode",
  "subject.residencePermit",
]);

/**
 * The step (0-based) where a field path is filled in: the subject's identity and
 * the domain in 基础信息校验, the rest of the subject in 主办者信息, the website in
 * 互联网信息服务 (an app's in the same place), uploads in 上传资料, the face capture in 人脸核验; anything else
 * (a problem about the order as a whole) on the last step.
 */
export function stepOfField(path: string): number {
  const parts = path.split(".");
  if (parts[0] === "materials") return parts[1] === FACE_KIND ? 4 : 3;
  if (BASICS.has(parts.slice(0, 2).join("."))) return 0;
  if (parts[0] === "websites" && parts[2] === "domain") return 0;
  if (parts[0] === "subject") return 1;
  if (parts[0] === "websites") return 2;
  // An app's data has the website step's place (APP备案).
  if (parts[0] === "app") return 2;
  return LAST_STEP;
}

/** Findings about the order as a whole, whatever field they name: a change with nothing changed. */
const WHOLE_ORDER_RULES: ReadonlySet<string> = new Set(["change.nothing"]);

/** The step where a problem is shown and fixed: its field's, or the last for the order as a whole. */
export function stepOfProblem(problem: Problem): number {
  return WHOLE_ORDER_RULES.has(problem.ruleId) ? LAST_STEP : stepOfField(problem.field);
}

/** The problems a step shows in its own summary (the last step shows them all). */
export function problemsOfStep(problems: Problem[], step: number): Problem[] {
  return step === LAST_STEP ? problems : problems.filter((problem) => stepOfProblem(problem) === step);
}

/** "?step=3" → 2; missing or out of range → null. */
export function stepFromParam(value: string | null): number | null {
  if (!value || !/^\d+$/.test(value)) return null;
  const step = Number(value) - 1;
  return step >= 0 && step <= LAST_STEP ? step : null;
}

/** The live problems and the server's, each once (the server may know more, e.g. after a race). */
export function mergeProblems(live: Problem[] | null, server: Problem[] | null): Problem[] {
  const seen = new Set<string>();
  return [...(live ?? []), ...(server ?? [])].filter((problem) => {
    const key = `${problem.field}\u0000${problem.ruleId}\u0000${problem.message.zh}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const countErrors = (problems: Problem[]) =>
  problems.filter((problem) => problem.severity === "error").length;
