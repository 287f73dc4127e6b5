import { api } from "../../api";
import type { HandoffLinkRecord, HandoffPurpose, NewHandoffLink } from "./types";

export const handoffLinksPath = (orderId: string) =>
  `/api/orders/${encodeURIComponent(orderId)}/handoff-links`;

/**
 * Makes the order's links: the face check while it can be edited, one per person MIIT texts;
 * `purpose` narrows them to that step.
 */
export async function createHandoffLinks(
  orderId: string,
  purpose?: HandoffPurpose,
): Promise<NewHandoffLink[]> {
  const query = purpose ? `?purpose=${purpose}` : "";
  const { links } = await api.post<{ links: NewHandoffLink[] }>(`${handoffLinksPath(orderId)}${query}`);
  return links;
}

export function revokeHandoffLink(orderId: string, linkId: string) {
  return api.delete<HandoffLinkRecord>(`${handoffLinksPath(orderId)}/${encodeURIComponent(linkId)}`);
}

/**
 * The QR code as an image source. An SVG shown through <img> is inert (no scripts, no
 * outside loads), so the server's markup never becomes part of the page's DOM.
 */
export const qrImageSrc = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/** A link still opens while it is active or used (a face-check link may be opened again). */
export const stillOpens = (link: Pick<HandoffLinkRecord, "status">) =>
  link.status === "active" || link.status === "used";
