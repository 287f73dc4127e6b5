import fc from "fast-check";

/**
 * Hostile request parts generated from a route's own JSON schema (what TypeBox
 * registers with Fastify), so a fuzzer follows the routes as they are: a value
 * that fits the schema is generated, then one thing about it is made wrong
 * (a type, an unknown field, a string of control characters or of 100 KB, a
 * number JSON cannot hold, 10,000 levels of nesting, a prototype key), or the
 * text itself is broken, or it is sent under the wrong content type.
 */
export type JsonSchema = { [keyword: string]: any };

export interface HostileBody {
  /** What kind of attack this is, for the failure message. */
  label: string;
  /** null: no content-type header at all. */
  contentType: string | null;
  payload: string | Buffer;
}

/** Fastify's body limit (app.ts): anything longer must be refused before it is parsed. */
export const BODY_LIMIT = 1024 * 1024;

/** A value the schema accepts (or nearly: patterns and formats are followed where fast-check can). */
export function validValue(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  if (!schema || typeof schema !== "object") return fc.jsonValue({ maxDepth: 2 });
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.anyOf))
    return fc.oneof(...schema.anyOf.map((branch: JsonSchema) => validValue(branch)));
  if (Array.isArray(schema.allOf)) return validValue(schema.allOf[0]);
  if (Array.isArray(schema.type)) {
    return fc.oneof(...schema.type.map((type: string) => validValue({ ...schema, type })));
  }
  switch (schema.type) {
    case "object":
      return validObject(schema);
    case "array": {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 3, 3));
      return fc.array(validValue(schema.items), { minLength, maxLength });
    }
    case "string":
      return validString(schema);
    case "integer":
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case "number":
      return fc.double({
        min: schema.minimum ?? -1e9,
        max: schema.maximum ?? 1e9,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function validObject(schema: JsonSchema): fc.Arbitrary<unknown> {
  const properties: Record<string, JsonSchema> = schema.properties ?? {};
  const record = fc.record(
    Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, validValue(value)])),
    { requiredKeys: schema.required ?? [] },
  );
  const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, JsonSchema>);
  if (patterns.length === 0) return record;
  const [pattern, valueSchema] = patterns[0]!;
  const extra = fc.dictionary(matching(pattern, 1, 20), validValue(valueSchema), { maxKeys: 3 });
  return fc.tuple(record, extra).map(([fixed, more]) => ({ ...more, ...(fixed as object) }));
}

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength: number = schema.minLength ?? 0;
  const maxLength: number = Math.max(minLength, Math.min(schema.maxLength ?? 40, 40));
  const dates = fc.date({ min: new Date("2000-01-01"), max: new Date("2040-01-01"), noInvalidDate: true });
  switch (schema.format) {
    case "date-time":
      return dates.map((date) => date.toISOString());
    case "date":
      return dates.map((date) => date.toISOString().slice(0, 10));
    case "email":
      return fc.emailAddress().map((email) => email.slice(-(schema.maxLength ?? 254)));
  }
  if (typeof schema.pattern === "string") return matching(schema.pattern, minLength, maxLength);
  return fc.string({ minLength, maxLength, unit: "grapheme" });
}

/** Strings that match a pattern, cut to the length bounds (a bound broken now and then is fine here). */
function matching(pattern: string, minLength: number, maxLength: number): fc.Arbitrary<string> {
  try {
    return fc
      .stringMatching(new RegExp(pattern))
      .map((text) => text.slice(0, Math.max(maxLength, minLength)));
  } catch {
    return fc.string({ minLength, maxLength });
  }
}

// ---------------------------------------------------------------------------------------------
// Hostile strings

/** Pieces that break naive handling: controls, NUL, lone surrogates, bidi overrides, mixed scripts. */
const PIECES = [
  "\u0000",
  "\u0001",
  "\u0007",
  "\u001b[31m",
  "\u007f",
  "\u0085",
  "\u009f",
  "\r\n",
  "\t",
  "\ud800",
  "\udfff",
  "\udc00\ud800",
  "\u202e",
  "\u202d",
  "\u2066",
  "\u2069",
  "\u200b",
  "\u200d",
  "\ufeff",
  "\u2028",
  "\u2029",
  "\ufffd",
  "\uffff",
  "e\u0301\u0302\u0303",
  "张三",
  "備案",
  "Привет",
  "שלום",
  "مرحبا",
  "ｆｕｌｌ",
  "𝕏",
  "👨‍👩‍👧",
  "🇨🇳",
  "'",
  '"',
  "\\",
  "%00",
  "../",
  "<",
];

