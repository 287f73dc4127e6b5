import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, request, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { blockPage } from "../src/block-page.ts";
import { decide, type KnownStatus } from "../src/decide.ts";
import { FiledDomainSet } from "../src/filed-set.ts";
import { writeNginxExport } from "../src/nginx-export.ts";

/**
 * The nginx export in a real nginx: the same decisions as decide() for the same
 * snapshot, the gate's page with the host escaped, allowed traffic passed on.
 * nginx is a requirement of this suite (apt's nginx): without it the test fails.
 */
const NGINX = "/usr/sbin/nginx";
const filedNames = ["example.cn", "xn--fsqu00a.xn--fiqs8s", "shop.pending.cn", "example.cn"];
const statuses = new Map<string, KnownStatus>([
  ["elsewhere.cn", { reason: "filed_elsewhere" }],
  ["pending.cn", { reason: "in_progress", stateLabel: "待短信核验" }],
  // Under a filed domain: the filed domain wins, as in decide().
  ["old.example.cn", { reason: "cancelled" }],
  ["gone.elsewhere.cn", { reason: "access_cancelled" }],
]);

let dir = "";
let nginx: ChildProcess | undefined;
let upstream: Server;
let port = 0;
let exported: { files: string[]; filedDomains: number };

const listen = (server: Server, at = 0) =>
  new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(at, "127.0.0.1", () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });

async function freePort(): Promise<number> {
  const probe = createServer();
  const free = await listen(probe);
  await new Promise((done) => probe.close(done));
  return free;
}

