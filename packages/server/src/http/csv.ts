/**
 * CSV for the console's exports, as Excel and WPS open it: UTF-8 with a byte-order mark (without
 * one, Excel on a Chinese Windows reads the bytes as GBK), CRLF line ends, RFC 4180 quoting.
 * A cell that a spreadsheet would take for a formula (= + - @, or a tab or CR first) gets a
 * leading apostrophe: an exported value comes from applicants and must not run as a formula on
 * a staff member's machine (CSV injection).
 */
export const CSV_BOM = "\uFEFF";

/** The language of an export's headers and labels (the console's: ?lang=zh|en). */
export type ExportLang = "zh" | "en";

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | null)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
