import { parseArgs, type ParseArgsConfig } from "node:util";

/**
 * What the pure commands (check, precheck, footer) share about their arguments:
 * a usage error exits 2 with the message and the usage, --help prints the usage
 * and exits 0; anything else is the command's own business.
 */
export class UsageError extends Error {}
export class HelpRequested extends Error {}

/** node:util's parseArgs with positionals and -h/--help; its own errors become UsageErrors. */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig["options"]>>(
  args: string[],
  options: O,
) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { ...options, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if ((parsed.values as { help?: boolean }).help) throw new HelpRequested();
  return parsed;
}

/** Runs `parse`; on --help or a usage error prints what it should and gives the exit code instead. */
export function parseOrExit<T>(
  command: string,
  usage: string,
  parse: () => T,
): { ok: true; request: T } | { ok: false; exitCode: number } {
  try {
    return { ok: true, request: parse() };
  } catch (error) {
    if (error instanceof HelpRequested) {
      console.log(usage);
      return { ok: false, exitCode: 0 };
    }
    const message = error instanceof Error ? error.message : String(error);
    console.error(`beian ${command}: ${message}\n\n${usage}`);
    return { ok: false, exitCode: 2 };
  }
}

/** Resolves on the first SIGINT or SIGTERM: long-running commands then close and exit. */
export function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}
