// The base of the network stand-ins (node:http on 127.0.0.1): every request recorded with its parsed body,
// and a queue of faults the next write requests answer with. The fault "drop" stands for a crash after the
// network accepted: the write takes effect, then the connection is cut before any answer.
import http from "node:http";

export interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  /** Form parameters (application/x-www-form-urlencoded) or the query string. */
  form: Record<string, string>;
  json?: unknown;
}

export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Cut the connection instead of answering. */
  drop?: boolean;
}

export type Fault<E> = E | "drop";

export class Faults<E> {
  private queue: Fault<E>[] = [];
  /** The next write requests answer with these, in order; then they succeed again. */
  push(...faults: Fault<E>[]) {
    this.queue.push(...faults);
  }
  next(): Fault<E> | undefined {
    return this.queue.shift();
  }
  clear() {
    this.queue = [];
  }
}

export interface Loopback {
  url: string;
  requests: Received[];
  /** Every answer waits this long (two attempts in flight at once). */
  latency: { ms: number };
  stop(): Promise<void>;
}

export async function startLoopback(handle: (req: Received) => Answer): Promise<Loopback> {
  const requests: Received[] = [];
  const latency = { ms: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://loopback");
      const type = String(req.headers["content-type"] ?? "");
      const received: Received = {
        method: req.method ?? "",
        path: url.pathname,
        headers: req.headers,
        raw,
        form: Object.fromEntries(
          type.includes("x-www-form-urlencoded") ? new URLSearchParams(raw) : url.searchParams,
        ),
        json: type.includes("json") && raw ? JSON.parse(raw) : undefined,
      };
      requests.push(received);
      const answer = handle(received);
      setTimeout(() => {
        if (answer.drop) {
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.status ?? 200, { "content-type": "application/json", ...answer.headers });
        res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
      }, latency.ms);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    latency,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
