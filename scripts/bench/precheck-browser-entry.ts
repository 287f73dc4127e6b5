import { precheck } from "@openbeian/core";
import { typicalOrder } from "./typical-order.ts";

/** Runs in Chromium: the same engine and order as the Node figure. */
declare global {
  interface Window {
    benchPrecheck: (runs: number) => { meanMicroseconds: number; problems: number };
  }
}

window.benchPrecheck = (runs: number) => {
  const { order, context } = typicalOrder();
  let problems = precheck(order, context).length;
  for (let i = 0; i < 200; i++) problems = precheck(order, context).length; // warm-up
  const started = performance.now();
  for (let i = 0; i < runs; i++) problems = precheck(order, context).length;
  return { meanMicroseconds: ((performance.now() - started) * 1000) / runs, problems };
};
