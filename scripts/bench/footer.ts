/**
 * The footer check (issue 8) over HTTP: checkFooter against four home pages served by
 * local node:http servers, and, in the same run on the same machine, plain fetches of
 * the same pages as the baseline. The baseline has checkFooter's default connection
 * policy: node:http with `agent: false`, so a fresh TCP connection per request (the
 * servers answer `connection: close` too: keep-alive is off on both sides), the same
 * request headers, the whole body read into a Buffer, no decoding and no analysis.
 * The servers run in a process of their own, as a real site would, so that what is
 * measured is the checker's side: serving cost does not dilute the ratio.
 *
 * The pages, built once (deterministic text) before anything is measured:
 * - corporate: UTF-8, navigation with sub-menus, a news list, a style sheet and scripts,
 *   the website number 浙ICP备2026001234号-1 linked to beian.miit.gov.cn and the
 *   public-security number 浙公网安备33010602011234号 with its icon, linked to its query
 *   page on beian.mps.gov.cn: no problems;
 * - legacy_gbk: GBK (declared only by `<meta charset="gbk">`), table layout, a long news
 *   table, linked 浙ICP备2026005678号-1: no problems;
 * - blog_unlinked: UTF-8, articles with code blocks, the number 浙ICP备2026009012号-1 not linked:
 *   FOOTER_ICP_NOT_LINKED, ok false;
 * - shop_guangdong: UTF-8, a product grid and a large inline state script, Guangdong showing its
 *   subject number 粤ICP备2026000007号 (linked) for the website 粤ICP备2026000007号-1:
 *   no problems.
 * Every report is checked against its page's expected `ok` and problem codes: the bench
 * throws rather than measure wrong answers.
 *
 * Sizes: BENCH_FOOTER_CHECKS requests per measurement (default 2000), spread over the
 * four pages in turn, BENCH_FOOTER_CONCURRENCY in flight (default 16); each measurement
 * 5 times, fetches and checks in turn (each round begun by the other), median kept.
 * Pages: 30–80 KB each (their sizes are printed). `footer.analyse.p50_us` and
 * `footer.decode.p50_us`: analyseFooter and decodePage alone, in-process, on the same
 * pages. `*.cpu_us`: this process's CPU time (user + system) per request.
 *
 * Extra figures, measured after those rounds (so they change nothing above), to show
 * where a check's CPU time goes. `footer.fetch_page.*`: fetchHomePage alone (the fetch
 * with its decoding and meta-refresh look, no analysis), in 3 rounds of the same size
 * with plain fetches in turn, median kept. `footer.refresh.p50_us`: metaRefreshTarget
 * alone, in-process. `footer.check.cpu_split_us`: a check's CPU time per request split
 * into the plain fetch (`fetch`), what fetchHomePage adds to it (`fetch_page_extra`,
 * the median over those 3 rounds of fetchHomePage's CPU time less the plain fetches'
 * in the same round: decoding, the refresh look, its own request handling and the
 * garbage its text makes) and the rest of a check (`analyse_and_rest`: check less
 * fetch from the rounds above, less fetch_page_extra: the analysis, the report and
 * their garbage). Each difference is taken between measurements made side by side,
 * as the machine's load drifts.
 */
import { fork, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath, pathToFileURL } from "node:url";
import { analyseFooter } from "../../packages/core/src/footer-check/analyse.ts";
import type { FooterExpectation } from "../../packages/core/src/footer-check/expectation.ts";
import { checkFooter, type FooterCheckReport } from "../../packages/server/src/footer/check-footer.ts";
import { decodePage } from "../../packages/server/src/footer/charset.ts";
import { fetchHomePage } from "../../packages/server/src/footer/fetch-page.ts";
import { metaRefreshTarget } from "../../packages/server/src/footer/meta-refresh.ts";

export interface FooterFigures {
  checks: number;
  concurrency: number;
  rounds: number;
  pageBytes: Record<string, number>;
  fetchesPerSecond: number;
  checksPerSecond: number;
  fetchCpuMicroseconds: number;
  checkCpuMicroseconds: number;
  analyseP50Microseconds: number;
  decodeP50Microseconds: number;
  /** Extra: fetchHomePage alone, its CPU time over a plain fetch's, and metaRefreshTarget alone. */
  fetchPagesPerSecond: number;
  fetchPageCpuMicroseconds: number;
  fetchPageExtraCpuMicroseconds: number;
  refreshP50Microseconds: number;
}

