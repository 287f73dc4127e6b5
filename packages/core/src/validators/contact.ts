/**
 * Mainland mobile numbers: 11 digits starting with 1[3-9]. A "+86" or "86" prefix
 * and spaces or dashes are accepted and removed. (Issue 3 brings libphonenumber-js
 * for landlines and carrier segments.)
 */
export function normalizeMobile(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "").replace(/^\+?86/, "");
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

export function isEmail(input: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input) && input.length <= 254;
}
