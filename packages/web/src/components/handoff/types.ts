/** Hand-off links as the server sends them (packages/server/src/agency/handoff-routes.ts). */
export type HandoffPurpose = "face_check" | "sms_verification";

/** used: opened for its step at least once (a face-check link still opens until it expires). */
export type HandoffStatus = "active" | "used" | "expired" | "revoked";

/** The person MIIT texts: the roles they hold, the name, the mobile masked (138****8000). */
export interface HandoffPerson {
  roles: string[];
  name: string | null;
  mobile: string | null;
}

/** A link just made: the only time its URL and QR code (an SVG document) are shown. */
export interface NewHandoffLink {
  id: string;
  purpose: HandoffPurpose;
  person: HandoffPerson | null;
  url: string;
  qrSvg: string;
  expiresAt: string;
}

/** A link as listed later: what it was for and whether it still opens, never its token. */
export interface HandoffLinkRecord {
  id: string;
  purpose: HandoffPurpose;
  person: HandoffPerson | null;
  status: HandoffStatus;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
}
