import { execFile, fork, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeNginxExport } from "../../packages/gate/src/nginx-export.ts";

/**
 * The gate at request level against its two yardsticks, on the same machine in
 * the same run: bare node:http (what any Node front costs) and nginx with the
 * gate's own nginx export (what a provider already runs). All three answer the
 * same 204 with the decision headers for filed sub-domains, under wrk with the
 * Host rotating over names spread across the whole table, so lookups miss the
 * caches as real traffic would. Only filed names: an unfiled one gets a block
 * page, which bare node:http could not send alike. The gate is measured after a
 * live update, as it runs in production. Every server runs in a process of its own.
 */
export interface GateHttpFigures {
  domains: number;
  gateRequestsPerSecond: number;
  gateP99Ms: number;
  bareNodeRequestsPerSecond: number;
  bareNodeP99Ms: number;
  nginxRequestsPerSecond: number;
  nginxP99Ms: number;
  nginxLoadMs: number;
  nginxRssBytes: number;
  gateLoadMs: number;
  gateRssBytesPerDomain: number;
  gateUpdateVisibleMs: number;
}

const NGINX = "/usr/sbin/nginx";
const WRK = "/usr/bin/wrk";
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SERVER_SCRIPT = fileURLToPath(new URL("./gate-http-server.ts", import.meta.url));
const HOSTS = 16_384;
const WARM_UP = "2s";
const DURATION = "5s";
const CONNECTIONS = 50;
const ROUNDS = 3;

/** Pre-formatted requests, one a host, taken in turn: the script costs wrk one table read a request. */
const ROTATE_HOSTS = `local requests = {}
local next_request = 0
function init(args)
  for host in io.lines(args[1]) do
    requests[#requests + 1] = wrk.format("GET", "/", { ["Host"] = host })
  end
end
function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end
`;

interface Run {
  requestsPerSecond: number;
  p99Ms: number;
}

/** The run with the median rate, its own p99 with it. */
function median(runs: Run[]): Run {
  return [...runs].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(runs.length / 2)]!;
}

interface ServerReady {
  port: number;
  loadMs: number;
  rssBefore: number;
  rssAfter: number;
}

export async function benchGateHttp(count: number): Promise<GateHttpFigures> {
  for (const [path, what] of [
    [NGINX, "nginx (apt-get install nginx)"],
    [WRK, "wrk (apt-get install wrk)"],
  ] as const)
    if (!existsSync(path)) throw new Error(`the gate's HTTP bench needs ${what}: ${path} is missing`);
  const dir = await mkdtemp(join(tmpdir(), "beian-gate-http-"));
  const children: ChildProcess[] = [];
  const killAll = () => children.forEach((child) => child.exitCode === null && child.kill("SIGKILL"));
  process.once("exit", killAll);
  try {
    const hostsFile = join(dir, "hosts.txt");
    const script = join(dir, "rotate.lua");
    await writeFile(hostsFile, sampleHosts(count).join("\n") + "\n");
    await writeFile(script, ROTATE_HOSTS);
    const gate = await startNode(children, "gate", count);
    const gateUpdateVisibleMs = await updateVisible(gate.child, gate.ready.port);
    const bare = await startNode(children, "bare", 0);
    const nginx = await startNginx(children, dir, count);
    // Rounds in turn, each begun by another server, median kept: the machine's other
    // load and any drift over the run then weigh on all three alike.
    const ports = [gate.ready.port, bare.ready.port, nginx.port];
    const runs: Run[][] = [[], [], []];
    for (let round = 0; round < ROUNDS; round++) {
      for (let turn = 0; turn < ports.length; turn++) {
        const server = (round + turn) % ports.length;
        runs[server]!.push(await measure(ports[server]!, script, hostsFile));
      }
    }
    const [gateLoad, bareLoad, nginxLoad] = runs.map(median) as [Run, Run, Run];
    return {
      domains: count,
      gateRequestsPerSecond: gateLoad.requestsPerSecond,
      gateP99Ms: gateLoad.p99Ms,
      bareNodeRequestsPerSecond: bareLoad.requestsPerSecond,
      bareNodeP99Ms: bareLoad.p99Ms,
      nginxRequestsPerSecond: nginxLoad.requestsPerSecond,
      nginxP99Ms: nginxLoad.p99Ms,
      nginxLoadMs: nginx.loadMs,
      nginxRssBytes: nginx.rssBytes,
      gateLoadMs: gate.ready.loadMs,
      gateRssBytesPerDomain: Math.max(0, gate.ready.rssAfter - gate.ready.rssBefore) / count,
      gateUpdateVisibleMs,
    };
  } finally {
    await Promise.all(children.map(stop));
    process.removeListener("exit", killAll);
    await rm(dir, { recursive: true, force: true });
  }
}

