/**
 * Punycode (RFC 3492), the ASCII form of internationalised domain labels: "例子" ↔
 * "fsqu00a", "中国" ↔ "fiqs8s", "bücher" ↔ "bcher-kva". A small pure implementation so
 * that core runs in the browser without `node:punycode` (fact base §4.1, §4.2: domain
 * checks and the Chinese IDN suffixes such as .中国 = .xn--fiqs8s).
 *
 * These functions convert code points only; they do not apply the IDNA mapping
 * (case folding, NFC). Domain input goes through the WHATWG URL parser first
 * (see domain.ts), which applies that mapping.
 */
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
const MAX_CODE_POINT = 0x10ffff;
/** Labels are at most 63 octets, so anything beyond this is garbage, not a label. */
const MAX_INPUT = 1000;

function adapt(delta: number, numPoints: number, firstTime: boolean): number {
  let d = firstTime ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / numPoints);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digitToChar(digit: number): string {
  // 0..25 → a..z, 26..35 → 0..9
  return String.fromCharCode(digit < 26 ? digit + 97 : digit + 22);
}

function charToDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 22; // 0-9 → 26..35
  if (code >= 65 && code <= 90) return code - 65; // A-Z
  if (code >= 97 && code <= 122) return code - 97; // a-z
  return BASE; // invalid
}

function threshold(k: number, bias: number): number {
  return k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
}

/** Encodes a Unicode string to Punycode (without the "xn--" prefix). Throws on overflow. */
export function punycodeEncode(input: string): string {
  const codePoints = Array.from(input, (char) => char.codePointAt(0) ?? 0);
  if (codePoints.length > MAX_INPUT) throw new RangeError("punycode: input too long");
  let output = codePoints
    .filter((cp) => cp < INITIAL_N)
    .map((cp) => String.fromCharCode(cp))
    .join("");
  const basicCount = output.length;
  let handled = basicCount;
  if (basicCount > 0) output += "-";
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < codePoints.length) {
    let m = MAX_CODE_POINT + 1;
    for (const cp of codePoints) if (cp >= n && cp < m) m = cp;
    delta += (m - n) * (handled + 1);
    n = m;
    for (const cp of codePoints) {
      if (cp < n) delta++;
      if (cp === n) {
        let q = delta;
        for (let k = BASE; ; k += BASE) {
          const t = threshold(k, bias);
          if (q < t) break;
          output += digitToChar(t + ((q - t) % (BASE - t)));
          q = Math.floor((q - t) / (BASE - t));
        }
        output += digitToChar(q);
        bias = adapt(delta, handled + 1, handled === basicCount);
        delta = 0;
        handled++;
      }
    }
    delta++;
    n++;
  }
  return output;
}

/** Decodes Punycode (without the "xn--" prefix) to Unicode. Throws on malformed input. */
export function punycodeDecode(input: string): string {
  if (input.length > MAX_INPUT) throw new RangeError("punycode: input too long");
  const delimiter = input.lastIndexOf("-");
  const output: number[] = [];
  for (let j = 0; j < Math.max(delimiter, 0); j++) {
    const code = input.charCodeAt(j);
    if (code >= INITIAL_N) throw new RangeError("punycode: non-basic code point");
    output.push(code);
  }
  let n = INITIAL_N;
  let i = 0;
  let bias = INITIAL_BIAS;
  for (let index = delimiter > 0 ? delimiter + 1 : 0; index < input.length;) {
    const oldI = i;
    for (let w = 1, k = BASE; ; k += BASE) {
      if (index >= input.length) throw new RangeError("punycode: truncated input");
      const digit = charToDigit(input.charCodeAt(index++));
      if (digit >= BASE) throw new RangeError("punycode: invalid digit");
      i += digit * w;
      const t = threshold(k, bias);
      if (digit < t) break;
      w *= BASE - t;
      if (i > MAX_CODE_POINT * (output.length + 1)) throw new RangeError("punycode: overflow");
    }
    bias = adapt(i - oldI, output.length + 1, oldI === 0);
    n += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    if (n > MAX_CODE_POINT || (n >= 0xd800 && n <= 0xdfff)) {
      throw new RangeError("punycode: invalid code point");
    }
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}

const ACE_PREFIX = "xn--";

/** One label to its ASCII form: ASCII labels are lower-cased, others become "xn--…". */
export function labelToAscii(label: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(label)
    ? label.toLowerCase()
    : ACE_PREFIX + punycodeEncode(label.toLowerCase());
}

/** One label to its Unicode form: "xn--…" labels are decoded, others returned lower-cased. Throws on bad Punycode. */
export function labelToUnicode(label: string): string {
  const lower = label.toLowerCase();
  return lower.startsWith(ACE_PREFIX) ? punycodeDecode(lower.slice(ACE_PREFIX.length)) : lower;
}

/** A dotted name to ASCII, label by label (no IDNA mapping; see the module comment). */
export function domainLabelsToAscii(name: string): string {
  return name.split(".").map(labelToAscii).join(".");
}

/** A dotted name to Unicode, label by label. Throws on bad Punycode. */
export function domainLabelsToUnicode(name: string): string {
  return name.split(".").map(labelToUnicode).join(".");
}
