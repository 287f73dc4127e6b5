import { pinyin } from "pinyin-pro";

/**
 * A name's pinyin initials for the public lookup (杭州西湖科技有限公司 → hzxhkjyxgs),
 * so people can find a filing by typing the first letters. Latin letters and
 * digits in the name are kept; everything else is dropped.
 */
export function nameInitials(name: string): string {
  return pinyin(name, { pattern: "first", toneType: "none", type: "array", nonZh: "consecutive" })
    .join("")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}
