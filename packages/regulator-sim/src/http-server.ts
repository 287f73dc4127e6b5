import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { SubmissionStore, type SubmissionInput } from "./submissions.ts";

/**
 * The simulator's HTTP face, as the platform's bridge sees MIIT's enterprise
 * interface: submissions in, with a bearer token, idempotent by message id.
 * (SMS verification pages, bureau decisions and numbers come next: issue 4.)
 */
export interface SimulatorOptions {
  token: string;
  now?: () => Date;
}

export interface Simulator {
  server: Server;
  store: SubmissionStore;
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

export function createSimulator(options: SimulatorOptions): Simulator {
  const store = new SubmissionStore();
  const now = options.now ?? (() => new Date());
  const server = createServer((request, response) => {
    handle(request, response).catch(() => send(response, 500, { code: "INTERNAL" }));
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? "/", "http://simulator");
    if (url.pathname === "/healthz") return send(response, 200, { status: "ok" });
    if (!authorised(request.headers.authorization, options.token))
      return send(response, 401, { code: "UNAUTHENTICATED" });
    if (request.method === "POST" && url.pathname === "/api/submissions") {
      const body = await readJson(request);
      const input = submissionInput(body);
      if (!input) return send(response, 400, { code: "VALIDATION_FAILED" });
      const { submission, duplicate } = store.receive(input, now());
      return send(response, duplicate ? 200 : 201, {
        accepted: true,
        duplicate,
        messageId: submission.messageId,
        receivedAt: submission.receivedAt,
      });
    }
    if (request.method === "GET" && url.pathname === "/api/submissions")
      return send(response, 200, { items: store.list() });
    return send(response, 404, { code: "NOT_FOUND" });
  }

  return {
    server,
    store,
    listen: (port, host = "127.0.0.1") =>
      new Promise((resolve) => {
        server.listen(port, host, () => {
          const address = server.address();
          resolve(`http://${host}:${typeof address === "object" && address ? address.port : port}`);
        });
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function authorised(header: string | undefined, token: string): boolean {
  const presented = Buffer.from(header?.replace(/^Bearer /, "") ?? "");
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return null;
  }
}

function submissionInput(body: unknown): SubmissionInput | null {
  if (!body || typeof body !== "object") return null;
  const value = body as Record<string, unknown>;
  const text = (key: string) =>
    typeof value[key] === "string" &&
    (value[key] as string).length > 0 &&
    (value[key] as string).length <= 200
      ? (value[key] as string)
      : null;
  const messageId = text("messageId");
  const orderNumber = text("orderNumber");
  const orderType = text("orderType");
  const province = text("province");
  if (!messageId || !orderNumber || !orderType || !province) return null;
  return { messageId, orderNumber, orderType, province, payload: value.payload ?? null };
}

function send(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
}
