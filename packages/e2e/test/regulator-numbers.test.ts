/**
 * Number issuance under load and across a crash: 200 orders of one province in
 * bureau review at the simulator (its own process), approved 100 at a time in
 * parallel with a SIGKILL and a restart in between, must come out as 200
 * distinct, well-formed and gapless subject numbers, and every decision must
 * still reach the platform. The test plays the platform's internal endpoints.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { chinaDate, makeResidentId } from "@openbeian/core";
import {
  REGULATOR_SIM,
  eventually,
  freePort,
  startProcess,
  type RunningProcess,
} from "./support/processes.ts";

const ORDERS = 200;
const token = randomBytes(24).toString("base64url");
let dir = "";
let simulator: RunningProcess;
let simulatorArgs: string[] = [];
let simulatorUrl = "";
let receiver: Server;
/** What the "platform" heard: events by message id, the latest code per order. */
const events = new Map<string, { orderNumber: string; type: string }>();
const codes = new Map<string, string>();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "openbeian-numbers-"));
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      const message = JSON.parse(body) as {
        messageId: string;
        orderNumber: string;
        event?: { type: string };
        text?: string;
      };
      if (request.url === "/api/internal/sms") {
        const code = /短信核验码为(\d{6})/.exec(message.text ?? "")?.[1];
        if (code) codes.set(message.orderNumber, code);
      } else if (message.event) {
        events.set(message.messageId, { orderNumber: message.orderNumber, type: message.event.type });
      }
      response.writeHead(200, { "content-type": "application/json" });
      response.end("{}");
    });
  });
  const receiverPort = await freePort();
  await new Promise<void>((resolve) => receiver.listen(receiverPort, "127.0.0.1", resolve));
  const port = await freePort();
  simulatorUrl = `http://127.0.0.1:${port}`;
  simulatorArgs = [
    ...["--port", String(port), "--platform-url", `http://127.0.0.1:${receiverPort}`],
    ...["--data", join(dir, "regulator-sim.sqlite"), "--speed", "1000000", "--bureau-days", "11=250"],
    ...["--no-dns", "--verify-rate-limit", "100000"],
  ];
  simulator = await startProcess(
    REGULATOR_SIM,
    simulatorArgs,
    { BEIAN_REGULATOR_TOKEN: token },
    /listening on/,
  );
});

after(async () => {
  await simulator?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const call = async (path: string, body?: unknown, auth = true) => {
  const response = await fetch(`${simulatorUrl}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      ...(auth ? { authorization: `Bearer ${token}` } : {}),
      "content-type": "application/json",
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

test("200 parallel approvals in one province, across a crash: distinct, well-formed, gapless numbers", async () => {
  const people = Array.from({ length: ORDERS }, (_, index) => ({
    name: "张三",
    certificateNumber: makeResidentId("110105", "1990-01-01", String(100 + index).padStart(3, "0")),
    mobile: `138${String(index).padStart(8, "0")}`,
  }));
  const orderNumber = (index: number) => `OBN${String(index).padStart(6, "0")}`;
  const submitted = await Promise.all(
    people.map((head, index) =>
      call("/api/submissions", {
        messageId: `message-${index}`,
        orderNumber: orderNumber(index),
        orderType: "first_filing",
        province: "11",
        payload: {
          subject: {
            type: "personal",
            name: head.name,
            certificateNumber: head.certificateNumber,
            divisionCode: "110105",
            head,
          },
          websites: [{ name: "张三的编程笔记", domain: `site-${index}.cn`, head }],
        },
      }),
    ),
  );
  assert.ok(
    submitted.every((answer) => answer.status === 201),
    "every submission accepted",
  );
  await eventually("200 SMS texts", async () => codes.size === ORDERS, 60_000);
  const verified = await Promise.all(
    people.map((head, index) =>
      call(
        "/api/sms/verify",
        {
          mobile: head.mobile,
          code: codes.get(orderNumber(index)),
          certificateLast6: head.certificateNumber.slice(-6),
        },
        false,
      ),
    ),
  );
  assert.ok(
    verified.every((answer) => answer.body.outcome === "all_verified"),
    "every SMS verified",
  );
  const inReview = await call("/api/orders?phase=bureau_review");
  assert.equal((inReview.body.items as unknown[]).length, ORDERS);

  const approve = (indexes: number[]) =>
    Promise.all(
      indexes.map((index) => call(`/api/orders/${orderNumber(index)}/decision`, { approve: true })),
    );
  const indexes = people.map((_, index) => index);
  const firstHalf = await approve(indexes.slice(0, ORDERS / 2));
  await simulator.stop("SIGKILL");
  simulator = await startProcess(
    REGULATOR_SIM,
    simulatorArgs,
    { BEIAN_REGULATOR_TOKEN: token },
    /listening on/,
  );
  const secondHalf = await approve(indexes.slice(ORDERS / 2));

  const numbers = [...firstHalf, ...secondHalf].map((answer) => {
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return (
      answer.body.event as { numbers: { subjectNumber: string; websiteNumbers: Record<string, string> } }
    ).numbers;
  });
  const year = chinaDate(new Date()).slice(0, 4);
  const serials = numbers.map(({ subjectNumber, websiteNumbers }) => {
    const match = new RegExp(`^京ICP备${year}(\\d{6})号$`).exec(subjectNumber);
    assert.ok(match, `well-formed: ${subjectNumber}`);
    assert.deepEqual(Object.values(websiteNumbers), [`${subjectNumber}-1`]);
    return Number(match[1]);
  });
  assert.equal(new Set(serials).size, ORDERS, "distinct");
  assert.deepEqual(
    [...serials].sort((a, b) => a - b),
    Array.from({ length: ORDERS }, (_, index) => index + 1),
    "gapless from 1",
  );
  // Every decision reaches the platform, the ones queued before the crash included.
  await eventually(
    "200 approvals reported",
    async () => [...events.values()].filter((event) => event.type === "bureau_approved").length === ORDERS,
    60_000,
  );
});