const NASTY = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "abc\udfff",
  "\u202egpj.exe",
  "admin\u200b@example.cn",
  "' OR '1'='1",
  "'; DROP TABLE account; --",
  "\\'; SELECT pg_sleep(5); --",
  "${7*7}{{7*7}}<%= 7*7 %>",
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "../../../../etc/passwd",
  "C:\\Windows\\win.ini",
  "\r\nSet-Cookie: x=1",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e999",
  "true",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "Z̵̡̢͇̹̩͓̈́̓̎a̶͈̓l̷̳̈́g̴͕̈́o̶̧͝",
];

const HUGE_SIZES = [100 * 1024, 300 * 1024];
const HUGE_UNITS = ["x", "长", "\u0000", "😀", "\u202e"];

export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...HUGE_SIZES), fc.constantFrom(...HUGE_UNITS))
  .map(([size, unit]) => unit.repeat(Math.ceil(size / unit.length)));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 }).map(joined) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 30 }) },
  { weight: 1, arbitrary: hugeString },
);

function joined(parts: string[]): string {
  return parts.join("");
}

// ---------------------------------------------------------------------------------------------
// Hostile JSON bodies

type Path = readonly (string | number)[];

/** Raw JSON text that no JS value serialises to: spliced in where a marker string stands. */
const RAW_NUMBERS = [
  "1e999",
  "-1e999",
  "-0",
  "1e-400",
  "123456789012345678901234567890",
  "9007199254740993",
  "2147483648",
  "-2147483649",
  "1.0",
  "0.5",
  "1E2",
];

const PROTO_PAIRS = [
  '"__proto__":{"polluted":"yes"}',
  '"__proto__":null',
  '"\\u005f_proto__":{"polluted":"yes"}',
  '"constructor":{"prototype":{"polluted":"yes"}}',
  '"constructor":"x"',
  '"prototype":{"polluted":"yes"}',
];

export function deepArray(levels: number): string {
  return "[".repeat(levels) + "]".repeat(levels);
}

export function deepObject(levels: number): string {
  return '{"a":'.repeat(levels) + "1" + "}".repeat(levels);
}

const DEEP = [deepArray(10_000), deepObject(10_000), deepArray(100_000), `[${deepObject(10_000)}]`];

const UNKNOWN_KEYS = [
  "extra",
  "isAdmin",
  "role",
  "accountId",
  "id",
  "state",
  "",
  " ",
  "\u0000",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "$where",
  "a.b",
  "__proto__x",
];

const WRONG_CONTENT_TYPES = [
  "text/plain",
  "text/plain; charset=utf-8",
  "application/x-www-form-urlencoded",
  "application/xml",
  "text/html",
  "multipart/form-data",
  "multipart/form-data; boundary=----x",
  "application/json; charset=utf-16le",
  "application/octet-stream",
  "application/vnd.api+json",
  "application/json-patch+json",
  "image/png",
  ";;;",
  null,
];

/** Malformed JSON made from a well-formed text. */
function malformed(text: string): fc.Arbitrary<string | Buffer> {
  const at = fc.nat({ max: Math.max(0, text.length - 1) });
  return fc.oneof(
    at.map((index) => text.slice(0, index)),
    fc
      .tuple(at, fc.constantFrom("{", "}", "[", "]", ",", ":", '"', "\\", "\u0000", "'", "\n", "/*"))
      .map(([index, char]) => text.slice(0, index) + char + text.slice(index)),
    fc.constantFrom(
      `\ufeff${text}`,
      `${text},`,
      `${text}}`,
      `${text}${text}`,
      `// comment\n${text}`,
      text.replaceAll('"', "'"),
      text.replace(":", "="),
      "",
      " ",
      "NaN",
      "Infinity",
      "undefined",
      "{",
      '{"a":1,}',
      '{"a" 1}',
      '{"a":"\\x41"}',
      '{"a":"\\u12"}',
      '{"a":"\\ud800"}',
      '{"a":01}',
      '{"a":.5}',
      '{"a":+1}',
      "{'a':1}",
    ),
    // Bytes that are not UTF-8 at all, inside a string and bare.
    fc.constantFrom(
      Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe, 0xc0, 0x80]), Buffer.from('"}')]),
      Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
      Buffer.from([0xed, 0xa0, 0x80]),
    ),
  );
}

