import type { OrderKind } from "../../types";
import { LAST_STEP, STEP_KEYS } from "./steps";

/**
 * How the wizard differs by order kind. A first filing goes through every step. An added
 * website starts from the filed subject, which it may not change; it needs documents and the
 * face check like a first filing. A change starts from the whole filing: no documents, no
 * face check (core's pre-check asks none), and what MIIT fixes cannot be edited.
 */
const ALL_STEPS = STEP_KEYS.map((_key, index) => index);
const CHANGE_STEPS = [0, 1, 2, LAST_STEP];

/** The steps (indexes into STEP_KEYS) an order of this kind goes through. */
export function stepsOf(kind: OrderKind): number[] {
  return kind === "change" ? CHANGE_STEPS : ALL_STEPS;
}

/** The kind's own step nearest to `step`: itself, or the next one it has (else the last). */
export function nearestStep(kind: OrderKind, step: number): number {
  return stepsOf(kind).find((candidate) => candidate >= step) ?? LAST_STEP;
}

/** A change may not touch these (core change rules: change.certificate, change.subject_type). */
const CHANGE_FIXED = new Set(["subject.type", "subject.certificateNumber"]);

/**
 * Fields the kind fixes: an added website's whole subject (add_website.subject_changed); a
 * change's subject type, certificate number and domains (change.domain_added). The province
 * is fixed too (change.province) while the division code may move within it: see
 * `provinceFixed`.
 */
export function lockedByKind(kind: OrderKind, path: string): boolean {
  if (kind === "add_website") return path === "subject" || path.startsWith("subject.");
  if (kind === "change") return CHANGE_FIXED.has(path) || /^websites\.\d+\.domain$/.test(path);
  return false;
}

export const provinceFixed = (kind: OrderKind) => kind === "change" || kind === "add_website";

/** Kinds whose type the records decide (core determineOrderType); a change names its filing itself. */
export const decidesType = (kind: OrderKind) => kind === "first_filing" || kind === "add_website";
