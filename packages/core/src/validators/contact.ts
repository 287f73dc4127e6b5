/**
 * Mainland mobile numbers: 11 digits starting with 1[3-9] (fact base §4.3, our regex).
 * A "+86" or "86" prefix and spaces or dashes are accepted and removed.
 *
 * This is the lenient format check and stays so on purpose: checkPhone (phone.ts) is
 * stricter (libphonenumber metadata refuses IoT / unallocated segments such as 148, 149,
 * 154) and also handles landlines, 0086 and parentheses. Use checkPhone in new code.
 */
export function normalizeMobile(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "").replace(/^\+?86/, "");
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

export function isEmail(input: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input) && input.length <= 254;
}
