import type { OrderKind } from "../../types";
import { LAST_STEP, STEP_KEYS } from "./steps";

/**
 * How the wizard differs by order kind. A first filing goes through every step. An added
 * website starts from the filed subject, which it may not change; it needs documents and the
 * face check like a first filing. A change starts from the whole filing: no documents, no
 * face check (core's pre-check asks none), and what MIIT fixes cannot be edited. 新增接入 and
 * 认领备案 start from MIIT's record of one domain, which they cannot swap for another; a claim
 * keeps the subject's name as MIIT has it and the access it was filed with (no service code).
 * An app (APP备案) is filed under the filed subject: no 基础信息校验 (nothing to choose there),
 * the app's data in the website step's place.
 */
const ALL_STEPS = STEP_KEYS.map((_key, index) => index);
const CHANGE_STEPS = [0, 1, 2, LAST_STEP];
const APP_STEPS = ALL_STEPS.filter((index) => index !== 0);

/** The steps (indexes into STEP_KEYS) an order of this kind goes through. */
export function stepsOf(kind: OrderKind): number[] {
  if (kind === "change") return CHANGE_STEPS;
  if (kind === "app") return APP_STEPS;
  return ALL_STEPS;
}

/** The kind's own step nearest to `step`: itself, or the next one it has (else the last). */
export function nearestStep(kind: OrderKind, step: number): number {
  return stepsOf(kind).find((candidate) => candidate >= step) ?? LAST_STEP;
}

/** The locale key of a step's title: an app's third step is the app's, not a website's. */
export const stepTitleKey = (kind: OrderKind, index: number) =>
  kind === "app" && STEP_KEYS[index] === "website" ? "wizard.steps.app" : `wizard.steps.${STEP_KEYS[index]}`;

/** A change may not touch these (core change rules: change.certificate, change.subject_type). */
const CHANGE_FIXED = new Set(["subject.type", "subject.certificateNumber"]);

const isSubjectPath = (path: string) => path === "subject" || path.startsWith("subject.");

/**
 * Fields the kind fixes: an added website's or an app's whole subject (the filed one); a
 * change's subject type, certificate number and domains (change.domain_added); the domain
 * MIIT's record was read for (新增接入, 认领), and for a claim the subject's name as MIIT has
 * it (the claim is refused on approval otherwise). The province is fixed too (change.province)
 * while the division code may move within it: see `provinceFixed`.
 */
export function lockedByKind(kind: OrderKind, path: string): boolean {
  if (kind === "add_website" || kind === "app") return isSubjectPath(path);
  if (kind === "change") return CHANGE_FIXED.has(path) || /^websites\.\d+\.domain$/.test(path);
  if (kind === "add_access") return path === "websites.0.domain";
  if (kind === "claim") return path === "websites.0.domain" || path === "subject.name";
  return false;
}

export const provinceFixed = (kind: OrderKind) =>
  kind === "change" || kind === "add_website" || kind === "app";

/**
 * Kinds whose type the records decide (core determineOrderType): the wizard goes past step 1
 * only when they call for the order's own kind. A change and an app name their filing themselves.
 */
export const decidesType = (kind: OrderKind) =>
  kind === "first_filing" || kind === "add_website" || kind === "add_access" || kind === "claim";

/** Kinds whose domain is given when the order starts (MIIT's record was read for it). */
export const domainFixed = (kind: OrderKind) => kind === "add_access" || kind === "claim";

/** A claim keeps the access it was filed with: no service code is bound to it. */
export const usesServiceCode = (kind: OrderKind) => kind !== "claim";
