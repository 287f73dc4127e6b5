import { AppError } from "@openbeian/core";

/**
 * The uploader's file name is display text only (the bytes live under a random
 * storage key): no directories, no control characters, at most 100 characters.
 */
const MAX_NAME = 100;
// Control characters (C0, DEL, C1) and the bidi overrides that can disguise an extension.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const MAX_UPLOADED_NAME = 255;

/**
 * A name as a browser sends it is a bare file name. One with folders in it ("../../etc/x.jpg",
 * "C:\\…"), control characters or bidi overrides ("photo\u202egpj.exe") was made by hand to
 * mislead something downstream: refused with a clear message rather than quietly cleaned.
 */
export function refuseHostileName(raw: string | undefined): void {
  if (raw === undefined || raw === "") return;
  const hostile =
    /[\\/]/.test(raw) ||
    new RegExp(UNPRINTABLE.source).test(raw) ||
    raw === "." ||
    raw === ".." ||
    Array.from(raw).length > MAX_UPLOADED_NAME;
  if (hostile) throw new AppError("UPLOAD_FILE_NAME_INVALID");
}

export function displayName(raw: string | undefined): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  const clean = base.replace(UNPRINTABLE, "").trim().replace(/^\.+/, "");
  return Array.from(clean).slice(0, MAX_NAME).join("");
}

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "application/pdf": "pdf",
};

/**
 * `content-disposition` for serving a stored file: an ASCII fallback name plus
 * the UTF-8 name (RFC 6266), each with the extension of the type actually served.
 */
export function contentDisposition(name: string, contentType: string, fallbackStem: string): string {
  const extension = EXTENSIONS[contentType] ?? "bin";
  const stem = name.replace(/\.[^.]*$/, "") || fallbackStem;
  const ascii = stem.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+|_+$/g, "") || fallbackStem;
  const utf8 = encodeURIComponent(`${stem}.${extension}`).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `inline; filename="${ascii}.${extension}"; filename*=UTF-8''${utf8}`;
}
