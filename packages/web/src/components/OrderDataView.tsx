import { Descriptions, Typography, type DescriptionsProps } from "antd";
import type { ReactNode } from "react";
import { useLang } from "../i18n";
import type { OrderData, Person } from "../types";
import {
  APP_FIELDS,
  APP_PLATFORM_FIELDS,
  LEGAL_REP_FIELDS,
  SUBJECT_FIELDS,
  WEBSITE_FIELDS,
  isOrganisation,
  isPathWithin,
  personFields,
} from "./fields";

/** Fields holding codes that have a translated label under `value.*`. */
const ENUM_FIELDS = new Set(["type", "certificateType", "serviceContent", "languages", "platforms"]);

const LABEL_STYLES = { label: { width: 132, whiteSpace: "nowrap" as const } };

interface Props {
  data: OrderData;
  /** Paths to mark, e.g. returned fields or changes since the last submission. */
  highlight?: string[];
}

/** The order's data as read-only Descriptions, section by section. */
export function OrderDataView({ data, highlight = [] }: Props) {
  const { t } = useLang();
  const marked = (path: string) => highlight.some((field) => isPathWithin(path, field));

  const show = (value: unknown, field: string): ReactNode => {
    if (value === undefined || value === null || value === "") {
      return <Typography.Text type="secondary">—</Typography.Text>;
    }
    if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
    const values = Array.isArray(value) ? value.map(String) : [String(value)];
    return ENUM_FIELDS.has(field)
      ? values.map((item) => t(`value.${item}`, item)).join("、")
      : values.join("、");
  };

  const items = (
    record: Record<string, unknown> | undefined,
    fields: string[],
    at: string,
    group: string,
    // An app's service content is free text, not one of a website's codes.
    enums = true,
  ) =>
    fields.map((field) => {
      const path = `${at}.${field}`;
      return {
        key: path,
        label: t(`field.${group}.${field}`),
        children: (
          <span
            data-path={path}
            className={marked(path) ? "field-marked" : undefined}
            style={field === "publicKey" ? { wordBreak: "break-all" } : undefined}
          >
            {show(record?.[field], enums || field === "platforms" ? field : "")}
          </span>
        ),
      };
    });

  const organisation = isOrganisation(data);
  const person = (value: Person | undefined, at: string) =>
    items(value as Record<string, unknown> | undefined, personFields(organisation), at, "person");
  const subjectItems = [
    ...items(data.subject, SUBJECT_FIELDS, "subject", "subject"),
    ...(organisation
      ? items(data.subject?.legalRepresentative, LEGAL_REP_FIELDS, "subject.legalRepresentative", "legalRep")
      : []),
  ];

  const app = (data.app ?? {}) as Record<string, unknown>;
  const platforms = (data.app?.platforms ?? []).filter((platform) => APP_PLATFORM_FIELDS[platform]);

  return (
    <div className="order-data">
      <Section title={t("field.section.subject")} items={subjectItems} />
      <Section title={t("field.section.subjectHead")} items={person(data.subject?.head, "subject.head")} />
      {/* APP备案: the app, each chosen platform's identifiers, and the app's head. */}
      {data.app ? (
        <>
          <Section
            title={t("field.section.app")}
            items={[
              ...items(app, APP_FIELDS, "app", "app", false),
              ...platforms.flatMap((platform) =>
                items(
                  app[platform] as Record<string, unknown> | undefined,
                  APP_PLATFORM_FIELDS[platform] ?? [],
                  `app.${platform}`,
                  `app.${platform}`,
                  false,
                ),
              ),
            ]}
          />
          <Section title={t("field.section.appHead")} items={person(data.app.head, "app.head")} />
        </>
      ) : null}
      {(data.websites ?? []).map((website, index) => (
        <div key={index}>
          <Section
            title={t("field.section.website", { n: index + 1 })}
            items={items(website, WEBSITE_FIELDS, `websites.${index}`, "website")}
          />
          <Section
            title={t("field.section.websiteHead", { n: index + 1 })}
            items={person(website.head, `websites.${index}.head`)}
          />
        </div>
      ))}
    </div>
  );
}

/** One section of the order as bordered Descriptions, two columns from md up. */
function Section({ title, items }: { title: string; items: DescriptionsProps["items"] }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      styles={LABEL_STYLES}
      title={title}
      items={items}
      style={{ marginBottom: 16 }}
    />
  );
}
