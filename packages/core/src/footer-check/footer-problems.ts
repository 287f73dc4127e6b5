import type { Problem } from "../filing/problem.ts";
import type { LocalizedText } from "../text.ts";
import type { HiddenReason } from "./html-scan.ts";

/**
 * The footer check's problem codes (its `ruleId`s). They are a contract with operators'
 * scripts and the compliance campaign: add new ones, never rename or reuse. Each code
 * has one severity, the result field it is about, and the fact-base keys behind it;
 * the message is written where the problem is found, since it names what was seen.
 */
export const FOOTER_PROBLEMS = {
  FOOTER_EXPECT_INVALID: { severity: "error", field: "expect", source: "fact-base §1.6, §5.1, §5.5" },
  FOOTER_ICP_MISSING: { severity: "error", field: "icpNumber", source: "fact-base §5.4 [R-33] [H-ERR]" },
  FOOTER_ICP_FORMAT: { severity: "error", field: "icpNumber", source: "fact-base §1.6, §5.1" },
  FOOTER_ICP_WRONG_PROVINCE: {
    severity: "error",
    field: "icpNumber",
    source: "fact-base §1.6, §5.1 [H-ERR]",
  },
  FOOTER_ICP_WRONG_NUMBER: { severity: "error", field: "icpNumber", source: "fact-base §5.4 [H-ERR]" },
  FOOTER_ICP_NOT_WEBSITE: { severity: "error", field: "icpNumber", source: "fact-base §1.6 [H-APP]" },
  FOOTER_ICP_SUFFIX_SHOWN: {
    severity: "warning",
    field: "icpNumber",
    source: "fact-base §5.4 [H-AFTER] [J-GD]",
  },
  FOOTER_ICP_SUFFIX_MISSING: { severity: "warning", field: "icpNumber", source: "fact-base §5.4 [H-AFTER]" },
  FOOTER_ICP_HIDDEN: { severity: "error", field: "visible", source: "fact-base §5.4 [R-33]" },
  FOOTER_ICP_NOT_LINKED: { severity: "error", field: "icpLinked", source: "fact-base §5.4 [R-33] [H-ERR]" },
  FOOTER_ICP_PARTLY_LINKED: { severity: "warning", field: "icpLinked", source: "fact-base §5.4 [R-33]" },
  FOOTER_ICP_LINK_OLD: { severity: "error", field: "linkTarget", source: "fact-base §5.4 [R-33] [T-NUM]" },
  FOOTER_ICP_LINK_WRONG: { severity: "error", field: "linkTarget", source: "fact-base §5.4 [R-33]" },
  FOOTER_PSB_MISSING: { severity: "error", field: "psbNumber", source: "fact-base §5.5, §8 [H-ERR]" },
  FOOTER_PSB_FORMAT: { severity: "error", field: "psbNumber", source: "fact-base §5.5, §5.1" },
  FOOTER_PSB_WRONG_NUMBER: { severity: "error", field: "psbNumber", source: "fact-base §5.5, §8" },
  FOOTER_PSB_HIDDEN: { severity: "error", field: "psbNumber", source: "fact-base §5.5, §8" },
  FOOTER_PSB_NOT_LINKED: { severity: "warning", field: "psbLinked", source: "fact-base §5.5 [T-PSB] ❓" },
  FOOTER_PSB_LINK_OLD: { severity: "warning", field: "psbLinked", source: "fact-base §5.5, §8" },
  FOOTER_PSB_LINK_WRONG: { severity: "warning", field: "psbLinked", source: "fact-base §5.5 [T-PSB] ❓" },
  FOOTER_PSB_LINK_CODE: { severity: "warning", field: "psbLinked", source: "fact-base §5.5 [T-PSB] ❓" },
  FOOTER_PSB_ICON_MISSING: { severity: "warning", field: "psbNumber", source: "fact-base §5.5 [T-PSB]" },
} as const satisfies Record<string, Pick<Problem, "severity" | "field" | "source">>;

export type FooterProblemCode = keyof typeof FOOTER_PROBLEMS;

export function footerProblem(
  code: FooterProblemCode,
  message: LocalizedText,
  options: { province?: string | null; source?: string } = {},
): Problem {
  const { severity, field, source } = FOOTER_PROBLEMS[code];
  const problem: Problem = { ruleId: code, severity, field, message, source: options.source ?? source };
  if (options.province) problem.province = options.province;
  return problem;
}

/** Where a hidden number is, for the messages. */
export const HIDDEN_WHERE: Record<HiddenReason, LocalizedText> = {
  comment: { zh: "在HTML注释（<!-- -->）里", en: "inside an HTML comment (<!-- -->)" },
  script: {
    zh: "只出现在<script>脚本代码里（本检查不执行脚本，请直接写在HTML中）",
    en: "only inside a <script> (this check runs no scripts; put it in the HTML itself)",
  },
  style: { zh: "在<style>样式代码里", en: "inside a <style> element" },
  template: { zh: "在<template>里（模板内容不显示）", en: "inside a <template>, which is not rendered" },
  noscript: {
    zh: "在<noscript>里（浏览器启用脚本时不显示）",
    en: "inside <noscript>, which browsers with scripts enabled do not show",
  },
  title: { zh: "只出现在页面标题<title>里", en: "only in the page <title>" },
  not_rendered: {
    zh: "在<iframe>/<noembed>/<noframes>的备用内容里（不显示）",
    en: "inside the fallback content of <iframe>/<noembed>/<noframes>, which is not shown",
  },
  hidden_attribute: { zh: "所在元素带有hidden属性", en: "in an element with the hidden attribute" },
  display_none: { zh: "所在元素设置了display:none", en: "in an element styled display:none" },
  visibility_hidden: { zh: "所在元素设置了visibility:hidden", en: "in an element styled visibility:hidden" },
  font_size_zero: { zh: "所在元素字号为0（font-size:0）", en: "in an element with font-size:0" },
};
