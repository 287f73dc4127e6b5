import { Type, type Static, type TSchema } from "@sinclair/typebox";

/**
 * The data of a filing order as the applicant fills it. Every field is optional
 * while the order is a draft; completeness is checked on submit (submit-check.ts).
 * Unknown fields are refused everywhere (additionalProperties: false).
 */
const str = (maxLength: number) => Type.String({ maxLength });
const opt = <T extends TSchema>(schema: T) => Type.Optional(schema);
const closed = { additionalProperties: false } as const;

/**
 * Certificate types (fact base §3.1). Personal: 居民身份证, 临时居民身份证 (refused
 * where the province says so), 港澳居民来往内地通行证, 台湾居民来往大陆通行证, 护照,
 * 外国人永久居留身份证, 港澳台居民居住证. Organisations: the unified social credit
 * code certificate (营业执照 for companies, 事业单位法人证书, 社会团体法人登记证书 …).
 */
export const PERSONAL_CERTIFICATE_TYPES = [
  "resident_id",
  "temporary_resident_id",
  "hk_macao_permit",
  "taiwan_permit",
  "passport",
  "foreign_permanent_resident",
  "hmt_residence_permit",
] as const;
export const ORGANIZATION_CERTIFICATE_TYPES = [
  "business_licence",
  "public_institution",
  "social_organization",
] as const;
export const SUBJECT_TYPES = ["personal", "organization"] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

const literals = <T extends readonly string[]>(values: T) =>
  Type.Union(values.map((value) => Type.Literal(value)));

export const PersonSchema = Type.Object(
  {
    name: opt(str(64)),
    certificateType: opt(literals(PERSONAL_CERTIFICATE_TYPES)),
    certificateNumber: opt(str(32)),
    /** YYYY-MM-DD */
    certificateValidFrom: opt(Type.String({ format: "date" })),
    /** YYYY-MM-DD, or absent with certificateLongTerm for 长期 */
    certificateValidTo: opt(Type.String({ format: "date" })),
    certificateLongTerm: opt(Type.Boolean()),
    mobile: opt(str(20)),
    emergencyPhone: opt(str(20)),
    /** 办公电话: required for organisations in some provinces (Jiangsu). */
    officePhone: opt(str(20)),
    email: opt(str(254)),
  },
  closed,
);

/** The legal representative of an organisation, when the subject head is someone else. */
export const LegalRepresentativeSchema = Type.Object(
  { name: opt(str(64)), certificateNumber: opt(str(32)) },
  closed,
);

export const SubjectSchema = Type.Object(
  {
    type: opt(literals(SUBJECT_TYPES)),
    name: opt(str(64)),
    certificateType: opt(
      literals([...PERSONAL_CERTIFICATE_TYPES, ...ORGANIZATION_CERTIFICATE_TYPES] as const),
    ),
    certificateNumber: opt(str(32)),
    /** 6-digit GB/T 2260 division code of the filing location, e.g. "330106". */
    divisionCode: opt(Type.String({ pattern: "^\\d{6}$" })),
    address: opt(str(200)),
    head: opt(PersonSchema),
    legalRepresentative: opt(LegalRepresentativeSchema),
    /** 成立日期: when an organisation was registered (YYYY-MM-DD); a very new one is a review risk signal. */
    registeredOn: opt(Type.String({ format: "date" })),
    /** A personal subject filing outside the province of their ID card holds a residence permit there. */
    residencePermit: opt(Type.Boolean()),
    remark: opt(str(500)),
  },
  closed,
);

/** 网站服务内容 (fact base §3.3): personal filings may only use the first two. */
export const SERVICE_CONTENT_PERSONAL = ["blog", "other"] as const;
export const SERVICE_CONTENT_TYPES = [...SERVICE_CONTENT_PERSONAL, "enterprise_portal", "portal"] as const;

/** 前置审批项: an industry that needs an approval, with the approval's number. */
export const PreApprovalSchema = Type.Object({ industry: str(32), approvalNumber: opt(str(64)) }, closed);

export const WebsiteSchema = Type.Object(
  {
    name: opt(str(64)),
    domain: opt(str(253)),
    homeUrl: opt(str(300)),
    serviceContent: opt(literals(SERVICE_CONTENT_TYPES)),
    preApprovals: opt(Type.Array(PreApprovalSchema, { maxItems: 20 })),
    languages: opt(Type.Array(str(16), { maxItems: 20 })),
    remark: opt(str(500)),
    head: opt(PersonSchema),
    serviceCode: opt(str(32)),
  },
  closed,
);

/** APP备案 platforms (fact base §1.5): each names the app the way its store knows it. */
export const APP_PLATFORMS = ["android", "ios", "harmony"] as const;

/**
 * An app's filing data (fact base §1.5): the name (the same on every platform), per
 * platform the identifiers MIIT checks (Android package name, public key and
 * signature MD5; iOS bundle ID and certificate SHA-1; HarmonyOS bundle name and
 * key MD5), the domains or IPs the app uses, service content, and its head.
 */
export const AppSchema = Type.Object(
  {
    name: opt(str(64)),
    platforms: opt(Type.Array(literals(APP_PLATFORMS), { maxItems: 3 })),
    android: opt(
      Type.Object(
        { packageName: opt(str(255)), publicKey: opt(str(4096)), signatureMd5: opt(str(64)) },
        closed,
      ),
    ),
    ios: opt(Type.Object({ bundleId: opt(str(255)), certificateSha1: opt(str(80)) }, closed)),
    harmony: opt(
      Type.Object(
        { bundleName: opt(str(255)), publicKey: opt(str(4096)), signatureMd5: opt(str(64)) },
        closed,
      ),
    ),
    /** Domains or IP addresses the app connects to, "at the level you use" (up to 4th-level domains). */
    domains: opt(Type.Array(str(253), { maxItems: 20 })),
    serviceContent: opt(str(200)),
    preApprovals: opt(Type.Array(PreApprovalSchema, { maxItems: 20 })),
    remark: opt(str(500)),
    head: opt(PersonSchema),
  },
  closed,
);

export const OrderDataSchema = Type.Object(
  {
    subject: opt(SubjectSchema),
    websites: opt(Type.Array(WebsiteSchema, { maxItems: 10 })),
    /** APP备案: the app (the subject as filed; no websites). */
    app: opt(AppSchema),
  },
  closed,
);

export type Person = Static<typeof PersonSchema>;
export type Subject = Static<typeof SubjectSchema>;
export type Website = Static<typeof WebsiteSchema>;
export type PreApproval = Static<typeof PreApprovalSchema>;
export type OrderData = Static<typeof OrderDataSchema>;
export type AppData = Static<typeof AppSchema>;

/** Paths of the personal data that is encrypted at rest and masked in lists and logs. */
export const SENSITIVE_PERSON_FIELDS = [
  "certificateNumber",
  "mobile",
  "emergencyPhone",
  "officePhone",
] as const;

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