/** A request with any Host header (fetch would refuse to send a forged one). */
function get(host: string, path = "/") {
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

before(async () => {
  assert.ok(existsSync(NGINX), `${NGINX} is missing: install Debian's nginx (apt-get install nginx)`);
  dir = await mkdtemp(join(tmpdir(), "beian-nginx-"));
  upstream = createServer((req, res) => res.end(`upstream saw ${req.headers.host}${req.url}`));
  const upstreamPort = await listen(upstream);
  exported = await writeNginxExport(join(dir, "export"), { filed: filedNames, statuses });
  port = await freePort();
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
  await writeFile(
    join(dir, "nginx.conf"),
    `user root;
worker_processes 1;
events { worker_connections 64; }
http {
    access_log off;
    ${["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(temp).join("\n    ")}
    include ${join(dir, "export", "beian-map.conf")};
    server {
        listen 127.0.0.1:${port};
        include ${join(dir, "export", "beian-gate.conf")};
        location = /own-451 {
            return 451;
        }
        location / {
            proxy_set_header Host $http_host;
            proxy_pass http://127.0.0.1:${upstreamPort};
        }
    }
}
`,
  );
  nginx = spawn(
    NGINX,
    [
      "-p",
      dir,
      "-c",
      join(dir, "nginx.conf"),
      "-e",
      join(dir, "error.log"),
      "-g",
      `daemon off; pid ${join(dir, "nginx.pid")};`,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  nginx.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<never>((_, reject) =>
    nginx!.once("exit", async (code) => {
      const log = await readFile(join(dir, "error.log"), "utf8").catch(() => "");
      reject(new Error(`nginx exited (${code}): ${stderr}${log}`));
    }),
  );
  exited.catch(() => undefined);
  const deadline = Date.now() + 5000;
  for (;;) {
    const ready = await Promise.race([
      get("example.cn").then(
        () => true,
        () => false,
      ),
      exited,
    ]);
    if (ready) break;
    assert.ok(Date.now() < deadline, `nginx did not answer on port ${port} within 5 s: ${stderr}`);
    await new Promise((done) => setTimeout(done, 50));
  }
});

after(async () => {
  if (nginx && nginx.exitCode === null && nginx.signalCode === null) {
    const exited = new Promise((done) => nginx!.once("exit", done));
    nginx.kill("SIGQUIT");
    const timer = setTimeout(() => nginx!.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(timer);
  }
  await new Promise((done) => (upstream ? upstream.close(done) : done(undefined)));
  if (dir) await rm(dir, { recursive: true, force: true });
});

test("the export lists its files and counts each filed domain once", () => {
  assert.equal(exported.filedDomains, 3, "example.cn is given twice and written once");
  const names = exported.files.map((file) => file.slice(join(dir, "export").length + 1));
  assert.deepEqual(
    names.slice(0, 2),
    ["beian-map.conf", "beian-gate.conf"],
    "the map and the server snippet come first",
  );
  assert.ok(names.includes("beian-block/never_filed.html"), "one page a reason");
});

test("nginx allows what decide() allows and blocks with the same reason and page", async () => {
  const filed = FiledDomainSet.fromDomains(filedNames);
  const hosts = [
    "example.cn",
    "www.example.cn",
    "old.example.cn",
    "a.old.example.cn",
    "www.xn--fsqu00a.xn--fiqs8s",
    "unknown.cn",
    "badexample.cn",
    "elsewhere.cn",
    "www.elsewhere.cn",
    "gone.elsewhere.cn",
    "pending.cn",
    "shop.pending.cn",
    "a.shop.pending.cn",
    "cn",
  ];
  for (const host of hosts) {
    const expected = decide(filed, statuses, host);
    const answer = await get(host, "/path?q=1");
    if (expected.allowed) {
      assert.equal(answer.status, 200, `${host} is filed: passed to the upstream`);
      assert.equal(answer.body, `upstream saw ${host}/path?q=1`, `${host} reaches the upstream unchanged`);
    } else {
      assert.equal(answer.status, 451, `${host} is blocked`);
      // The same page as the gate's, but without the state label (one static page a reason).
      const page = blockPage({ host, reason: expected.reason });
      assert.equal(answer.body, page, `${host}: the gate's ${expected.reason} page`);
      assert.equal(answer.headers["content-type"], "text/html; charset=utf-8", `${host}: HTML in UTF-8`);
      assert.equal(answer.headers["x-beian-decision"], "block", `${host}: the decision header`);
      assert.equal(answer.headers["cache-control"], "no-store", `${host}: a block is never cached`);
    }
  }
});

test("case, a trailing dot and a port do not change the decision", async () => {
  for (const host of ["EXAMPLE.CN", "example.cn.", "Www.Example.Cn:8080"]) {
    const answer = await get(host);
    assert.equal(answer.status, 200, `${host} is example.cn`);
  }
  const never = await get("unknown.cn");
  assert.match(never.body, /尚未在本接入商处办理ICP备案/, "the Chinese reason");
  assert.match(never.body, /no ICP filing with this provider/, "the English reason");
  assert.match(never.body, /<p class="domain">unknown\.cn<\/p>/, "the host is named");
  assert.match((await get("elsewhere.cn")).body, /新增接入/, "filed elsewhere: add access here");
});

test("a Host header holding markup never comes back as markup", async () => {
  // nginx refuses a Host with "/" (400); one without it reaches the page and is escaped.
  const script = await get('<script>alert("x")</script>.cn');
  assert.ok(!script.body.includes("<script>alert"), `no live script (status ${script.status})`);
  const markup = await get('<b>x"&y<.cn');
  assert.equal(markup.status, 451, "blocked: not filed");
  assert.ok(!markup.body.includes("<b>x"), "no live markup");
  assert.match(markup.body, /&lt;b&gt;x&quot;&amp;y&lt;\.cn/, "the host, escaped by nginx's SSI");
});

test("a 451 of the site's own configuration is not turned into a block page", async () => {
  const own = await get("www.example.cn", "/own-451");
  assert.equal(own.status, 451, "the site's own status");
  assert.ok(!own.body.includes("网站暂时无法访问"), "no block page for a filed host");
  assert.equal(own.headers["x-beian-decision"], "allow", "the gate allowed the filed host");
});

test("names that could carry nginx syntax are refused", async () => {
  const target = join(dir, "refused");
  for (const name of ['evil.cn ""; } server {', "a b.cn", "例子.中国", ".example.cn", "a..cn", ""]) {
    await assert.rejects(
      writeNginxExport(target, { filed: [name], statuses: new Map() }),
      /refusing/,
      `${JSON.stringify(name)} refused as filed`,
    );
    await assert.rejects(
      writeNginxExport(target, { filed: [], statuses: new Map([[name, { reason: "cancelled" }]]) }),
      /refusing/,
      `${JSON.stringify(name)} refused as a status`,
    );
  }
  await assert.rejects(
    writeNginxExport(join(dir, "a dir;"), { filed: [], statuses: new Map() }),
    /refusing export directory/,
    "the directory's path goes into the snippet unquoted",
  );
  await assert.rejects(
    writeNginxExport(target, { filed: [], statuses: new Map() }, { blockStatus: 200 }),
    /blockStatus/,
    "a block must be an error status",
  );
});
