/** A message shown to people: Chinese first, English as the switch. */
export interface LocalizedText {
  zh: string;
  en: string;
}

/** Text made safe to place in HTML content or a quoted attribute (the gate's block page, the simulator's pages). */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function text(zh: string, en: string): LocalizedText {
  return { zh, en };
}
