import assert from "node:assert/strict";
import { test } from "node:test";
import { decide } from "../src/decide.ts";
import { GateSync, type GateChange, type GateSource } from "../src/sync.ts";

/**
 * GateSync against an in-memory source: the load, changes applied in order, a
 * source that fails (the gate keeps its set and catches up), a load that fails
 * at first (retried), a rewritten log (reloaded), and notifications.
 */
class MemorySource implements GateSource {
  records_: {
    domain: string;
    status: GateChange["status"];
    reason: GateChange["reason"];
    orderState: string | null;
  }[] = [];
  log: GateChange[] = [];
  failing = false;
  failLoads = 0;
  signal: (() => void) | null = null;

  async currentSeq() {
    if (this.failLoads > 0) {
      this.failLoads -= 1;
      throw new Error("database down");
    }
    return this.log.at(-1)?.seq ?? 0;
  }
  async records(onPage: (page: MemorySource["records_"]) => void) {
    onPage(this.records_);
  }
  async changesSince(seq: number, limit: number) {
    if (this.failing) throw new Error("database down");
    return this.log.filter((change) => change.seq > seq).slice(0, limit);
  }
  async listen(onSignal: () => void) {
    this.signal = onSignal;
    return async () => {
      this.signal = null;
    };
  }
  push(
    domain: string,
    status: GateChange["status"],
    reason: GateChange["reason"] = null,
    orderState: string | null = null,
  ) {
    this.log.push({ seq: (this.log.at(-1)?.seq ?? 0) + 1, domain, status, reason, orderState });
  }
}

const allowed = (sync: GateSync, host: string) => decide(sync.filed(), sync.statuses(), host).allowed;

async function eventually(check: () => boolean, what: string) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > 3_000) assert.fail(`not within 3 s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

test("loads the records, then applies the log in order", async () => {
  const source = new MemorySource();
  source.records_ = [
    { domain: "filed.cn", status: "filed", reason: null, orderState: null },
    { domain: "gone.cn", status: "blocked", reason: "cancelled", orderState: null },
  ];
  const sync = new GateSync({ source, pollMs: 10 });
  await sync.start();
  try {
    assert.ok(allowed(sync, "www.filed.cn"), "sub-domains of a loaded domain pass");
    assert.deepEqual(decide(sync.filed(), sync.statuses(), "gone.cn"), {
      allowed: false,
      host: "gone.cn",
      reason: "cancelled",
    });
    source.push("new.cn", "blocked", "in_progress", "bureau_review");
    source.signal?.();
    await eventually(() => sync.statuses().has("new.cn"), "the in-progress status");
    assert.equal(sync.statuses().get("new.cn")?.stateLabel, "管局审核中 / In bureau review");
    source.push("new.cn", "filed");
    source.push("filed.cn", "unknown");
    await eventually(() => allowed(sync, "new.cn"), "the approval");
    assert.equal(allowed(sync, "filed.cn"), false, "a domain no longer on record is blocked");
    assert.equal(sync.statuses().has("new.cn"), false, "a filed domain has no block reason");
    assert.equal(sync.position, 3);
  } finally {
    await sync.stop();
  }
});

test("a failing source leaves the set as it was; the gate catches up when it is back", async () => {
  const source = new MemorySource();
  source.records_ = [{ domain: "filed.cn", status: "filed", reason: null, orderState: null }];
  const warnings: string[] = [];
  const sync = new GateSync({
    source,
    pollMs: 10,
    log: (level, message) => level === "warn" && warnings.push(message),
  });
  await sync.start();
  try {
    source.failing = true;
    source.push("later.cn", "filed");
    await eventually(() => warnings.length > 0, "a warning");
    assert.ok(allowed(sync, "filed.cn"), "still served while the database is away");
    assert.equal(allowed(sync, "later.cn"), false);
    source.failing = false;
    await eventually(() => allowed(sync, "later.cn"), "the change made while away");
  } finally {
    await sync.stop();
  }
});

test("a load that fails is retried until it succeeds", async () => {
  const source = new MemorySource();
  source.records_ = [{ domain: "filed.cn", status: "filed", reason: null, orderState: null }];
  source.failLoads = 2;
  const sync = new GateSync({ source, pollMs: 10 });
  await sync.start();
  try {
    assert.ok(sync.isLoaded);
    assert.ok(allowed(sync, "filed.cn"));
  } finally {
    await sync.stop();
  }
});

test("a log with a gap (a restored database) makes the gate load again", async () => {
  const source = new MemorySource();
  const sync = new GateSync({ source, pollMs: 10 });
  await sync.start();
  try {
    source.records_ = [{ domain: "restored.cn", status: "filed", reason: null, orderState: null }];
    source.log = [{ seq: 40, domain: "other.cn", status: "filed", reason: null, orderState: null }];
    await eventually(() => allowed(sync, "restored.cn"), "the reload");
    assert.equal(sync.position, 40);
  } finally {
    await sync.stop();
  }
});

test("stop() ends a load that keeps failing", async () => {
  const source = new MemorySource();
  source.failLoads = 1_000;
  const sync = new GateSync({ source, pollMs: 10 });
  const started = sync.start();
  await new Promise((resolve) => setTimeout(resolve, 50));
  await sync.stop();
  await started;
  assert.equal(sync.isLoaded, false);
});
