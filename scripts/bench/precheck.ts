import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { precheck } from "@openbeian/core";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { typicalOrder } from "./typical-order.ts";

/**
 * Pre-checks per second for a typical personal order on one core (one thread,
 * a tight loop) against a same-run baseline, and the time of one pre-check in a
 * browser bundle of core running in Debian's Chromium.
 */
export interface PrecheckFigures {
  perSecond: number;
  baselinePerSecond: number;
  problems: number;
  browserMeanMicroseconds: number | null;
  bundleBytes: number;
}

function perSecond(fn: () => unknown, seconds: number): number {
  for (let i = 0; i < 500; i++) fn(); // warm-up
  let runs = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  while (performance.now() < until) {
    for (let i = 0; i < 100; i++) fn();
    runs += 100;
  }
  return runs / ((performance.now() - started) / 1000);
}

export async function benchPrecheck(seconds = 3): Promise<PrecheckFigures> {
  const { order, context } = typicalOrder();
  const problems = precheck(order, context);
  if (problems.some((problem) => problem.severity === "error")) {
    throw new Error(`the typical order should pass: ${JSON.stringify(problems)}`);
  }
  const text = JSON.stringify(order);
  // Baseline: parse and re-serialise the order, the least any check of it costs.
  const baselinePerSecond = perSecond(() => JSON.stringify(JSON.parse(text)), seconds);
  const precheckPerSecond = perSecond(() => precheck(order, context), seconds);
  const { browserMeanMicroseconds, bundleBytes } = await benchInBrowser();
  return {
    perSecond: precheckPerSecond,
    baselinePerSecond,
    problems: problems.length,
    browserMeanMicroseconds,
    bundleBytes,
  };
}

async function benchInBrowser(): Promise<{ browserMeanMicroseconds: number | null; bundleBytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), "beian-precheck-bundle-"));
  try {
    const outfile = join(dir, "precheck.js");
    await build({
      entryPoints: [join(import.meta.dirname, "precheck-browser-entry.ts")],
      bundle: true,
      minify: true,
      format: "iife",
      platform: "browser",
      target: "es2022",
      outfile,
      logLevel: "error",
    });
    const script = readFileSync(outfile, "utf8");
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const page = await browser.newPage();
      await page.setContent("<!doctype html><html><body></body></html>");
      await page.addScriptTag({ content: script });
      const result = await page.evaluate(() => window.benchPrecheck(5000));
      return { browserMeanMicroseconds: result.meanMicroseconds, bundleBytes: Buffer.byteLength(script) };
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
