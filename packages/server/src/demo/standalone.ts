import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Simulator } from "@openbeian/regulator-sim";
import { pino } from "pino";
import { startStack, type Stack } from "../cli/stack.ts";
import { generateDataKey } from "../platform/crypto.ts";
import { newToken } from "../platform/ids.ts";
import type { DemoApplicant } from "./applicant.ts";

/**
 * The platform `beian demo` starts for itself: SQLite in a temporary folder, the
 * demo data, the simulator compressing the bureau's weeks into seconds, no gate.
 * `close` removes the folder.
 */
export async function startDemoStack(speed: number): Promise<{ stack: Stack; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "beian-demo-"));
  const stack = await startStack({
    platform: {
      databaseUrl: join(dir, "demo.sqlite"),
      storageDir: join(dir, "files"),
      dataKey: Buffer.from(generateDataKey(), "base64"),
      regulatorToken: newToken(),
      logger: pino({ level: "silent" }),
    },
    host: "127.0.0.1",
    port: 0,
    workerPollMs: 100,
    seed: true,
    regulatorUrl: null,
    simulator: { port: 0, speed, tickMs: 100, domainResolves: async () => null },
    gate: null,
  });
  return {
    stack,
    close: async () => {
      await stack.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** For 新增接入: the simulator records the applicant's website as filed a year ago through another provider. */
export function filedElsewhereBy(simulator: Simulator) {
  return async (applicant: DemoApplicant): Promise<void> => {
    const data = applicant.orderData();
    const subject = data.subject!;
    simulator.engine.fileElsewhere({
      domain: applicant.domain,
      websiteName: data.websites![0]!.name ?? "",
      subjectName: subject.name ?? "",
      certificateNumber: subject.certificateNumber ?? "",
      divisionCode: subject.divisionCode ?? "",
      provider: "某云计算有限公司",
      at: new Date(Date.now() - 365 * 24 * 60 * 60 * 1000),
    });
  };
}
