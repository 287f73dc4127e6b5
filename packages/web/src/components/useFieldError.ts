import type { FormInstance } from "antd";
import { ApiError } from "../api";
import { useLang } from "../i18n";

/**
 * Puts a server refusal under the form field it is about: when `error` is an API error whose
 * code is one of `codes`, its message (in the current language) becomes the field's error and
 * the answer is true; otherwise false, and the caller shows the error its own way.
 */
export function useFieldError() {
  const { pick } = useLang();
  return (
    form: FormInstance,
    name: string,
    error: unknown,
    codes: ReadonlySet<string>,
  ): error is ApiError => {
    if (!(error instanceof ApiError) || !codes.has(error.code)) return false;
    form.setFields([{ name, errors: [pick(error.localized)] }]);
    return true;
  };
}