/** Every node of a JSON value with its path (the root is []). */
function nodesOf(value: unknown, path: Path = [], out: { path: Path; value: unknown }[] = []) {
  out.push({ path, value });
  if (Array.isArray(value)) value.forEach((item, index) => nodesOf(item, [...path, index], out));
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) nodesOf(item, [...path, key], out);
  }
  return out;
}

function replaceAt(root: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path[path.length - 1]!] = replacement;
  return copy;
}

const jsonType = (value: unknown) =>
  value === null ? "null" : Array.isArray(value) ? "array" : typeof value;

const anyJson = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 8 }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

const MARK = "@@hostile-raw@@";
const MARK_KEY = "@@hostile-key@@";

/** `value` as JSON text, the marker string replaced by raw text (a marker key by a raw pair). */
function withRaw(value: unknown, raw: string): string {
  return JSON.stringify(value)
    .replace(`"${MARK_KEY}":"${MARK}"`, raw)
    .replace(`"${MARK}"`, () => raw);
}

const json = (label: string, payload: string | Buffer): HostileBody => ({
  label,
  contentType: "application/json",
  payload,
});

/** One hostile body for a route whose body has this schema. */
export function hostileBody(schema: JsonSchema): fc.Arbitrary<HostileBody> {
  return validValue(schema).chain((base) => {
    const nodes = nodesOf(base);
    const pick = <T>(items: T[]) => fc.constantFrom(...(items.length > 0 ? items : [nodes[0]! as T]));
    const objects = nodes.filter((node) => jsonType(node.value) === "object");
    const strings = nodes.filter((node) => typeof node.value === "string");
    const text = JSON.stringify(base);
    return fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .tuple(pick(nodes), anyJson)
          .filter(([node, value]) => jsonType(node.value) !== jsonType(value))
          .map(([node, value]) =>
            json(`wrong type at ${node.path.join(".")}`, JSON.stringify(replaceAt(base, node.path, value))),
          ),
      },
      {
        weight: 3,
        arbitrary: fc
          .tuple(
            pick(objects),
            fc.oneof(fc.constantFrom(...UNKNOWN_KEYS), fc.string({ unit: "binary", maxLength: 10 })),
            fc.jsonValue({ maxDepth: 1 }),
          )
          .map(([node, key, value]) => {
            const target = replaceAt(base, node.path, { ...(node.value as object), [key]: value });
            return json(
              `unknown field ${JSON.stringify(key)} at ${node.path.join(".")}`,
              JSON.stringify(target),
            );
          }),
      },
      {
        weight: 6,
        arbitrary: fc
          .tuple(pick(strings), hostileString)
          .map(([node, value]) =>
            json(
              `hostile string at ${node.path.join(".")}`,
              JSON.stringify(replaceAt(base, node.path, value)),
            ),
          ),
      },
      {
        weight: 2,
        arbitrary: fc
          .tuple(pick(nodes), fc.constantFrom(...RAW_NUMBERS))
          .map(([node, raw]) =>
            json(`number ${raw} at ${node.path.join(".")}`, withRaw(replaceAt(base, node.path, MARK), raw)),
          ),
      },
      {
        weight: 2,
        arbitrary: fc.tuple(pick(objects), fc.constantFrom(...PROTO_PAIRS)).map(([node, pair]) => {
          const target = replaceAt(base, node.path, { [MARK_KEY]: MARK, ...(node.value as object) });
          return json(`prototype key ${pair.slice(0, 16)} at ${node.path.join(".")}`, withRaw(target, pair));
        }),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(pick(nodes), fc.constantFrom(...DEEP.keys()))
          .map(([node, deep]) =>
            json(
              `deep nesting #${deep} at ${node.path.join(".")}`,
              withRaw(replaceAt(base, node.path, MARK), DEEP[deep]!),
            ),
          ),
      },
      {
        weight: 2,
        arbitrary: malformed(text).map((payload) => json("malformed JSON", payload)),
      },
      {
        weight: 2,
        arbitrary: fc
          .constantFrom(...WRONG_CONTENT_TYPES)
          .map((contentType) => ({ label: `content type ${contentType}`, contentType, payload: text })),
      },
      { weight: 1, arbitrary: fc.jsonValue().map((value) => json("random JSON", JSON.stringify(value))) },
      { weight: 1, arbitrary: fc.constant(json("the generated value itself", text)) },
    );
  });
}

