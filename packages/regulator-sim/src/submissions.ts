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

export class SubmissionStore {
  private readonly byMessage = new Map<string, Submission>();

  /** Records a submission; a repeated message id is acknowledged again, not stored twice. */
  receive(input: SubmissionInput, now: Date): { submission: Submission; duplicate: boolean } {
    const existing = this.byMessage.get(input.messageId);
    if (existing) {
      existing.deliveries += 1;
      return { submission: existing, duplicate: true };
    }
    const submission: Submission = { ...input, receivedAt: now.toISOString(), deliveries: 1 };
    this.byMessage.set(input.messageId, submission);
    return { submission, duplicate: false };
  }

  list(): Submission[] {
    return [...this.byMessage.values()];
  }
}
