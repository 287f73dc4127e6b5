import { SENSITIVE_PERSON_FIELDS } from "@openbeian/core";
import pino, { type DestinationStream, type Logger } from "pino";
import { maskText } from "../audit/mask.ts";

/**
 * Structured logs. Personal data never reaches them: the paths below are
 * redacted wherever they appear, request bodies are not logged at all, and the
 * query string of a logged URL is masked (a search for a phone number, a
 * lookup by certificate number, would otherwise print it).
 */
export function createLogger(
  level = process.env.LOG_LEVEL ?? "info",
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          "req.headers.cookie",
          "req.headers.authorization",
          'req.headers["x-csrf-token"]',
          // Plugins log the headers they were given (multipart at trace level): the session is in them.
          "*.headers.cookie",
          "*.headers.authorization",
          '*.headers["x-csrf-token"]',
          "*.password",
          ...SENSITIVE_PERSON_FIELDS.map((field) => `*.${field}`),
        ],
        censor: "[masked]",
      },
      serializers: { req: requestForLog },
    },
    destination,
  );
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** Fastify's request fields, the URL's query string masked like audit details. */
function requestForLog(request: LoggedRequest) {
  return {
    method: request.method,
    url: maskedUrl(request.url ?? ""),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

export function maskedUrl(url: string): string {
  const query = url.indexOf("?");
  if (query === -1) return url;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.slice(query + 1).replace(/\+/g, " "));
  } catch {
    return `${url.slice(0, query)}?[masked]`;
  }
  return `${url.slice(0, query + 1)}${maskText(decoded)}`;
}
