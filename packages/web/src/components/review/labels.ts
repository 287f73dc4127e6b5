import {
  EVENT_LABELS,
  ORDER_KINDS,
  ORDER_KIND_RULES,
  ORDER_TYPE_LABELS,
  PROVINCES,
  isOrderKind,
  type OrderEventType,
  type OrderKind,
  type OrderType,
} from "@openbeian/core";
import type { TFunction } from "i18next";
import type { LocalizedText } from "../../types";

/** 浙江 / Zhejiang for "33"; the code itself when it is not a province. */
export function provinceName(code: string | null | undefined, lang: "zh" | "en"): string {
  if (!code) return "—";
  const province = PROVINCES.find((item) => item.code === code.slice(0, 2));
  return province ? province[lang] : code;
}

export const provinceOptions = (lang: "zh" | "en") =>
  PROVINCES.map((province) => ({ value: province.code, label: province[lang] }));

/** The queue's 订单类型 filter: the kinds of order (what the review API filters on), not the record-based types. */
export const ORDER_TYPES: readonly OrderKind[] = ORDER_KINDS;

/** An order's kind (变更备案, 注销网站 …: core ORDER_KIND_RULES), or a type the records call for. */
export function orderTypeLabel(type: string, lang: "zh" | "en"): string {
  if (isOrderKind(type)) return ORDER_KIND_RULES[type].label[lang];
  return ORDER_TYPE_LABELS[type as OrderType]?.[lang] ?? type;
}

/**
 * What an audit action means: the filing events carry their labels in core;
 * the other actions (claims, calls, uploads, staff changes) are named in the locales.
 */
export function actionLabel(action: string, t: TFunction, pick: (text: LocalizedText) => string): string {
  const event = EVENT_LABELS[action as OrderEventType] as LocalizedText | undefined;
  if (event) return pick(event);
  return t(`audit.actions.${action.replace(/\./g, "_")}`, { defaultValue: action });
}

/** The value at a dotted path such as "websites.0.head.mobile". */
export function valueAt(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
