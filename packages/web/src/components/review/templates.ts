import type { Problem, ReasonTemplate } from "../../types";

/** "websites.0.head.mobile" and "websites.*.head.mobile" both become "websites.head.mobile". */
const shape = (path: string) =>
  path
    .split(".")
    .filter((part) => part !== "*" && !/^\d+$/.test(part))
    .join(".");

function fits(template: ReasonTemplate, field: string): boolean {
  const wanted = shape(template.field ?? "");
  if (wanted === "") return true;
  const have = shape(field);
  return have === wanted || have.startsWith(`${wanted}.`);
}

/**
 * The reason templates that fit the chosen fields: a template whose rule the pre-check
 * found on one of those fields first, then the ones for the field, then the general ones.
 * With no field chosen yet, all of them.
 */
export function templatesFor(
  templates: ReasonTemplate[],
  fields: string[],
  problems: Problem[],
): ReasonTemplate[] {
  const chosen = fields.filter(Boolean);
  if (chosen.length === 0) return templates;
  const rules = new Set(
    problems
      .filter((problem) => chosen.some((field) => field === problem.field))
      .map((problem) => problem.ruleId),
  );
  const rank = (template: ReasonTemplate) =>
    template.ruleId && rules.has(template.ruleId) ? 0 : shape(template.field ?? "") === "" ? 2 : 1;
  return templates
    .filter(
      (template) =>
        chosen.some((field) => fits(template, field)) ||
        (template.ruleId ? rules.has(template.ruleId) : false),
    )
    .map((template, index) => ({ template, index }))
    .sort((a, b) => rank(a.template) - rank(b.template) || a.index - b.index)
    .map((item) => item.template);
}