type Print = (name: string, value: number | string) => void;

const CHECKS = Number(process.env.BENCH_FOOTER_CHECKS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_FOOTER_CONCURRENCY ?? 16);
const ROUNDS = 5;
/** Measurements of fetchHomePage alone (an extra figure). */
const FETCH_PAGE_ROUNDS = 3;
const WARM_UP = 200;
const ANALYSE_TIMES = 250;
/** The day whose province rules apply, fixed so that the expected problems stay the same. */
const TODAY = new Date("2026-06-01T04:00:00Z");
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const MIIT = "https://beian.miit.gov.cn/";
/** What fetch-page.ts sends, so that both clients put the same bytes on the wire. */
const HEADERS = {
  "user-agent": "Mozilla/5.0 (compatible; OpenBeian-footer-check/0.1)",
  accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
  "accept-language": "zh-CN,zh;q=0.9,en;q=0.5",
};

interface BenchPage {
  name: string;
  body: Buffer;
  contentType: string;
  expect: FooterExpectation;
  ok: boolean;
  codes: string[];
}

interface ServedPage {
  body: Uint8Array;
  contentType: string;
}

export async function benchFooter(print: Print): Promise<FooterFigures> {
  const pages = buildPages();
  for (const page of pages) {
    if (page.body.length < 30 * 1024 || page.body.length > 80 * 1024)
      throw new Error(`the ${page.name} page is ${page.body.length} bytes, not 30–80 KB`);
  }
  const server = await startServers(pages);
  try {
    const urls = server.ports.map((port) => `http://127.0.0.1:${port}/`);
    const pageOf = (index: number) => index % pages.length;
    const fetchOne = async (index: number) => {
      const body = await fetchOnce(urls[pageOf(index)]!);
      const page = pages[pageOf(index)]!;
      if (body.length !== page.body.length)
        throw new Error(`${page.name}: fetched ${body.length} bytes, served ${page.body.length}`);
    };
    const checkOne = async (index: number) => {
      const page = pages[pageOf(index)]!;
      verify(page, await checkFooter(urls[pageOf(index)]!, page.expect, { today: TODAY }));
    };
    await measure(WARM_UP, fetchOne);
    await measure(WARM_UP, checkOne);
    // Rounds in turn, each begun by the other measurement, median kept: the machine's
    // other load and any drift over the run then weigh on both alike.
    const fetches: Measured[] = [];
    const checks: Measured[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? ([fetchOne, checkOne] as const) : ([checkOne, fetchOne] as const);
      for (const run of order) (run === fetchOne ? fetches : checks).push(await measure(CHECKS, run));
    }
    const fetch = median(fetches);
    const check = median(checks);
    const fetchPage = await measureFetchPage(pages, urls, fetchOne);
    const figures: FooterFigures = {
      checks: CHECKS,
      concurrency: CONCURRENCY,
      rounds: ROUNDS,
      pageBytes: Object.fromEntries(pages.map((page) => [page.name, page.body.length])),
      fetchesPerSecond: fetch.perSecond,
      checksPerSecond: check.perSecond,
      fetchCpuMicroseconds: fetch.cpuMicroseconds,
      checkCpuMicroseconds: check.cpuMicroseconds,
      fetchPagesPerSecond: fetchPage.perSecond,
      fetchPageCpuMicroseconds: fetchPage.cpuMicroseconds,
      fetchPageExtraCpuMicroseconds: fetchPage.extraCpuMicroseconds,
      ...inProcess(pages),
    };
    printFigures(figures, print);
    return figures;
  } finally {
    await server.stop();
  }
}

