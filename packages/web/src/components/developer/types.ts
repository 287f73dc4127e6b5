/** The agency API's views as the server sends them (packages/server/src/agency, webhooks). */
export type TokenScope = "read" | "file" | "review";

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  active: boolean;
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: string[];
  description: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDelivery {
  id: string;
  endpointId: string;
  accountId: string;
  url: string | null;
  eventId: string;
  eventType: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  redeliveryOf: string | null;
  createdAt: string;
  deliveredAt: string | null;
  payload: unknown;
}
