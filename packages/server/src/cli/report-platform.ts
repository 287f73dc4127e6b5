import { openPlatform } from "../platform/bootstrap.ts";
import type { Config } from "../platform/config.ts";
import type { AppContext } from "../platform/context.ts";
import { createLogger } from "../platform/logger.ts";
import { platformOptions } from "./platform-options.ts";

/**
 * Opens the platform for a command that prints a report (keys, files), runs it and
 * closes the platform. Logs go to stderr, so that --json's stdout is the report alone.
 */
export async function withReportPlatform<T>(
  config: Config,
  run: (ctx: AppContext) => Promise<T>,
): Promise<T> {
  const logger = createLogger(process.env.LOG_LEVEL ?? "warn", process.stderr);
  const platform = await openPlatform({ ...platformOptions(config), logger });
  try {
    return await run(platform.ctx);
  } finally {
    await platform.close();
  }
}