function printFigures(figures: FooterFigures, print: Print) {
  print(
    "footer.page_bytes",
    Object.entries(figures.pageBytes)
      .map(([name, bytes]) => `${name}=${bytes}`)
      .join(" "),
  );
  print("footer.checks", figures.checks);
  print("footer.concurrency", figures.concurrency);
  print("footer.rounds", figures.rounds);
  print("footer.fetch.per_s", Math.round(figures.fetchesPerSecond));
  print("footer.check.per_s", Math.round(figures.checksPerSecond));
  print("footer.check_vs_fetch", (figures.checksPerSecond / figures.fetchesPerSecond).toPrecision(4));
  print("footer.fetch.cpu_us", figures.fetchCpuMicroseconds.toFixed(1));
  print("footer.check.cpu_us", figures.checkCpuMicroseconds.toFixed(1));
  print("footer.analyse.p50_us", figures.analyseP50Microseconds.toFixed(1));
  print("footer.decode.p50_us", figures.decodeP50Microseconds.toFixed(1));
  print("footer.fetch_page.per_s", Math.round(figures.fetchPagesPerSecond));
  print("footer.fetch_page.cpu_us", figures.fetchPageCpuMicroseconds.toFixed(1));
  print("footer.refresh.p50_us", figures.refreshP50Microseconds.toFixed(1));
  const split = {
    fetch: figures.fetchCpuMicroseconds,
    fetch_page_extra: figures.fetchPageExtraCpuMicroseconds,
    analyse_and_rest:
      figures.checkCpuMicroseconds - figures.fetchCpuMicroseconds - figures.fetchPageExtraCpuMicroseconds,
  };
  print(
    "footer.check.cpu_split_us",
    Object.entries(split)
      .map(([name, microseconds]) => `${name}=${microseconds.toFixed(1)}`)
      .join(" "),
  );
}

/**
 * Extra: fetchHomePage alone (fetch, decoding, meta-refresh look; no analysis) after the
 * rounds, in turn with plain fetches: its median run, and the median of its CPU time
 * over the plain fetches' of the same round.
 */
async function measureFetchPage(
  pages: BenchPage[],
  urls: string[],
  fetchOne: (index: number) => Promise<void>,
): Promise<Measured & { extraCpuMicroseconds: number }> {
  const fetchPageOne = async (index: number) => {
    const page = pages[index % pages.length]!;
    const fetched = await fetchHomePage(urls[index % pages.length]!);
    if (fetched.bytes !== page.body.length || fetched.status !== 200 || fetched.truncated)
      throw new Error(`${page.name}: fetchHomePage read ${fetched.bytes} bytes, served ${page.body.length}`);
  };
  await measure(WARM_UP, fetchPageOne);
  const runs: Measured[] = [];
  const extras: number[] = [];
  for (let round = 0; round < FETCH_PAGE_ROUNDS; round++) {
    // Each round begun by the other, as above.
    const plainFirst = round % 2 === 0;
    const first = await measure(CHECKS, plainFirst ? fetchOne : fetchPageOne);
    const second = await measure(CHECKS, plainFirst ? fetchPageOne : fetchOne);
    const [plain, run] = plainFirst ? [first, second] : [second, first];
    runs.push(run);
    extras.push(run.cpuMicroseconds - plain.cpuMicroseconds);
  }
  const extraCpuMicroseconds = extras.sort((a, b) => a - b)[Math.floor(extras.length / 2)]!;
  return { ...median(runs), extraCpuMicroseconds };
}

function verify(page: BenchPage, report: FooterCheckReport) {
  const codes = report.problems.map((problem) => problem.ruleId);
  if (
    report.ok !== page.ok ||
    codes.join() !== page.codes.join() ||
    report.status !== 200 ||
    report.truncated
  ) {
    throw new Error(
      `${page.name}: expected ok ${page.ok} with [${page.codes.join(", ")}], got ok ${report.ok} with ` +
        `[${codes.join(", ")}] (status ${report.status}, truncated ${report.truncated})`,
    );
  }
}

interface Measured {
  perSecond: number;
  cpuMicroseconds: number;
}

/** `count` calls, `CONCURRENCY` at a time: calls a second, and this process's CPU time a call. */
async function measure(count: number, one: (index: number) => Promise<void>): Promise<Measured> {
  globalThis.gc?.();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let index = next++; index < count; index = next++) await one(index);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { perSecond: count / seconds, cpuMicroseconds: (used.user + used.system) / count };
}

/** The run with the median rate, its own CPU time with it. */
function median(runs: Measured[]): Measured {
  return [...runs].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(runs.length / 2)]!;
}

/** A plain GET on a fresh connection, the whole body read into a Buffer. */
function fetchOnce(url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: HEADERS }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
      });
      response.on("end", () => resolve(Buffer.concat(chunks, size)));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

