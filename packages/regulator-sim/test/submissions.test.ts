import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createSimulator, type Simulator } from "../src/http-server.ts";

let simulator: Simulator;
let base: string;
const token = "simulator-token-0123456789abcdef";

before(async () => {
  simulator = createSimulator({ token, domainResolves: async () => null });
  base = await simulator.listen(0);
});
after(() => simulator.close());

const submit = (body: unknown, auth = `Bearer ${token}`) =>
  fetch(`${base}/api/submissions`, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

test("a submission is accepted once per message id, whatever the deliveries", async () => {
  const message = {
    messageId: "m-1",
    orderNumber: "OB20260302000001",
    orderType: "first_filing",
    province: "33",
    payload: { subject: {} },
  };
  assert.equal((await submit(message)).status, 201);
  const again = await submit(message);
  assert.equal(again.status, 200);
  assert.equal(((await again.json()) as { duplicate: boolean }).duplicate, true);
  assert.equal(simulator.store.submissions().length, 1);
  assert.equal(simulator.store.submissions()[0]?.deliveries, 2);
});

test("the bearer token and the message shape are checked", async () => {
  assert.equal((await submit({}, "Bearer wrong")).status, 401);
  assert.equal((await submit({ messageId: "m-2" })).status, 400);
  assert.equal((await fetch(`${base}/healthz`)).status, 200);
});
