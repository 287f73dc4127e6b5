import type { Clock } from "@openbeian/core";
import type { Logger } from "pino";
import type { FieldCipher } from "./crypto";
import type { Db, Engine } from "./db";
import type { Metrics } from "./metrics";

/** What every use case may use: passed explicitly, never imported as a global. */
export interface AppContext {
  db: Db;
  engine: Engine;
  clock: Clock;
  cipher: FieldCipher;
  logger: Logger;
  metrics: Metrics;
  regulatorToken: string;
  sessionTtlMs: number;
  secureCookies: boolean;
}
