import { useEffect } from "react";

/**
 * Puts the cursor in the first field marked to update (`data-focus`, a watch finding's
 * fields) when a step opens, and scrolls it into view.
 */
export function FocusFirst({ step, active }: { step: number; active: boolean }) {
  useEffect(() => {
    if (!active) return;
    // After the step's fields are rendered (and the form has its values).
    const timer = setTimeout(() => {
      const input = document.querySelector<HTMLElement>('[data-focus="true"] input:not([disabled])');
      if (!input) return;
      input.scrollIntoView({ block: "center" });
      input.focus({ preventScroll: true });
    }, 100);
    return () => clearTimeout(timer);
  }, [step, active]);
  return null;
}