/** Filed sub-domains spread over the whole table (the same names as gate-set.ts). */
function sampleHosts(count: number): string[] {
  return Array.from(
    { length: Math.min(HOSTS, count) },
    (_, index) => `www.site-${Math.floor((index * count) / Math.min(HOSTS, count)).toString(36)}.example.cn`,
  );
}

async function startNode(children: ChildProcess[], mode: "gate" | "bare", count: number) {
  const child = fork(SERVER_SCRIPT, [mode, String(count)], {
    cwd: ROOT,
    execArgv: ["--expose-gc", "--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  children.push(child);
  const ready = await new Promise<ServerReady>((resolve, reject) => {
    child.once("message", (message) => resolve(message as ServerReady));
    child.once("exit", (code) => reject(new Error(`the ${mode} server exited (${code}) before listening`)));
  });
  return { child, ready };
}

/** From the update sent to the gate until a request for the new domain is allowed. */
async function updateVisible(child: ChildProcess, port: number): Promise<number> {
  const host = "www.just-approved.example.cn";
  if ((await status(port, host)) !== 451) throw new Error(`${host} must be blocked before its update`);
  const started = performance.now();
  child.send({ add: "just-approved.example.cn" });
  while ((await status(port, host)) !== 204) {
    if (performance.now() - started > 5000) throw new Error(`${host} still blocked 5 s after its update`);
  }
  return performance.now() - started;
}

async function startNginx(children: ChildProcess[], dir: string, count: number) {
  const names = function* () {
    for (let index = 0; index < count; index++) yield `site-${index.toString(36)}.example.cn`;
  };
  const exported = join(dir, "export");
  await writeNginxExport(exported, { filed: names(), statuses: new Map() });
  const port = await freePort();
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
  await writeFile(
    join(dir, "nginx.conf"),
    `worker_processes 1;
events { worker_connections 1024; }
http {
    access_log off;
    server_tokens off;
    ${["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(temp).join("\n    ")}
    include ${join(exported, "beian-map.conf")};
    # The gate's x-beian-domain, so that nginx sends the same bytes (the export alone does not name it).
    map $host $bench_domain { "~^[^.]+\\.(?<domain>.+)$" $domain; }
    server {
        listen 127.0.0.1:${port} backlog=4096;
        include ${join(exported, "beian-gate.conf")};
        location / {
            add_header x-beian-decision allow;
            add_header x-beian-domain $bench_domain;
            return 204;
        }
    }
}
`,
  );
  const started = performance.now();
  const child = spawn(
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
    { stdio: "ignore" },
  );
  children.push(child);
  const probe = sampleHosts(count)[0]!;
  while ((await status(port, probe).catch(() => 0)) !== 204) {
    if (child.exitCode !== null)
      throw new Error(`nginx exited (${child.exitCode}): ${await readFile(join(dir, "error.log"), "utf8")}`);
    await new Promise((done) => setTimeout(done, 20));
  }
  const loadMs = performance.now() - started;
  const pids = [child.pid!, ...childrenOf(child.pid!)];
  const rssBytes = pids.reduce((sum, pid) => sum + vmRss(pid), 0);
  return { child, port, loadMs, rssBytes };
}

/** wrk after a short warm-up: requests a second and the 99th percentile latency. */
async function measure(port: number, script: string, hostsFile: string) {
  const url = `http://127.0.0.1:${port}/`;
  const run = (duration: string) =>
    new Promise<string>((resolve, reject) =>
      execFile(
        WRK,
        ["-t1", `-c${CONNECTIONS}`, `-d${duration}`, "--latency", "-s", script, url, "--", hostsFile],
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
  await run(WARM_UP);
  return parseWrk(await run(DURATION));
}

export function parseWrk(output: string): Run {
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const p99 = /^\s*99%\s+([\d.]+)(us|ms|s|m)\s*$/m.exec(output);
  if (!rate || !p99) throw new Error(`unexpected wrk output:\n${output}`);
  if (/Non-2xx or 3xx responses|Socket errors/.test(output))
    throw new Error(`wrk saw failed requests: the bench is broken\n${output}`);
  const unit = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[p99[2] as "us" | "ms" | "s" | "m"];
  return { requestsPerSecond: Number(rate[1]), p99Ms: Number(p99[1]) * unit };
}

function status(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, headers: { host }, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // The parent pid is the 4th field, after the name in parentheses.
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

function vmRss(pid: number): number {
  const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return kilobytes ? Number(kilobytes[1]) * 1024 : 0;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited(child);
  clearTimeout(timer);
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => child.once("exit", () => done()));
}
