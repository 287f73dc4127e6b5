import { SENSITIVE_PERSON_FIELDS } from "@openbeian/core";
import pino, { type Logger } from "pino";

/**
 * Structured logs. Personal data never reaches them: the paths below are
 * redacted wherever they appear, and request bodies are not logged at all.
 */
export function createLogger(level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({
    level,
    redact: {
      paths: [
        "req.headers.cookie",
        "req.headers.authorization",
        'req.headers["x-csrf-token"]',
        "*.password",
        ...SENSITIVE_PERSON_FIELDS.map((field) => `*.${field}`),
      ],
      censor: "[masked]",
    },
  });
}