/** The median time of analyseFooter and of decodePage over the pages, in turn, in microseconds. */
function inProcess(pages: BenchPage[]) {
  const htmls = pages.map((page) => decodePage(page.body, page.contentType).html);
  const analyse = (index: number) => {
    const page = pages[index % pages.length]!;
    const check = analyseFooter(htmls[index % pages.length]!, page.expect, { today: TODAY });
    if (check.ok !== page.ok) throw new Error(`${page.name}: analyseFooter gave ok ${check.ok}`);
  };
  const decode = (index: number) => {
    const page = pages[index % pages.length]!;
    decodePage(page.body, page.contentType);
  };
  const refresh = (index: number) => {
    if (metaRefreshTarget(htmls[index % pages.length]!) !== null) throw new Error("no page meta-refreshes");
  };
  return {
    analyseP50Microseconds: p50(analyse, ANALYSE_TIMES * pages.length),
    decodeP50Microseconds: p50(decode, ANALYSE_TIMES * pages.length),
    refreshP50Microseconds: p50(refresh, ANALYSE_TIMES * pages.length),
  };
}

function p50(run: (index: number) => void, times: number): number {
  for (let index = 0; index < times / 5; index++) run(index); // warm-up
  const durations: number[] = [];
  for (let index = 0; index < times; index++) {
    const started = performance.now();
    run(index);
    durations.push(performance.now() - started);
  }
  return durations.sort((a, b) => a - b)[Math.floor(times / 2)]! * 1000;
}

// ----- The servers: one process, one node:http server per page, bodies sent once over IPC.

