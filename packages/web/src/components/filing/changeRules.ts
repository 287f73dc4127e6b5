/**
 * Core's change rules (what MIIT receives a change as). They match websites by domain with
 * the domain validator, which brings the public-suffix list: only ever imported dynamically
 * (changeDiff.ts), so the list loads with a change order and not before.
 */
export { changeScope, regulatorChangeType } from "@openbeian/core";
