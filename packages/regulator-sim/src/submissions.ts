/**
 * What the simulated MIIT has received: each submission once per message id,
 * whatever the number of deliveries (the bridge retries until it hears back).
 */
export interface Submission {
  messageId: string;
  orderNumber: string;
  orderType: string;
  province: string;
  payload: unknown;
  receivedAt: string;
  deliveries: number;
}

export interface SubmissionInput {
  messageId: string;
  orderNumber: string;
  orderType: string;
  province: string;
  payload: unknown;
}
