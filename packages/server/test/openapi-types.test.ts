import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { GENERATED_FILE, generateApiTypes } from "../scripts/api-types.ts";

/**
 * The typed client's paths are generated from the OpenAPI document and checked in;
 * a route whose schema changed without `npm run api:types` fails here.
 */
test("generated/openapi.d.ts matches the API's OpenAPI document (run `npm run api:types`)", async () => {
  const generated = await generateApiTypes();
  const checkedIn = readFileSync(GENERATED_FILE, "utf8");
  assert.ok(generated === checkedIn, "generated/openapi.d.ts is out of date: run `npm run api:types`");
});
