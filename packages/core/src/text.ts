/** A message shown to people: Chinese first, English as the switch. */
export interface LocalizedText {
  zh: string;
  en: string;
}

export function text(zh: string, en: string): LocalizedText {
  return { zh, en };
}
