import type { TFunction } from "i18next";
import type { OrderData } from "../types";

export const SUBJECT_FIELDS = [
  "type",
  "name",
  "certificateType",
  "certificateNumber",
  "divisionCode",
  "address",
];
export const PERSON_FIELDS = [
  "name",
  "certificateType",
  "certificateNumber",
  "certificateValidFrom",
  "certificateValidTo",
  "certificateLongTerm",
  "mobile",
  "emergencyPhone",
  "email",
];
/** Only organisations have these: the heads' office phone and the legal representative. */
export const ORGANISATION_PERSON_FIELDS = ["officePhone"];
export const LEGAL_REP_FIELDS = ["name", "certificateNumber"];

/** The fields of a head (负责人), with the office phone for an organisation. */
export const personFields = (organisation: boolean) =>
  organisation ? [...PERSON_FIELDS, ...ORGANISATION_PERSON_FIELDS] : PERSON_FIELDS;

export const isOrganisation = (data: OrderData) => data.subject?.type === "organization";

export const WEBSITE_FIELDS = [
  "name",
  "domain",
  "homeUrl",
  "serviceContent",
  "languages",
  "remark",
  "serviceCode",
];

/** An app's fields (APP备案, core AppSchema), with each platform's identifiers under its key. */
export const APP_FIELDS = ["name", "platforms", "domains", "serviceContent", "remark"];
export const APP_PLATFORM_FIELDS: Record<string, string[]> = {
  android: ["packageName", "publicKey", "signatureMd5"],
  ios: ["bundleId", "certificateSha1"],
  harmony: ["bundleName", "publicKey", "signatureMd5"],
};
export const APP_PLATFORMS = Object.keys(APP_PLATFORM_FIELDS);

/** The app's field paths: the common ones, then each chosen platform's (all of them when none is). */
function appPaths(data: OrderData): string[] {
  const chosen = data.app?.platforms?.length ? data.app.platforms : APP_PLATFORMS;
  return [
    ...APP_FIELDS.map((field) => `app.${field}`),
    ...chosen.flatMap((platform) =>
      (APP_PLATFORM_FIELDS[platform] ?? []).map((field) => `app.${platform}.${field}`),
    ),
  ];
}

/** True when `path` equals `allowed` or lies beneath it (as the server decides). */
export function isPathWithin(path: string, allowed: string): boolean {
  return path === allowed || path.startsWith(`${allowed}.`);
}

/** Every field path a reviewer can return for this order's data. */
export function fieldPaths(data: OrderData): string[] {
  const organisation = isOrganisation(data);
  const person = (at: string) => personFields(organisation).map((field) => `${at}.${field}`);
  const subject = [
    ...SUBJECT_FIELDS.map((field) => `subject.${field}`),
    ...(organisation ? LEGAL_REP_FIELDS.map((field) => `subject.legalRepresentative.${field}`) : []),
    ...person("subject.head"),
  ];
  // An app's order has the app where others have websites.
  if (data.app) return [...subject, ...appPaths(data), ...person("app.head")];
  const websites = data.websites?.length ? data.websites : [{}];
  return [
    ...subject,
    ...websites.flatMap((_website, index) => [
      ...WEBSITE_FIELDS.map((field) => `websites.${index}.${field}`),
      ...person(`websites.${index}.head`),
    ]),
  ];
}

/** A readable label for a path like "websites.0.head.mobile": 网站1负责人 · 手机号码. */
export function fieldLabel(path: string, t: TFunction): string {
  const parts = path.split(".");
  if (parts[0] === "materials" && parts[1]) {
    return `${t("materials.section")} · ${t(`materials.kind.${parts[1]}`, parts[1])}`;
  }
  if (parts[0] === "subject") {
    if (parts.length === 1) return t("field.section.subject");
    if (parts[1] === "head" && parts[2]) {
      return `${t("field.section.subjectHead")} · ${t(`field.person.${parts[2]}`)}`;
    }
    if (parts[1] === "legalRepresentative") {
      return `${t("field.section.subject")} · ${t(`field.legalRep.${parts[2] ?? "name"}`)}`;
    }
    if (parts[1]) return `${t("field.section.subject")} · ${t(`field.subject.${parts[1]}`)}`;
  }
  if (parts[0] === "app") {
    if (parts.length === 1) return t("field.section.app");
    if (parts[1] === "head") {
      return `${t("field.section.appHead")}${parts[2] ? ` · ${t(`field.person.${parts[2]}`)}` : ""}`;
    }
    if (parts[1] && APP_PLATFORM_FIELDS[parts[1]] && parts[2]) {
      return `${t("field.section.app")} · ${t(`field.app.${parts[1]}.${parts[2]}`)}`;
    }
    if (parts[1] === "domains" && parts[2]) {
      return `${t("field.section.app")} · ${t("field.app.domains")} ${Number(parts[2]) + 1}`;
    }
    if (parts[1]) return `${t("field.section.app")} · ${t(`field.app.${parts[1]}`)}`;
  }
  if (parts[0] === "websites") {
    if (parts.length === 1) return t("field.websites");
    const n = Number(parts[1]) + 1;
    if (parts[2] === "head" && parts[3]) {
      return `${t("field.section.websiteHead", { n })} · ${t(`field.person.${parts[3]}`)}`;
    }
    if (parts[2]) return `${t("field.section.website", { n })} · ${t(`field.website.${parts[2]}`)}`;
  }
  return path;
}
