import { readFileSync } from "node:fs";
import {
  FormatRegistry,
  Type,
  type Static,
  type TLiteral,
  type TSchema,
  type TUnion,
} from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import {
  OrderDataSchema,
  chinaStartOfDay,
  emptyRecords,
  isCalendarDate,
  normalizeDomain,
  precheck,
  systemClock,
  type PrecheckContext,
  type Problem,
} from "@openbeian/core";
import { describeProblem } from "./check-command.ts";
import { parseCommandArgs, parseOrExit, UsageError } from "./usage.ts";

/**
 * `beian precheck <order.json>`: the pre-check engine on an order file, without a
 * database. The file is `{"order": <OrderData>, "context"?: {...}}`; the context gives
 * what the server would otherwise load (domains, service codes, records, materials).
 * Exit codes: 0 no error, 1 at least one error, 2 usage error or unusable file.
 */
export const PRECHECK_USAGE = `beian precheck <order.json> [--json]

The file: {"order": <order data>, "context"?: {"today", "domains", "serviceCodes",
"records", "materials"}} — see docs/precheck-order-example.json.

Options:
  --json   print one line of JSON: {"problems": [...]}

Exit codes: 0 no error (warnings allowed), 1 at least one error, 2 usage error,
unreadable file, invalid JSON or a file that does not match the schema.`;

/** "YYYY-MM-DD" (a China date) or an ISO date-time; without an offset the time is China time. */
const INSTANT = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/;
const INSTANT_FORMAT = "beian-instant";