async function startServers(pages: BenchPage[]) {
  const child: ChildProcess = fork(SELF, ["serve"], {
    cwd: ROOT,
    execArgv: ["--import", "tsx"],
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const kill = () => child.exitCode === null && child.kill("SIGKILL");
  process.once("exit", kill);
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const served: ServedPage[] = pages.map(({ body, contentType }) => ({ body, contentType }));
  child.send({ pages: served });
  const ports = await new Promise<number[]>((resolve, reject) => {
    child.once("message", (message) => resolve((message as { ports: number[] }).ports));
    child.once("exit", (code) => reject(new Error(`the footer servers exited (${code}) before listening`)));
  });
  return {
    ports,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
      process.removeListener("exit", kill);
    },
  };
}

async function serve() {
  const { pages } = await new Promise<{ pages: ServedPage[] }>((resolve) =>
    process.once("message", (message) => resolve(message as { pages: ServedPage[] })),
  );
  const ports = await Promise.all(
    pages.map(async ({ body, contentType }) => {
      const headers = { "content-type": contentType, "content-length": body.length, connection: "close" };
      const server = http.createServer((_request, response) => {
        response.writeHead(200, headers);
        response.end(body);
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return (server.address() as AddressInfo).port;
    }),
  );
  process.send?.({ ports });
  // The parent gone, the servers go too.
  process.once("disconnect", () => process.exit(0));
}

// ----- The pages.

function buildPages(): BenchPage[] {
  const gbk = gbkEncoder();
  const legacyHtml = legacyPage(text(2));
  const legacy = gbk(legacyHtml);
  if (new TextDecoder("gbk").decode(legacy) !== legacyHtml)
    throw new Error("the GBK page does not round-trip");
  return [
    {
      name: "corporate",
      body: Buffer.from(corporatePage(text(1))),
      contentType: "text/html; charset=utf-8",
      expect: { icpNumber: "浙ICP备2026001234号-1", psbNumber: "浙公网安备33010602011234号" },
      ok: true,
      codes: [],
    },
    {
      name: "legacy_gbk",
      body: legacy,
      // No charset in the header: the page's <meta> says GBK.
      contentType: "text/html",
      expect: { icpNumber: "浙ICP备2026005678号-1" },
      ok: true,
      codes: [],
    },
    {
      name: "blog_unlinked",
      body: Buffer.from(blogPage(text(3))),
      contentType: "text/html; charset=utf-8",
      expect: { icpNumber: "浙ICP备2026009012号-1" },
      ok: false,
      codes: ["FOOTER_ICP_NOT_LINKED"],
    },
    {
      name: "shop_guangdong",
      body: Buffer.from(shopPage(text(4))),
      contentType: "text/html; charset=utf-8",
      expect: { icpNumber: "粤ICP备2026000007号-1" },
      ok: true,
      codes: [],
    },
  ];
}

/**
 * GBK bytes, found by asking Node's own decoder which two-byte sequence gives each
 * character (as packages/server/test/footer-check.test.ts does: no iconv-lite in the tree).
 */
function gbkEncoder(): (html: string) => Buffer {
  const decoder = new TextDecoder("gbk");
  const table = new Map<string, number>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (char.length === 1 && char !== "\ufffd" && !table.has(char)) table.set(char, (lead << 8) | trail);
    }
  }
  return (html) => {
    const bytes: number[] = [];
    for (const char of html) {
      const code = char.charCodeAt(0);
      if (code < 0x80) {
        bytes.push(code);
        continue;
      }
      const pair = table.get(char);
      if (pair === undefined) throw new Error(`${char} has no GBK bytes`);
      bytes.push(pair >> 8, pair & 0xff);
    }
    return Buffer.from(bytes);
  };
}

const WORDS = (
  "我们 公司 发展 服务 客户 产品 技术 管理 市场 合作 创新 质量 行业 专业 提供 解决方案 系统 平台 数据 安全 " +
  "网络 信息 建设 项目 企业 经营 团队 品牌 优化 升级 用户 体验 设计 开发 研究 中心 活动 新闻 公告 通知 政策 " +
  "文化 教育 培训 健康 生活 城市 杭州 浙江 科技 工程 制造 销售 物流 电子 商务 旅游 推荐 最新 热门 精选 发布 " +
  "会议 举办 成功 召开 年度 总结 计划 目标 实现 提升 效率 成本 价值 理念 坚持 诚信 共赢 未来 智能 数字 转型 " +
  "环境 保护 绿色 能源 社区 志愿 报名 参加 欢迎 咨询 联系 关于 案例 下载 招聘 人才 加入 常见问题 售后 保障 " +
  "承诺 免费 试用 价格 优惠 订单 会员 积分 品质 家居 服饰 数码 手机 电脑 配件 运动 户外 图书 音乐 摄影 编程 " +
  "前端 后端 数据库 算法 框架 部署 性能 测试 调试 笔记 教程 分享 经验 的 了 和 在 是 为 与 及 对 从 将 已"
).split(" ");
const PUNCTUATION = ["，", "，", "，", "。", "、", "；"];

/** Deterministic text and numbers (mulberry32), one seed a page. */
function text(seed: number) {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(random() * below);
  const words = (count: number) => Array.from({ length: count }, () => WORDS[int(WORDS.length)]).join("");
  /** A sentence of `min`–`max` words, with commas inside and a full stop at the end. */
  const sentence = (min: number, max: number) => {
    const count = min + int(max - min + 1);
    let out = "";
    for (let index = 0; index < count; index++) {
      out += WORDS[int(WORDS.length)];
      if (index > 1 && index < count - 1 && int(5) === 0) out += PUNCTUATION[int(PUNCTUATION.length)];
    }
    return `${out}。`;
  };
  const date = () => `2026-0${1 + int(5)}-${String(1 + int(28)).padStart(2, "0")}`;
  const hex = (length: number) => Array.from({ length }, () => int(16).toString(16)).join("");
  return { int, words, sentence, date, hex };
}
type Text = ReturnType<typeof text>;

const times = (count: number, make: (index: number) => string) =>
  Array.from({ length: count }, (_, index) => make(index)).join("\n");

/** Something like a bundler's output: short names, `<` comparisons, markup in strings. */
function script(t: Text, functions: number): string {
  return times(
    functions,
    (index) =>
      `function ${"abcdefghij"[index % 10]}${index}(e,t){var n=e.length,r=[];for(var i=0;i<n;i++){if(e[i]&&e[i].id===t&&i<${t.int(99)})` +
      `r.push('<li class="item-${t.hex(4)}">'+e[i].title+"</li>")}return r.join("")}` +
      `window.__m${index}=function(o){return o&&o.v${index}<${t.int(500)}?a${index % 7}(o):{k:"${t.hex(8)}",w:"${t.words(2)}"}};`,
  );
}

function css(t: Text, rules: number): string {
  return times(
    rules,
    (index) =>
      `.c-${index}-${t.hex(3)}{margin:${t.int(20)}px ${t.int(30)}px;padding:${t.int(16)}px;color:#${t.hex(6)};` +
      `font-size:${12 + t.int(8)}px;line-height:1.${t.int(9)}}.c-${index}:hover{background:#${t.hex(6)}}`,
  );
}

function corporatePage(t: Text): string {
  const menu = times(
    8,
    () =>
      `<li class="nav-item"><a href="/${t.hex(6)}/">${t.words(2)}</a><ul class="sub-menu">` +
      times(6, () => `<li><a href="/${t.hex(6)}/${t.hex(4)}.html">${t.words(2)}</a></li>`) +
      `</ul></li>`,
  );
  const news = times(
    55,
    (index) =>
      `<li class="news-item"><a href="/news/2026/${t.hex(4)}/${1000 + index}.html" target="_blank">` +
      `<img src="/uploads/2026/${t.hex(8)}.jpg" alt="${t.words(3)}" loading="lazy" width="240" height="160">` +
      `<div class="news-body"><h3 class="news-title">${t.words(4 + t.int(4))}</h3>` +
      `<p class="news-summary">${t.sentence(14, 26)}</p><span class="date">${t.date()}</span></div></a></li>`,
  );
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>杭州云启科技有限公司 - ${t.words(4)}</title>
<meta name="keywords" content="${t.words(6)}">
<meta name="description" content="${t.sentence(12, 18)}">
<link rel="stylesheet" href="/static/css/main.${t.hex(8)}.css">
<link rel="icon" href="/favicon.ico">
<style>
${css(t, 40)}
</style>
</head>
<body>
<header class="site-header"><div class="container">
<a class="logo" href="/"><img src="/static/img/logo.png" alt="云启科技"></a>
<nav class="main-nav"><ul>
${menu}
</ul></nav>
<div class="search"><form action="/search" method="get"><input type="text" name="q" placeholder="搜索"><button type="submit">搜索</button></form></div>
</div></header>
<section class="banner"><div class="swiper-wrapper">
${times(4, () => `<div class="swiper-slide"><img src="/uploads/banner/${t.hex(8)}.jpg" alt="${t.words(3)}"><p>${t.sentence(6, 10)}</p></div>`)}
</div></section>
<main class="container">
<section class="news-list"><h2>新闻动态</h2><ul>
${news}
</ul>
<div class="pagination"><span class="current">1</span>${times(8, (index) => `<a href="/news/page/${index + 2}/">${index + 2}</a>`)}<a href="/news/page/2/">下一页 &raquo;</a></div>
</section>
</main>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"杭州云启科技有限公司","url":"https://www.example.cn/","logo":"https://www.example.cn/static/img/logo.png"}</script>
<script src="/static/js/vendor.${t.hex(8)}.js"></script>
<script>
${script(t, 24)}
</script>
<script>var _hmt = _hmt || [];(function(){var hm=document.createElement("script");hm.src="https://hm.baidu.com/hm.js?${t.hex(32)}";var s=document.getElementsByTagName("script")[0];s.parentNode.insertBefore(hm,s);})();</script>
<footer class="site-footer"><div class="container">
<div class="footer-links">${times(10, () => `<a href="/${t.hex(6)}/">${t.words(2)}</a>`)}</div>
<div class="footer-contact"><p>地址：浙江省杭州市西湖区文三路${100 + t.int(800)}号 电话：0571-8${t.int(9)}${t.int(9)}${t.int(9)}-${1000 + t.int(8999)} 邮箱：service@example.cn</p></div>
<div class="footer-qr"><img src="/static/img/wechat-qr.png" alt="微信公众号"><span>关注微信公众号</span></div>
<p class="copyright">Copyright &copy; 2026 杭州云启科技有限公司 版权所有
<a href="${MIIT}" target="_blank" rel="noopener">浙ICP备2026001234号-1</a>
<a href="https://beian.mps.gov.cn/#/query/webSearch?code=33010602011234" target="_blank" rel="noopener"><img src="/static/img/gongan.png" alt="" width="16" height="16">浙公网安备33010602011234号</a></p>
</div></footer>
</body>
</html>
`;
}

function legacyPage(t: Text): string {
  const row = (index: number) =>
    `<tr><td height="26" class="list"><font color="#999999">·</font>&nbsp;<a href="news_show.asp?id=${3000 + index}" target="_blank" title="${t.words(6)}">${t.words(5 + t.int(5))}</a></td><td width="90" class="date">[${t.date()}]</td></tr>`;
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="gbk">
<meta http-equiv="X-UA-Compatible" content="IE=EmulateIE7">
<title>浙江恒信实业有限公司</title>
<link href="css/style.css" rel="stylesheet" type="text/css">
<script type="text/javascript" src="js/jquery-1.4.2.min.js"></script>
<script type="text/javascript">
function MM_swapImgRestore(){var i,x,a=document.MM_sr;for(i=0;a&&i<a.length&&(x=a[i])&&x.oSrc;i++)x.src=x.oSrc;}
function MM_preloadImages(){var d=document;if(d.images){if(!d.MM_p)d.MM_p=new Array();var i,j=d.MM_p.length,a=MM_preloadImages.arguments;for(i=0;i<a.length;i++)if(a[i].indexOf("#")!=0){d.MM_p[j]=new Image;d.MM_p[j++].src=a[i];}}}
${script(t, 8)}
</script>
</head>
<body onload="MM_preloadImages('images/nav_on.gif')">
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td height="90"><img src="images/logo.jpg" width="1000" height="90" /></td></tr>
<tr><td height="36" class="nav" align="center">${times(10, () => `<a href="${t.hex(5)}.asp">${t.words(2)}</a>`).replace(/\n/g, "&nbsp;|&nbsp;")}</td></tr>
</table>
<!-- 新闻列表 -->
${times(
  3,
  (block) => `<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td class="title"><b>${t.words(2)}</b><span class="more"><a href="news.asp?class=${block + 1}">更多&gt;&gt;</a></span></td></tr>
<tr><td><table width="100%" border="0" cellspacing="0" cellpadding="0">
${times(48, (index) => row(block * 100 + index))}
</table></td></tr>
</table>`,
)}
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td class="links">友情链接：${times(12, () => `<a href="http://www.${t.hex(6)}.com.cn/" target="_blank">${t.words(2)}</a>`)}</td></tr>
</table>
<script type="text/javascript">document.write('<marquee direction="left" scrollamount="3">${t.sentence(6, 10)}</marquee>');</script>
<!-- 底部 -->
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="bottom">
<tr><td height="80" align="center">版权所有&copy; 2026 浙江恒信实业有限公司&nbsp;&nbsp;地址：浙江省宁波市鄞州区${t.words(2)}路${10 + t.int(300)}号&nbsp;&nbsp;电话：0574-8${t.int(9)}${t.int(9)}${t.int(9)}${1000 + t.int(8999)}<br />
<a href="http://beian.miit.gov.cn/" target="_blank">浙ICP备2026005678号-1</a>&nbsp;&nbsp;技术支持：宁波${t.words(2)}网络</td></tr>
</table>
</body>
</html>
`;
}

