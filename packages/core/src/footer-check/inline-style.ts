import type { StartTag } from "./start-tag.ts";
import type { HiddenReason } from "./text-pieces.ts";

/**
 * What an element's own attributes say about whether its content is seen: the `hidden`
 * attribute and three properties of the inline style. Style sheets are not applied
 * (see html-scan.ts).
 */
export function ownHidden(tag: StartTag): HiddenReason | null {
  if (tag.hidden) return "hidden_attribute";
  if (tag.style === undefined) return null;
  const style = hidingStyle(tag.style);
  if (style.display === "none") return "display_none";
  if (style.visibility === "hidden" || style.visibility === "collapse") return "visibility_hidden";
  if (style.fontSize !== undefined && ZERO_SIZE.test(style.fontSize)) return "font_size_zero";
  return null;
}

/** The two kinds of hiding a descendant's own style can undo (restoresVisibility). */
export function restorable(inherited: HiddenReason | null): boolean {
  return inherited === "visibility_hidden" || inherited === "font_size_zero";
}

/**
 * CSS lets a descendant undo two kinds of hiding: `visibility: visible` under
 * `visibility: hidden`, and an absolute font size under `font-size: 0` (the common
 * trick against gaps between inline blocks). Relative sizes (em, %) of 0 stay 0.
 */
export function restoresVisibility(inherited: HiddenReason | null, tag: StartTag): boolean {
  if (!restorable(inherited)) return false;
  if (tag.style === undefined || tag.hidden) return false;
  const style = hidingStyle(tag.style);
  if (style.display === "none") return false;
  if (inherited === "visibility_hidden") return style.visibility === "visible";
  const size = style.fontSize;
  return size !== undefined && !ZERO_SIZE.test(size) && ABSOLUTE_SIZE.test(size);
}

const ZERO_SIZE = /^0+(?:\.0+)?(?:[a-z]+|%)?$/;
const ABSOLUTE_SIZE =
  /^(?:[\d.]+(?:px|pt|pc|rem|vw|vh|vmin|vmax|cm|mm|in|q)|(?:xx?-)?small|medium|(?:xx?x?-)?large)$/;

/** The three properties of an inline style that hide text. */
interface HidingStyle {
  display: string | undefined;
  visibility: string | undefined;
  fontSize: string | undefined;
}

/**
 * `toLowerCase` maps no other character onto the letters of these names, so a property
 * that lower-cases to one of them has it in some ASCII case: without one, nothing hides.
 */
const HIDING_PROPERTY = /display|visibility|font-size/i;

/**
 * The declarations of an inline style that can hide text, each the last one given, as
 * in CSS (ignoring `!important`); values trimmed and lower-cased. One pass over the
 * declarations, and none for a style that names none of them.
 */
function hidingStyle(style: string): HidingStyle {
  const found: HidingStyle = { display: undefined, visibility: undefined, fontSize: undefined };
  if (!HIDING_PROPERTY.test(style)) return found;
  for (const declaration of style.split(";")) {
    const colon = declaration.indexOf(":");
    if (colon === -1) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    if (property !== "display" && property !== "visibility" && property !== "font-size") continue;
    const value = declaration
      .slice(colon + 1)
      .replace(/!\s*important/i, "")
      .trim()
      .toLowerCase();
    if (property === "display") found.display = value;
    else if (property === "visibility") found.visibility = value;
    else found.fontSize = value;
  }
  return found;
}