/** Over the body limit: refused before it is parsed. */
export function overLimitBody(): HostileBody {
  return json("over the body limit", `{"x":"${"a".repeat(BODY_LIMIT)}"}`);
}

/**
 * For routes that take no body: only what is refused while the body is read
 * (broken JSON, an unknown type, too large, a poisoned prototype), so the
 * route's action itself never runs.
 */
export const bodylessAttacks: readonly HostileBody[] = [
  json("empty JSON", ""),
  json("malformed JSON", "{"),
  json("malformed JSON", '{"a":1,}'),
  json("malformed JSON", "{'a':1}"),
  json("malformed JSON", "NaN"),
  { label: "not UTF-8", contentType: "application/json", payload: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) },
  json("prototype key", '{"__proto__":{"polluted":"yes"}}'),
  json("prototype key", '{"constructor":{"prototype":{"polluted":"yes"}}}'),
  { label: "content type application/xml", contentType: "application/xml", payload: "<a/>" },
  {
    label: "content type x-www-form-urlencoded",
    contentType: "application/x-www-form-urlencoded",
    payload: "a=1",
  },
  overLimitBody(),
];

// ---------------------------------------------------------------------------------------------
// Query strings and path segments

/** Percent-encodes the UTF-8 of a string (lone surrogates become U+FFFD, as a browser would send them). */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, "utf8")]
    .map((byte) =>
      /[A-Za-z0-9._~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .join("");
}

/** Encodings a browser would never produce: broken escapes, CESU surrogates, overlong NUL. */
const RAW_ESCAPES = ["%", "%zz", "%E0%A4%A", "%ED%A0%80", "%C0%80", "%FF%FE", "%00", "%2e%2e%2f", "%252e"];

export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileString.filter((text) => text.length < 2000).map(percentEncode) },
  { weight: 2, arbitrary: fc.constantFrom(...RAW_ESCAPES) },
  { weight: 1, arbitrary: fc.constantFrom("..", ".", "%2F", "a%2Fb", "x".repeat(65), "x".repeat(5000)) },
);

/** A query string (without `?`) for a route whose querystring has this schema. */
export function hostileQuery(schema: JsonSchema | undefined): fc.Arbitrary<{ label: string; query: string }> {
  const keys = Object.keys(schema?.properties ?? {});
  const base = schema ? validValue(schema) : fc.constant({});
  const knownKey = fc.constantFrom(...(keys.length > 0 ? keys : ["q"]));
  const pair = (key: string, value: string) => `${percentEncode(key)}=${value}`;
  return base.chain((value) => {
    const valid = Object.entries(value as Record<string, string>).map(([key, item]) =>
      pair(key, percentEncode(String(item))),
    );
    const withPairs = (label: string, extra: string[]) => ({ label, query: [...valid, ...extra].join("&") });
    return fc.oneof(
      fc
        .tuple(knownKey, hostileSegment)
        .map(([key, segment]) => withPairs(`hostile ${key}`, [pair(key, segment)])),
      fc.tuple(knownKey, fc.array(hostileSegment, { minLength: 2, maxLength: 4 })).map(([key, values]) =>
        withPairs(
          `repeated ${key}`,
          values.map((item) => pair(key, item)),
        ),
      ),
      fc
        .tuple(
          fc.oneof(
            fc.constantFrom(...UNKNOWN_KEYS),
            fc.constantFrom("__proto__", "constructor", "a[b]", "a[]"),
          ),
          hostileSegment,
        )
        .map(([key, segment]) => withPairs(`unknown ${key}`, [pair(key, segment)])),
      fc.constantFrom(...RAW_ESCAPES).map((raw) => withPairs(`raw escape ${raw}`, [`${raw}=${raw}`])),
      fc.constant(withPairs("the generated value itself", [])),
    );
  });
}
