import { changedPaths, type RegulatorOrderType } from "@openbeian/core";
import { useEffect, useState } from "react";
import type { OrderData, Website } from "../../types";
import type { DiffTableRow } from "../DiffTable";
import type * as ChangeRules from "./changeRules";
import { valueAt } from "../review/labels";

export interface ChangeDiff {
  /** Each changed field: its path in the order (after the change) and its value before and after. */
  rows: DiffTableRow[];
  /** Domains the change removes from the filing. */
  removed: string[];
  /** What MIIT receives it as (core regulatorChangeType); null when nothing changed. */
  regulatorType: RegulatorOrderType | null;
}

const domainOf = (website: Website | undefined) => (website?.domain ?? "").trim().toLowerCase();

/**
 * The change field by field: the subject as it is, each website of the order against the filed
 * website of the same domain (so a removed website does not shift the others), and the domains
 * removed.
 */
function changeRows(before: OrderData, after: OrderData): Omit<ChangeDiff, "regulatorType"> {
  const filed = new Map((before.websites ?? []).map((website) => [domainOf(website), website]));
  const aligned = {
    subject: before.subject,
    websites: (after.websites ?? []).map((website) => filed.get(domainOf(website))),
  };
  const comparable = { subject: after.subject, websites: after.websites ?? [] };
  const rows = changedPaths(aligned, comparable).map((path) => ({
    path,
    before: valueAt(aligned, path),
    after: valueAt(comparable, path),
  }));
  const kept = new Set((after.websites ?? []).map(domainOf));
  const removed = (before.websites ?? [])
    .map((website) => website.domain ?? "")
    .filter((domain) => !kept.has(domain.trim().toLowerCase()));
  return { rows, removed };
}

type Rules = typeof ChangeRules;
let rules: Promise<Rules> | null = null;

/** Core's change rules, loaded on first use (`active`); null until then. */
export function useChangeRules(active: boolean): Rules | null {
  const [loaded, setLoaded] = useState<Rules | null>(null);
  useEffect(() => {
    if (!active || loaded) return;
    let live = true;
    rules ??= import("./changeRules");
    rules
      .then((module) => live && setLoaded(module))
      .catch((error: unknown) => {
        rules = null;
        console.warn("change rules unavailable", error);
      });
    return () => {
      live = false;
    };
  }, [active, loaded]);
  return loaded;
}

/**
 * The change of `data` against the filing as it stands, with the type MIIT receives it as
 * (core's changeScope and regulatorChangeType); null without a filing.
 */
export function useChangeDiff(
  filing: OrderData | null | undefined,
  data: OrderData | null,
): ChangeDiff | null {
  const loaded = useChangeRules(!!filing);
  if (!filing || !data) return null;
  const { rows, removed } = changeRows(filing, data);
  const regulatorType = loaded ? loaded.regulatorChangeType(loaded.changeScope(filing, data)) : null;
  return { rows, removed, regulatorType };
}
