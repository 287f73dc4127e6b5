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

export interface RegulatorBridge {
  /** Delivers a submission; throws when the regulator cannot be reached, so the worker retries. */
  submit(message: OutboundSubmission): Promise<{ duplicate: boolean }>;
}
