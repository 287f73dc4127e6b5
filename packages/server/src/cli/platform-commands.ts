import { systemClock } from "@openbeian/core";
import { ensureCalendar, importChineseDays } from "../calendar/import.ts";
import { runWorkdaysCommand } from "../calendar/commands.ts";
import { seedDemo } from "../demo/seed.ts";
import { openPlatform } from "../platform/bootstrap.ts";
import type { Config } from "../platform/config.ts";
import { migrateToLatest, openDatabase } from "../platform/db.ts";
import { runWatchSweep } from "../watch/sweep.ts";
import { Worker } from "../worker/worker.ts";
import { platformOptions } from "./platform-options.ts";
import { refusesDelivery } from "./delivery-check.ts";
import { waitForSignal } from "./usage.ts";

/** The `beian` commands that work on the platform's database: migrate, workdays, watch, seed-demo, worker. */
export async function migrate(config: Config): Promise<number> {
  const handle = openDatabase({ url: config.databaseUrl });
  const applied = await migrateToLatest(handle.db);
  // The holiday table ships with the code; keeping it current is part of migrating.
  await importChineseDays(handle.db, systemClock.now().getTime());
  await handle.close();
  console.log(applied.length > 0 ? `applied: ${applied.join(", ")}` : "schema is up to date");
  return 0;
}

export async function workdays(config: Config, args: string[]): Promise<number> {
  const handle = openDatabase({ url: config.databaseUrl });
  try {
    await migrateToLatest(handle.db);
    if (args[0] !== "import") await ensureCalendar(handle.db, systemClock.now().getTime());
    return await runWorkdaysCommand(handle.db, args, systemClock.now().getTime());
  } finally {
    await handle.close();
  }
}

export async function watchOnce(config: Config, json: boolean): Promise<number> {
  const platform = await openPlatform(platformOptions(config));
  try {
    const summary = await runWatchSweep(platform.ctx);
    console.log(
      json
        ? JSON.stringify(summary)
        : `filing watch: ${summary.websites} websites, ${summary.open} open findings (${summary.opened} new, ${summary.resolved} resolved), ${summary.notified} owners told, ${summary.unresolvable} lookups failed`,
    );
    return 0;
  } finally {
    await platform.close();
  }
}

export async function seed(config: Config): Promise<number> {
  const platform = await openPlatform(platformOptions(config));
  const { created } = await seedDemo(platform.ctx);
  await platform.close();
  console.log(created ? "demo data created" : "demo data already present");
  return 0;
}

export async function runWorker(config: Config): Promise<number> {
  if (refusesDelivery(config)) return 2;
  const platform = await openPlatform(platformOptions(config));
  const worker = new Worker(platform.ctx);
  worker.start(config.workerPollMs);
  platform.ctx.logger.info({ worker: worker.id }, "worker started");
  await waitForSignal();
  await worker.stop();
  await platform.close();
  return 0;
}
