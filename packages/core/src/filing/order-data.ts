import { Type, type Static, type TSchema } from "@sinclair/typebox";

/**
 * The data of a filing order as the applicant fills it. Every field is optional
 * while the order is a draft; completeness is checked on submit (submit-check.ts).
 * Unknown fields are refused everywhere (additionalProperties: false).
 */
const str = (maxLength: number) => Type.String({ maxLength });
const opt = <T extends TSchema>(schema: T) => Type.Optional(schema);
const closed = { additionalProperties: false } as const;

export const PERSONAL_CERTIFICATE_TYPES = ["resident_id"] as const;

export const PersonSchema = Type.Object(
  {
    name: opt(str(64)),
    certificateType: opt(Type.Union(PERSONAL_CERTIFICATE_TYPES.map((value) => Type.Literal(value)))),
    certificateNumber: opt(str(32)),
    /** YYYY-MM-DD */
    certificateValidFrom: opt(Type.String({ format: "date" })),
    /** YYYY-MM-DD, or absent with certificateLongTerm for 长期 */
    certificateValidTo: opt(Type.String({ format: "date" })),
    certificateLongTerm: opt(Type.Boolean()),
    mobile: opt(str(20)),
    emergencyPhone: opt(str(20)),
    email: opt(str(254)),
  },
  closed,
);

export const SubjectSchema = Type.Object(
  {
    type: opt(Type.Literal("personal")),
    name: opt(str(64)),
    certificateType: opt(Type.Union(PERSONAL_CERTIFICATE_TYPES.map((value) => Type.Literal(value)))),
    certificateNumber: opt(str(32)),
    /** 6-digit GB/T 2260 division code of the filing location, e.g. "330106". */
    divisionCode: opt(Type.String({ pattern: "^\\d{6}$" })),
    address: opt(str(200)),
    head: opt(PersonSchema),
  },
  closed,
);

export const SERVICE_CONTENT_PERSONAL = ["blog", "other"] as const;

export const WebsiteSchema = Type.Object(
  {
    name: opt(str(64)),
    domain: opt(str(253)),
    homeUrl: opt(str(300)),
    serviceContent: opt(Type.Union(SERVICE_CONTENT_PERSONAL.map((value) => Type.Literal(value)))),
    languages: opt(Type.Array(str(16), { maxItems: 20 })),
    remark: opt(str(500)),
    head: opt(PersonSchema),
    serviceCode: opt(str(32)),
  },
  closed,
);

export const OrderDataSchema = Type.Object(
  {
    subject: opt(SubjectSchema),
    websites: opt(Type.Array(WebsiteSchema, { maxItems: 10 })),
  },
  closed,
);

export type Person = Static<typeof PersonSchema>;
export type Subject = Static<typeof SubjectSchema>;
export type Website = Static<typeof WebsiteSchema>;
export type OrderData = Static<typeof OrderDataSchema>;

/** Paths of the personal data that is encrypted at rest and masked in lists and logs. */
export const SENSITIVE_PERSON_FIELDS = ["certificateNumber", "mobile", "emergencyPhone"] as const;

/** Reads a value at a dotted path such as "websites.0.head.mobile". */
export function valueAtPath(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * Lists the dotted paths of every leaf that differs between two versions of the
 * data: what an edit touched, and what a reviewer's diff shows.
 */
export function changedPaths(before: unknown, after: unknown, prefix = ""): string[] {
  const bothContainers =
    (isPlainContainer(before) || before === undefined) &&
    (isPlainContainer(after) || after === undefined) &&
    (before !== undefined || after !== undefined);
  if (bothContainers) {
    const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
    // An empty container added or removed has no leaves, but it is still a change.
    if (keys.size === 0 && (before === undefined) !== (after === undefined)) return [prefix];
    return [...keys].flatMap((key) =>
      changedPaths(
        (before as Record<string, unknown> | undefined)?.[key],
        (after as Record<string, unknown> | undefined)?.[key],
        prefix ? `${prefix}.${key}` : key,
      ),
    );
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [prefix];
}

function isPlainContainer(value: unknown): value is object {
  return value !== null && typeof value === "object";
}

/** True when `path` equals `allowed` or lies beneath it. */
export function isPathWithin(path: string, allowed: string): boolean {
  return path === allowed || path.startsWith(`${allowed}.`);
}
