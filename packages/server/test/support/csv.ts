import assert from "node:assert/strict";
import type { RawResponse } from "./client.ts";

/** RFC 4180: fields split on commas outside quotes, "" inside quotes is one quote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted && char === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === ",") {
      row.push(field);
      field = "";
    } else if (!quoted && char === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else {
      field += char;
    }
  }
  assert.equal(field + row.join(""), "", "the text ends with a line end");
  return rows;
}

/**
 * A console export as the browser gets it: 200, CSV in UTF-8, a download named `<name>-<day>.csv`,
 * a byte-order mark first. Returns its rows, the header row first.
 */
export function csvDownload(answer: RawResponse, name: string): string[][] {
  assert.equal(answer.status, 200, answer.body.toString("utf8").slice(0, 200));
  assert.match(String(answer.headers["content-type"]), /^text\/csv; charset=utf-8/);
  const disposition = String(answer.headers["content-disposition"]);
  assert.equal(
    disposition.replace(/-\d{4}-\d{2}-\d{2}\.csv"$/, '.csv"'),
    `attachment; filename="${name}.csv"`,
  );
  const text = answer.body.toString("utf8");
  assert.ok(text.startsWith("\uFEFF"), "a byte-order mark, for Excel");
  return parseCsv(text.slice(1));
}
