import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request, type Server } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { FiledDomainSet } from "../src/filed-set.ts";
import { createTlsGate } from "../src/tls.ts";

/**
 * The gate over real TLS: the SNI name and the Host header must be covered by
 * the same filed domain (no domain fronting), and a handshake without SNI is
 * not a filed site. The certificate is made with openssl for the test.
 */
const dir = mkdtempSync(join(tmpdir(), "beian-gate-tls-"));
let gate: Server;
let port = 0;

before(async () => {
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=gate.test"],
      ...["-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")],
    ],
    { stdio: "ignore" },
  );
  const filed = FiledDomainSet.fromDomains(["example.cn", "other.cn"]);
  gate = createTlsGate({
    filed: () => filed,
    statuses: () => new Map(),
    mode: "decision",
    cert: readFileSync(join(dir, "cert.pem")),
    key: readFileSync(join(dir, "key.pem")),
  });
  await new Promise<void>((resolve) => gate.listen(0, "127.0.0.1", resolve));
  const address = gate.address();
  port = typeof address === "object" && address ? address.port : 0;
});
after(async () => {
  await new Promise((resolve) => gate.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** One HTTPS request with the given SNI name ("" for none) and Host header. */
function get(sni: string, host: string) {
  return new Promise<{ status: number; decision: string | undefined; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/",
        servername: sni,
        headers: { host },
        rejectUnauthorized: false,
        agent: false,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            decision: res.headers["x-beian-decision"] as string | undefined,
            body,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

test("SNI and Host of the same filed domain pass, sub-domains included", async () => {
  assert.equal((await get("example.cn", "example.cn")).status, 204);
  assert.equal((await get("www.example.cn", "example.cn:443")).decision, "allow");
  assert.equal((await get("EXAMPLE.CN", "www.example.cn.")).decision, "allow", "case and trailing dot");
});

test("a filed SNI name cannot carry a request for another domain (fronting)", async () => {
  const fronted = await get("example.cn", "unfiled.cn");
  assert.equal(fronted.status, 451);
  assert.match(fronted.body, /unfiled\.cn/);
  const crossed = await get("other.cn", "example.cn");
  assert.equal(crossed.status, 451, "both filed, but not the same site");
  assert.equal(crossed.decision, "block");
});

test("an unfiled SNI name or none at all is blocked", async () => {
  assert.equal((await get("unfiled.cn", "example.cn")).status, 451);
  assert.equal((await get("", "example.cn")).status, 451, "no SNI");
});