export function parseInstant(text: string): Date | null {
  const match = INSTANT.exec(text.trim());
  if (!match) return null;
  const [, date = "", time, zone] = match;
  if (!isCalendarDate(date)) return null;
  if (time === undefined) return chinaStartOfDay(date);
  const instant = new Date(`${date}T${time}${zone ?? "+08:00"}`);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

function registerFormats(): void {
  // OrderDataSchema uses format "date"; TypeBox knows no formats until they are registered.
  if (!FormatRegistry.Has("date")) FormatRegistry.Set("date", (value) => isCalendarDate(value));
  if (!FormatRegistry.Has(INSTANT_FORMAT))
    FormatRegistry.Set(INSTANT_FORMAT, (value) => parseInstant(value) !== null);
}

const closed = { additionalProperties: false } as const;
const opt = <T extends TSchema>(schema: T) => Type.Optional(schema);
const Instant = Type.String({ format: INSTANT_FORMAT });
const literals = <T extends readonly string[]>(values: T) =>
  Type.Union(values.map((value) => Type.Literal(value))) as unknown as TUnion<TLiteral<T[number]>[]>;

const ContextFileSchema = Type.Object(
  {
    today: opt(Instant),
    domains: opt(
      Type.Array(
        Type.Object(
          {
            name: Type.String({ minLength: 1 }),
            holderName: Type.String(),
            holderCertificateNumber: opt(Type.String()),
            /** Absent or null: not real-name verified. */
            realNameVerifiedAt: opt(Type.Union([Instant, Type.Null()])),
            expiresAt: Instant,
          },
          closed,
        ),
      ),
    ),
    serviceCodes: opt(
      Type.Array(
        Type.Object(
          {
            code: Type.String({ minLength: 1 }),
            state: literals(["unused", "bound", "in_filing", "used", "void", "taken"] as const),
            granted: opt(Type.Boolean()),
            serverId: Type.String({ minLength: 1 }),
            server: Type.Object(
              {
                region: Type.String(),
                billingType: literals(["subscription", "pay_as_you_go"] as const),
                paidFrom: Instant,
                paidUntil: Instant,
                autoRenew: Type.Boolean(),
                publicIp: Type.Union([Type.String(), Type.Null()]),
              },
              closed,
            ),
          },
          closed,
        ),
      ),
    ),
    records: opt(
      Type.Object(
        {
          subject: opt(
            Type.Union([literals(["this_account", "other_account", "other_provider"] as const), Type.Null()]),
          ),
          domains: opt(
            Type.Record(
              Type.String(),
              Type.Union([literals(["this_provider", "other_provider"] as const), Type.Null()]),
            ),
          ),
          mobilesOfOtherSubjects: opt(Type.Array(Type.String())),
          existingSiteCount: opt(Type.Integer({ minimum: 0 })),
        },
        closed,
      ),
    ),
    materials: opt(Type.Array(Type.String())),
  },
  closed,
);

export const PrecheckFileSchema = Type.Object(
  { order: OrderDataSchema, context: opt(ContextFileSchema) },
  closed,
);
export type PrecheckFile = Static<typeof PrecheckFileSchema>;
type ContextFile = Static<typeof ContextFileSchema>;

/** Runs the command; `args` are the arguments after "precheck". Returns the exit code. */
export function runPrecheckCommand(args: string[]): number {
  const parsed = parseOrExit("precheck", PRECHECK_USAGE, () => {
    const { positionals, values } = parseCommandArgs(args, { json: { type: "boolean" } });
    if (positionals.length === 0) throw new UsageError("missing <order.json>");
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    return { file: positionals[0] ?? "", json: values.json === true };
  });
  if (!parsed.ok) return parsed.exitCode;
  const { file, json } = parsed.request;

  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    console.error(
      `beian precheck: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 2;
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    console.error(
      `beian precheck: ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 2;
  }
  registerFormats();
  if (!Value.Check(PrecheckFileSchema, input)) {
    console.error(`beian precheck: ${file} does not match the order file schema:`);
    for (const line of schemaErrors(input)) console.error(`  ${line}`);
    console.error(
      "The format is described in README.md; docs/precheck-order-example.json is a complete file.",
    );
    return 2;
  }

  const problems = precheck(input.order, toContext(input.context));
  if (json) console.log(JSON.stringify({ problems }));
  else console.log(describePrecheck(problems));
  return problems.some((problem) => problem.severity === "error") ? 1 : 0;
}

/** "<path>: <message>" per schema error, each once, at most 50. */
function schemaErrors(input: unknown): string[] {
  const lines = new Set<string>();
  for (const error of Value.Errors(PrecheckFileSchema, input)) {
    lines.add(
      `${error.path || "/"}: ${error.value === undefined ? error.message : explain(error.schema, error.message)}`,
    );
    if (lines.size >= 50) break;
  }
  return [...lines];
}

/** TypeBox's message, with the allowed values of a literal union and our date formats spelled out. */
function explain(schema: TSchema, message: string): string {
  const options = (schema.anyOf as TSchema[] | undefined)?.map((option) => option.const);
  if (options && options.length > 0 && options.every((value) => typeof value === "string")) {
    return `Expected one of ${options.map((value) => JSON.stringify(value)).join(", ")}`;
  }
  if (schema.format === INSTANT_FORMAT) return "Expected YYYY-MM-DD or an ISO 8601 date-time";
  if (schema.format === "date") return "Expected a real date written YYYY-MM-DD";
  return message;
}

/** The engine's context from the file's: dates become Dates, domain names ASCII. */
export function toContext(file: ContextFile | undefined): PrecheckContext {
  const instant = (text: string) => parseInstant(text) ?? new Date(Number.NaN);
  const domainName = (name: string) => normalizeDomain(name) ?? name.trim().toLowerCase();
  const records = { ...emptyRecords(), ...file?.records };
  const context: PrecheckContext = {
    today: file?.today === undefined ? systemClock.now() : instant(file.today),
    orderType: "first_filing",
    domains: (file?.domains ?? []).map((domain) => ({
      name: domainName(domain.name),
      holderName: domain.holderName,
      ...(domain.holderCertificateNumber === undefined
        ? {}
        : { holderCertificateNumber: domain.holderCertificateNumber }),
      realNameVerifiedAt: domain.realNameVerifiedAt ? instant(domain.realNameVerifiedAt) : null,
      expiresAt: instant(domain.expiresAt),
    })),
    serviceCodes: (file?.serviceCodes ?? []).map((code) => ({
      ...code,
      server: {
        ...code.server,
        paidFrom: instant(code.server.paidFrom),
        paidUntil: instant(code.server.paidUntil),
      },
    })),
    records: {
      subject: records.subject ?? null,
      domains: Object.fromEntries(
        Object.entries(records.domains ?? {}).map(([name, record]) => [domainName(name), record ?? null]),
      ),
      mobilesOfOtherSubjects: records.mobilesOfOtherSubjects ?? [],
      existingSiteCount: records.existingSiteCount ?? 0,
    },
  };
  if (file?.materials) context.materials = file.materials;
  return context;
}

export function describePrecheck(problems: Problem[]): string {
  const errors = problems.filter((problem) => problem.severity === "error").length;
  const warnings = problems.length - errors;
  if (problems.length === 0) return "✓ 未发现问题 / no problems found";
  const lines = [`${errors} 个错误，${warnings} 个警告 / ${errors} error(s), ${warnings} warning(s)`];
  for (const problem of problems) lines.push(describeProblem(problem, true));
  return lines.join("\n");
}
