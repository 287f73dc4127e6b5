import type { LocalizedText } from "../../types";

/** GET /api/notification-preferences */
export interface EventChoice {
  event: string;
  label: LocalizedText;
  urgent: boolean;
  inApp: boolean;
  email: boolean;
  sms: boolean;
}

export interface EventGroupChoices {
  id: string;
  label: LocalizedText;
  events: EventChoice[];
}

export interface Preferences {
  phoneMasked: string | null;
  groups: EventGroupChoices[];
}

/** GET /api/recipients */
export interface Recipient {
  id: string;
  name: string;
  role: string;
  email: string | null;
  phoneMasked: string | null;
  emailGroups: string[];
  smsGroups: string[];
  createdAt: string;
}

export interface Labelled {
  id: string;
  label: LocalizedText;
}

export interface RecipientList {
  items: Recipient[];
  limit: number;
  roles: Labelled[];
  groups: Labelled[];
}

export type Channel = "email" | "sms";
