// The guarded fetch's response body (activities/outbound/fetch.ts): read whole, cut at the size limit, or
// cancelled unread — the way the webhook and hand-over activities drop a body they do not need. A body built
// with Node's Readable.toWeb threw "Controller is already closed" from a stream callback on cancel: an
// uncaught exception that ended the worker process. Loopback only.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OutboundRefused, outboundFetch } from "../../activities/outbound";

let server: Server;
let base = "";
beforeAll(async () => {
  server = createServer((req, res) => {
    const size = Number(new URL(req.url ?? "/", "http://x").searchParams.get("bytes") ?? 11);
    res.writeHead(200, { "content-type": "text/plain" }).end("x".repeat(size));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

const guarded = outboundFetch({ allowHosts: ["127.0.0.1"], maxBytes: 64 * 1024, timeoutMs: 5_000 });

describe("the guarded response body", () => {
  test("cancelled unread, again and again: nothing is thrown outside the caller", async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on("uncaughtException", onUncaught);
    try {
      for (let i = 0; i < 20; i++) {
        const res = await guarded(`${base}/hook`, { method: "POST", body: "{}" });
        expect(res.ok).toBe(true);
        await res.body?.cancel();
      }
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      process.off("uncaughtException", onUncaught);
    }
    expect(uncaught).toEqual([]);
  });

  test("read whole, a body under the limit is what the server sent; over it, reading is refused", async () => {
    expect(await (await guarded(`${base}/?bytes=50000`)).text()).toBe("x".repeat(50_000));
    const big = await guarded(`${base}/?bytes=200000`)
      .then((r) => r.text())
      .catch((e: unknown) => e);
    expect(big).toBeInstanceOf(OutboundRefused);
  });
});
