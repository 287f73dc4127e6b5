import { useLang } from "../../i18n";
import type { OrderView } from "../../types";
import { ReturnedFieldsAlert } from "../ReturnedFieldsAlert";
import { KindFacts } from "../filing/KindFacts";
import { OrderKindBanner } from "../filing/OrderKindBanner";
import type { ChangeDiff } from "../filing/changeDiff";
import { MiitRecordCard } from "../filing/MiitRecordCard";
import { goesToRegulator, isExpectedType, regulatorTypeOf } from "../filing/orderKinds";
import { FocusFirst } from "./FocusFirst";
import { STEP_KEYS } from "./steps";

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
          {/* A claim never reaches MIIT: nobody is texted, no bureau decides. */}
          {goesToRegulator(view.type) ? (
            <KindFacts
              type={regulatorTypeOf(view, diff?.regulatorType)}
              expected={isExpectedType(view)}
              data={view.data}
            />
          ) : null}
        </OrderKindBanner>
      )}
      {/* 新增接入 and 认领: the filing as MIIT holds it, to fill the order in as it stands. */}
      {step <= STEP_KEYS.indexOf("website") ? (
        <MiitRecordCard record={view.miitRecord} data={view.data} />
      ) : null}
      <ReturnedFieldsAlert
        title={t("kind.focusTitle")}
        fields={focus.map((path) => ({ field: path, reason: t("kind.focusReason") }))}
      />
      <FocusFirst step={step} active={focus.length > 0} />
    </>
  );
}
