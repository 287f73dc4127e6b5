#!/usr/bin/env node
// The `beian` command. Sources are TypeScript, loaded through tsx (Node 20 cannot strip types).
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
