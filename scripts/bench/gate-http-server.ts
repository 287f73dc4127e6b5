/**
 * A server for scripts/bench/gate-http.ts, in its own process so that the bench's
 * heap and the other servers' do not count in its memory or its timings.
 * `gate COUNT`: createGate in decision mode over COUNT filed domains; `bare`:
 * node:http answering the same 204 without any lookup. It tells the parent
 * through IPC: { port, loadMs, rssBefore, rssAfter }, then applies { add } messages
 * and acknowledges each with { added }.
 */
import { createServer } from "node:http";
import type { KnownStatus } from "../../packages/gate/src/decide.ts";
import { FiledDomainSet } from "../../packages/gate/src/filed-set.ts";
import { createGate } from "../../packages/gate/src/server.ts";

const [mode = "gate", countText = "0"] = process.argv.slice(2);
const send = (message: object) => process.send?.(message);

/** RSS after full collections: what V8 still keeps of the load's garbage counts as the gate's cost. */
async function settledRss(): Promise<number> {
  for (let round = 0; round < 3; round++) {
    globalThis.gc?.();
    await new Promise((done) => setTimeout(done, 50));
  }
  return process.memoryUsage().rss;
}

/** In a function of its own, so that no suspended frame of the module keeps the names alive. */
function load(count: number) {
  const names = Array.from({ length: count }, (_, index) => `site-${index.toString(36)}.example.cn`);
  const started = performance.now();
  const filed = FiledDomainSet.fromDomains(names);
  return { filed, loadMs: performance.now() - started };
}

const rssBefore = await settledRss();
let loadMs = 0;
let filed = new FiledDomainSet();
const statuses = new Map<string, KnownStatus>();
const server =
  mode === "bare"
    ? createServer((request, response) => {
        // The gate's answer for an allowed sub-domain, with the domain cut from the host instead of looked up.
        const host = request.headers.host ?? "";
        response.writeHead(204, {
          "x-beian-decision": "allow",
          "x-beian-domain": host.slice(host.indexOf(".") + 1),
        });
        response.end();
      })
    : createGate({ filed: () => filed, statuses: () => statuses, mode: "decision" });
if (mode === "gate") ({ filed, loadMs } = load(Number(countText)));
const rssAfter = await settledRss();
// A bench that dies leaves no server behind.
process.on("disconnect", () => process.exit(0));
process.on("message", (message: { add?: string }) => {
  if (message.add) {
    filed.add(message.add);
    send({ added: message.add });
  }
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  send({ port: typeof address === "object" && address ? address.port : 0, loadMs, rssBefore, rssAfter });
});