function blogPage(t: Text): string {
  const post = (index: number) => `<article class="post" id="post-${index}">
<header class="post-header"><h2 class="post-title"><a href="/posts/${t.hex(8)}/">${t.words(4 + t.int(4))}</a></h2>
<div class="post-meta"><time datetime="${t.date()}">${t.date()}</time> · <a href="/categories/${t.hex(4)}/">${t.words(1)}</a> · 阅读约 ${3 + t.int(12)} 分钟</div></header>
<div class="post-body">
${times(3 + t.int(3), () => `<p>${t.sentence(20, 40)}${t.sentence(10, 30)}</p>`)}
<pre><code class="language-ts">const ${"xyz"[index % 3]} = items.filter((item) =&gt; item.size &lt; ${t.int(999)} &amp;&amp; item.ok);
for (let i = 0; i &lt; ${"xyz"[index % 3]}.length; i++) console.log(i, "${t.hex(6)}");</code></pre>
<p>${t.sentence(15, 30)}</p>
</div>
<a class="post-more" href="/posts/${t.hex(8)}/#more">阅读全文 &raquo;</a>
</article>`;
  return `<!doctype html>
<html lang="zh">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.words(2)}的技术笔记</title>
<link rel="stylesheet" href="/css/main.css">
<link rel="alternate" href="/atom.xml" type="application/atom+xml">
<script async src="https://www.googletagmanager.com/gtag/js?id=G-${t.hex(10)}"></script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag("js",new Date());gtag("config","G-${t.hex(10)}");</script>
</head>
<body>
<div class="container">
<header class="header"><div class="site-brand"><a href="/" class="brand">${t.words(2)}的技术笔记</a><p class="site-subtitle">${t.sentence(4, 8)}</p></div>
<nav class="site-nav"><ul class="menu">${times(6, () => `<li class="menu-item"><a href="/${t.hex(5)}/">${t.words(1)}</a></li>`)}</ul></nav></header>
<main class="main"><div class="content-wrap">
${times(14, post)}
<nav class="pagination"><span class="page-number current">1</span><a class="page-number" href="/page/2/">2</a><a class="page-number" href="/page/3/">3</a><a class="extend next" rel="next" href="/page/2/">&gt;</a></nav>
</div>
<aside class="sidebar"><div class="tag-cloud">${times(50, () => `<a href="/tags/${t.hex(5)}/" style="font-size: ${12 + t.int(10)}px;">${t.words(1)}</a>`)}</div>
<div class="recent-posts"><ul>${times(10, () => `<li><a href="/posts/${t.hex(8)}/">${t.words(4)}</a></li>`)}</ul></div></aside>
</main>
</div>
<script src="/lib/anime.min.js"></script>
<script src="/js/utils.js"></script>
<script>
${script(t, 8)}
</script>
<footer class="footer"><div class="footer-inner">
<div class="copyright">&copy; 2021 – 2026 <span class="author">${t.words(1)}</span> · 由 Hexo 强力驱动 · 主题 NexT</div>
<div class="beian">本站备案号：浙ICP备2026009012号-1</div>
</div></footer>
</body>
</html>
`;
}

