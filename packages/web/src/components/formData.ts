import dayjs from "dayjs";
import type { OrderData, OrderKind } from "../types";
import { fieldPaths } from "./fields";

type Json = Record<string, unknown>;
const DATE_FIELDS = new Set(["certificateValidFrom", "certificateValidTo"]);

/**
 * Order data → form values: dates become dayjs, one website is always present, except in an
 * app's order (APP备案), which has the app and no websites.
 */
export function toFormValues(data: OrderData, kind?: OrderKind): Json {
  const walk = (value: unknown, key = ""): unknown => {
    if (Array.isArray(value)) return value.map((item) => walk(item));
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    }
    if (DATE_FIELDS.has(key) && typeof value === "string") return dayjs(value);
    return value;
  };
  const values = walk(data) as Json & OrderData;
  // Personal filings use the resident ID card; preselect it (the applicant may still see and change it).
  const person = (head: Json | undefined) => ({ certificateType: "resident_id", ...head });
  const subject = {
    type: "personal",
    certificateType: "resident_id",
    ...values.subject,
    head: person(values.subject?.head),
  };
  if (kind === "app" || values.app) {
    const app = (values.app ?? {}) as Json;
    return { ...values, subject, app: { ...app, head: person(app.head as Json | undefined) } };
  }
  const websites: Json[] = values.websites?.length ? values.websites : [{ languages: ["zh-CN"] }];
  return {
    ...values,
    subject,
    websites: websites.map((website) => ({ ...website, head: person(website.head as Json | undefined) })),
  };
}

/**
 * Form values → order data with exactly the schema's keys: strings trimmed,
 * dates as YYYY-MM-DD, and empty values (and an unticked 长期) left out.
 */
export function fromFormValues(values: Json): OrderData {
  const walk = (value: unknown, key = ""): unknown => {
    if (value === null || value === undefined) return undefined;
    if (dayjs.isDayjs(value)) return value.format("YYYY-MM-DD");
    if (typeof value === "string") return value.trim() === "" ? undefined : value.trim();
    if (typeof value === "boolean") return key === "certificateLongTerm" && !value ? undefined : value;
    if (Array.isArray(value)) {
      const items = value.map((item) => walk(item)).filter((item) => item !== undefined);
      return items.length > 0 || key === "websites" ? items : undefined;
    }
    if (typeof value === "object") {
      const entries = Object.entries(value)
        .map(([k, v]) => [k, walk(v, k)] as const)
        .filter(([, v]) => v !== undefined);
      return entries.length > 0 ? Object.fromEntries(entries) : undefined;
    }
    return value;
  };
  return (walk(values) as OrderData | undefined) ?? {};
}

function valueAt(data: unknown, path: string): unknown {
  let current = data;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Json)[key];
  }
  return current;
}

function setAt(data: Json, path: string, value: unknown) {
  const keys = path.split(".");
  let current: Json = data;
  for (const [index, key] of keys.entries()) {
    if (index === keys.length - 1) {
      if (value === undefined) delete current[key];
      else current[key] = value;
      return;
    }
    if (current[key] === undefined || current[key] === null) {
      if (value === undefined) return;
      current[key] = /^\d+$/.test(keys[index + 1] ?? "") ? [] : {};
    }
    current = current[key] as Json;
  }
}

/**
 * For a returned order: the original data with only the editable paths taken
 * from the form, so nothing locked changes by accident.
 */
export function mergeEditable(original: OrderData, edited: OrderData, editable: (path: string) => boolean) {
  const next = structuredClone(original) as Json;
  for (const path of fieldPaths(edited.websites?.length ? edited : original)) {
    if (editable(path)) setAt(next, path, valueAt(edited, path));
  }
  return next as OrderData;
}
