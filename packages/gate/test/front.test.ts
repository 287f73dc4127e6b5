import assert from "node:assert/strict";
import { createServer, request, type Server } from "node:http";
import { after, before, test } from "node:test";
import { decide, type KnownStatus } from "../src/decide.ts";
import { FiledDomainSet } from "../src/filed-set.ts";
import { normalizeHost } from "../src/host.ts";
import { createGate } from "../src/server.ts";

/** The gate's front over real HTTP: decisions, the block page and its escaping, proxying, live updates. */
let filed = FiledDomainSet.fromDomains(["example.cn", "xn--fsqu00a.xn--fiqs8s"]);
const statuses = new Map<string, KnownStatus>([
  ["elsewhere.cn", { reason: "filed_elsewhere" }],
  ["pending.cn", { reason: "in_progress", stateLabel: "待短信核验" }],
]);
let gate: Server;
let proxy: Server;
let upstream: Server;
let gatePort = 0;
let proxyPort = 0;

const listen = (server: Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    }),
  );

before(async () => {
  upstream = createServer((req, res) => res.end(`upstream saw ${req.headers.host}${req.url}`));
  const upstreamPort = await listen(upstream);
  gate = createGate({ filed: () => filed, statuses: () => statuses, mode: "decision" });
  gatePort = await listen(gate);
  proxy = createGate({
    filed: () => filed,
    statuses: () => statuses,
    mode: "proxy",
    upstream: { host: "127.0.0.1", port: upstreamPort },
    blockStatus: 403,
  });
  proxyPort = await listen(proxy);
});
after(() => Promise.all([gate, proxy, upstream].map((server) => new Promise((done) => server.close(done)))));

/** A request with any Host header (fetch would refuse to send a forged one). */
function get(port: number, host: string, path = "/") {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path, headers: { host } }, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on("error", reject);
      req.end();
    },
  );
}

test("host names: case, trailing dot, port, IDN and punycode are one name", () => {
  assert.equal(normalizeHost("WWW.Example.CN.:8080"), "www.example.cn");
  assert.equal(normalizeHost("例子.中国"), "xn--fsqu00a.xn--fiqs8s");
  assert.equal(normalizeHost("www.例子。中国"), "www.xn--fsqu00a.xn--fiqs8s");
});

// Browsers send IDN hosts in punycode (Node's client refuses raw Unicode in Host); the Unicode form is
// covered by normalizeHost above.
test("filed domains and their sub-domains pass; others are blocked with the reason the platform knows", async () => {
  for (const host of ["example.cn", "WWW.EXAMPLE.CN.", "a.b.example.cn:80", "www.xn--fsqu00a.xn--fiqs8s"]) {
    const answer = await get(gatePort, host);
    assert.equal(answer.status, 204, host);
    assert.equal(answer.headers["x-beian-decision"], "allow", host);
  }
  const never = await get(gatePort, "badexample.cn");
  assert.equal(never.status, 451);
  assert.match(never.body, /尚未在本接入商处办理ICP备案/);
  assert.match(never.body, /no ICP filing with this provider/);
  assert.match((await get(gatePort, "www.elsewhere.cn")).body, /新增接入/);
  const pending = await get(gatePort, "pending.cn");
  assert.match(pending.body, /备案正在办理中/);
  assert.match(pending.body, /待短信核验/);
});

test("a Host header holding markup comes back escaped, never as markup", async () => {
  const answer = await get(gatePort, '<script>alert("x")</script>.cn');
  assert.equal(answer.status, 451);
  assert.ok(!answer.body.includes("<script>alert"), "no live script");
  assert.match(answer.body, /&#60;script&#62;alert\(&#34;x&#34;\)&#60;\/script&#62;\.cn/);
  assert.match(String(answer.headers["content-security-policy"]), /default-src 'none'/);
});

test("on TLS the SNI name must belong to the same filed domain as the Host header", () => {
  const fronted = decide(filed, statuses, "unfiled.cn", "www.example.cn");
  assert.equal(fronted.allowed, false, "Host unfiled behind a filed SNI");
  const mismatch = decide(filed, statuses, "www.example.cn", "xn--fsqu00a.xn--fiqs8s");
  assert.equal(mismatch.allowed, false, "two different filed sites");
  assert.equal(decide(filed, statuses, "www.example.cn", "static.example.cn").allowed, true);
});

test("proxy mode passes allowed requests through and blocks with the configured status", async () => {
  const allowed = await get(proxyPort, "www.example.cn", "/path?q=1");
  assert.equal(allowed.status, 200);
  assert.equal(allowed.body, "upstream saw www.example.cn/path?q=1");
  assert.equal((await get(proxyPort, "other.cn")).status, 403);
});

test("an approval or a cancellation applies to the next request, without a restart", async () => {
  assert.equal((await get(gatePort, "new-site.cn")).status, 451);
  filed.add("new-site.cn");
  assert.equal((await get(gatePort, "www.new-site.cn")).status, 204);
  filed.delete("example.cn");
  assert.equal((await get(gatePort, "example.cn")).status, 451);
  // A whole new table swapped in (a reload from the database) is used from the next request too.
  filed = FiledDomainSet.fromDomains(["example.cn"]);
  assert.equal((await get(gatePort, "example.cn")).status, 204);
});