function shopPage(t: Text): string {
  const products = Array.from({ length: 70 }, (_, index) => ({
    id: 100000 + index,
    title: t.words(5 + t.int(5)),
    price: (9 + t.int(990) + t.int(100) / 100).toFixed(2),
    sales: t.int(20000),
    image: `https://img.example.cn/goods/${t.hex(16)}.jpg`,
    tags: [t.words(2), t.words(2)],
  }));
  const state = JSON.stringify({
    products,
    cart: { count: 0 },
    user: null,
    config: { cdn: "https://img.example.cn" },
  });
  const card = (product: (typeof products)[number]) =>
    `<li class="goods-card" data-id="${product.id}"><a href="/item/${product.id}.html" target="_blank">` +
    `<div class="goods-img"><img src="${product.image}" alt="${product.title}" loading="lazy"></div>` +
    `<div class="goods-info"><p class="goods-title">${product.title}</p><p class="goods-price"><em>&yen;</em>${product.price}</p>` +
    `<p class="goods-sales">已售 ${product.sales} 件</p><div class="goods-tags">${product.tags.map((tag) => `<span>${tag}</span>`).join("")}</div></div></a></li>`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">
<title>深圳优品商城 - ${t.words(4)}</title>
<link rel="preconnect" href="https://img.example.cn">
<link rel="stylesheet" href="https://static.example.cn/shop/app.${t.hex(8)}.css">
<style>${css(t, 30)}</style>
</head>
<body>
<div id="app">
<div class="top-bar"><div class="w"><span>欢迎来到优品商城！</span><a href="/login">请登录</a><a href="/register">免费注册</a><a href="/orders">我的订单</a><a href="/help">帮助中心</a></div></div>
<header class="shop-header"><div class="w"><a href="/" class="logo">优品商城</a>
<div class="search-box"><input type="text" placeholder="${t.words(3)}"><button>搜索</button></div>
<div class="hot-words">${times(8, () => `<a href="/search?q=${t.hex(6)}">${t.words(1)}</a>`)}</div></div></header>
<nav class="category-nav"><ul>${times(
    12,
    () =>
      `<li><a href="/list/${t.hex(4)}.html">${t.words(2)}</a><div class="sub">${times(8, () => `<a href="/list/${t.hex(6)}.html">${t.words(1)}</a>`)}</div></li>`,
  )}</ul></nav>
<main class="w">
<section class="floor"><h2>${t.words(2)} · 猜你喜欢</h2><ul class="goods-list">
${products.map(card).join("\n")}
</ul></section>
</main>
</div>
<script>window.__INITIAL_STATE__=${state};</script>
<script src="https://static.example.cn/shop/vendor.${t.hex(8)}.js" defer></script>
<script src="https://static.example.cn/shop/app.${t.hex(8)}.js" defer></script>
<script>
${script(t, 10)}
</script>
<footer class="shop-footer"><div class="w">
<div class="service">${times(4, () => `<dl><dt>${t.words(2)}</dt>${times(4, () => `<dd><a href="/help/${t.hex(4)}.html">${t.words(2)}</a></dd>`)}</dl>`)}</div>
<div class="copyright"><p>${times(6, () => `<a href="/about/${t.hex(4)}.html">${t.words(2)}</a>`).replace(/\n/g, " | ")}</p>
<p>增值电信业务经营许可证：粤B2-20260001 | 营业执照 | <a href="${MIIT}" target="_blank" rel="nofollow">粤ICP备2026000007号</a></p>
<p>Copyright &copy; 2026 深圳优品电子商务有限公司 版权所有</p></div>
</div></footer>
</body>
</html>
`;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain && process.argv[2] === "serve") {
  await serve();
} else if (isMain) {
  const round = (value: number) => (value >= 100 ? Math.round(value) : Math.round(value * 100) / 100);
  await benchFooter((name, value) =>
    console.log(`${name}: ${typeof value === "number" ? round(value) : value}`),
  );
}
