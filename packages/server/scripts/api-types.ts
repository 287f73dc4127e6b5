import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import pino from "pino";
import { format, resolveConfig } from "prettier";
import ts from "typescript";
import { buildApp } from "../src/http/app.ts";
import { openPlatform } from "../src/platform/bootstrap.ts";

/**
 * `npm run api:types`: the API's TypeScript types from its own OpenAPI document,
 * taken from the app assembled in-process (a throw-away SQLite database, no
 * network), into generated/openapi.d.ts, formatted as the repository formats
 * code. A test regenerates it and fails when the checked-in file differs.
 */
export const GENERATED_FILE = resolve(import.meta.dirname, "../generated/openapi.d.ts");

const HEADER = `/**
 * The OpenBeian API's paths and schemas, generated from its OpenAPI document by
 * \`npm run api:types\` (packages/server/scripts/api-types.ts). Do not edit: change
 * the route schemas and run it again. Used with openapi-fetch:
 * \`createClient<paths>({ baseUrl, headers: { authorization: "Bearer obt_…" } })\`.
 */
`;

async function openApiDocument(): Promise<OpenAPI3> {
  const storageDir = mkdtempSync(join(tmpdir(), "beian-openapi-"));
  const platform = await openPlatform({
    databaseUrl: ":memory:",
    storageDir,
    dataKey: randomBytes(32),
    regulatorToken: randomBytes(24).toString("base64url"),
    logger: pino({ level: "silent" }),
  });
  try {
    const app = await buildApp(platform.ctx, { logger: false });
    await app.ready();
    const document = app.swagger() as OpenAPI3;
    await app.close();
    return document;
  } finally {
    await platform.close();
    rmSync(storageDir, { recursive: true, force: true });
  }
}

export async function generateApiTypes(): Promise<string> {
  const ast = await openapiTS(await openApiDocument(), {
    silent: true,
    // Uploaded files are Blobs for fetch's FormData, not strings.
    transform: (schema) =>
      schema.format === "binary"
        ? ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("Blob"))
        : undefined,
  });
  const options = (await resolveConfig(GENERATED_FILE)) ?? {};
  return format(HEADER + astToString(ast), { ...options, filepath: GENERATED_FILE });
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  writeFileSync(GENERATED_FILE, await generateApiTypes());
  console.log(`wrote ${GENERATED_FILE}`);
}
