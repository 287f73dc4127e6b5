#!/usr/bin/env node
// Runs the node:test suites. Node 20's `--test` needs explicit file lists, so this
// script finds them: every `*.test.ts` under the given folders (default: packages/).
// Test files run one process each, two at a time (the machine has two cores).
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const roots = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
const files = (roots.length > 0 ? roots : ["packages"]).flatMap((root) => findTests(root)).sort();

function findTests(dir) {
  if (!statSync(dir).isDirectory()) return dir.endsWith(".test.ts") ? [dir] : [];
  return readdirSync(dir).flatMap((name) => {
    if (name === "node_modules" || name === "dist") return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? findTests(path) : name.endsWith(".test.ts") ? [path] : [];
  });
}

if (files.length === 0) {
  console.error("no test files found");
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=2", "--test-reporter=spec", ...files],
  { stdio: "inherit" },
);
process.exit(result.status ?? 1);
