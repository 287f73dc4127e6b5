import { WorkdayCalendar, type WorkdayCalendarData } from "../calendar/workdays.ts";
import type { PrecheckContext } from "./context.ts";

/**
 * The pre-check context as it travels over HTTP (dates as ISO strings, the
 * calendar as plain data) and back. The browser runs the same engine as the
 * server on what `GET /api/orders/:id/precheck-context` returns.
 */
type Json = Record<string, unknown>;

const date = (value: unknown): Date => new Date(String(value));
const optionalDate = (value: unknown): Date | null =>
  value === null || value === undefined ? null : date(value);

export function precheckContextFromJson(json: Json, today: Date = date(json.today)): PrecheckContext {
  const domains = (json.domains as Json[] | undefined) ?? [];
  const codes = (json.serviceCodes as Json[] | undefined) ?? [];
  return {
    ...(json as unknown as PrecheckContext),
    today,
    domains: domains.map((domain) => ({
      ...(domain as unknown as PrecheckContext["domains"][number]),
      realNameVerifiedAt: optionalDate(domain.realNameVerifiedAt),
      expiresAt: date(domain.expiresAt),
    })),
    serviceCodes: codes.map((code) => {
      const server = code.server as Json;
      return {
        ...(code as unknown as PrecheckContext["serviceCodes"][number]),
        server: {
          ...(server as unknown as PrecheckContext["serviceCodes"][number]["server"]),
          paidFrom: date(server.paidFrom),
          paidUntil: date(server.paidUntil),
        },
      };
    }),
    calendar: json.calendar ? new WorkdayCalendar(json.calendar as WorkdayCalendarData) : undefined,
  };
}
