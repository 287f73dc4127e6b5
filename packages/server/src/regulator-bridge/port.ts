/**
 * The one way the platform talks to the regulator. MIIT's enterprise interface
 * is not public; the adapter that ships speaks HTTP to `regulator-sim`, which
 * behaves like it.
 */
export interface OutboundSubmission {
  messageId: string;
  orderNumber: string;
  orderType: string;
  province: string;
  payload: unknown;
}

/** MIIT's public record of a filed website (备案查询). */
export interface RegulatorRecord {
  domain: string;
  status: "filed" | "cancelled";
  websiteNumber: string;
  name: string;
  subjectNumber: string;
  subjectName: string;
  /** The access providers (接入商) hosting it; this platform is "openbeian" to the regulator. */
  providers: string[];
}

/** How the regulator knows this platform among access providers. */
export const PROVIDER_AT_REGULATOR = "openbeian";

export interface RegulatorBridge {
  /** Delivers a submission; throws when the regulator cannot be reached, so the worker retries. */
  submit(message: OutboundSubmission): Promise<{ duplicate: boolean }>;
  /** MIIT's record of a domain; null when it holds none. Throws when the regulator cannot be reached. */
  lookup(domain: string): Promise<RegulatorRecord | null>;
}
