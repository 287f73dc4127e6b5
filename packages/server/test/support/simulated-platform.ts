import { randomBytes } from "node:crypto";
import { createSimulator, type Simulator } from "@openbeian/regulator-sim";
import type { Engine } from "../../src/platform/db.ts";
import { startTestPlatform, type TestPlatform, type TestPlatformOptions } from "./platform.ts";

/**
 * A test platform and the regulator simulator wired to each other over real HTTP:
 * the platform's bridge submits to the simulator and reads MIIT's records from it,
 * the simulator reports its events back. The simulator runs on `now` (the test
 * moves it and calls `simulator.step()`), at high speed.
 */
export async function startSimulatedPlatform(
  engine: Engine,
  options: { now: () => Date; platform?: Omit<TestPlatformOptions, "regulatorUrl" | "regulatorToken"> },
): Promise<{ platform: TestPlatform; simulator: Simulator; close(): Promise<void> }> {
  const token = randomBytes(24).toString("base64url");
  const simulator = createSimulator({
    token,
    domainResolves: async () => null,
    now: options.now,
    speed: 1000,
  });
  const regulatorUrl = await simulator.listen(0);
  const platform = await startTestPlatform(engine, {
    ...options.platform,
    regulatorUrl,
    regulatorToken: token,
  });
  simulator.connectPlatform(await platform.app.listen({ port: 0, host: "127.0.0.1" }));
  return {
    platform,
    simulator,
    close: async () => {
      await simulator.close();
      await platform.close();
    },
  };
}
