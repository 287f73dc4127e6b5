import { useLang } from "../../i18n";
import type { OrderView } from "../../types";
import { ReturnedFieldsAlert } from "../ReturnedFieldsAlert";
import { KindFacts } from "../filing/KindFacts";
import { OrderKindBanner } from "../filing/OrderKindBanner";
import type { ChangeDiff } from "../filing/changeDiff";
import { isExpectedType, regulatorTypeOf } from "../filing/orderKinds";
import { FocusFirst } from "./FocusFirst";

interface Props {
  view: OrderView;
  /** A change against the filing, for the type MIIT receives it as. */
  diff: ChangeDiff | null;
  /** A watch finding's fields to update (?focus=…). */
  focus: string[];
  step: number;
}

/**
 * Above the wizard's steps: for an order on a filing its kind, what it may change, what MIIT
 * receives it as and who gets an SMS; the fields a watch finding asks to update, the first focused.
 */
export function KindHeader({ view, diff, focus, step }: Props) {
  const { t } = useLang();
  return (
    <>
      {view.type === "first_filing" ? null : (
        <OrderKindBanner order={view} text="rules">
          <KindFacts
            type={regulatorTypeOf(view, diff?.regulatorType)}
            expected={isExpectedType(view)}
            data={view.data}
          />
        </OrderKindBanner>
      )}
      <ReturnedFieldsAlert
        title={t("kind.focusTitle")}
        fields={focus.map((path) => ({ field: path, reason: t("kind.focusReason") }))}
      />
      <FocusFirst step={step} active={focus.length > 0} />
    </>
  );
}
