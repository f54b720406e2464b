// Requests Node's HTTP parser refuses before any route runs (README "Walk-through": a query typed into curl
// with Cyrillic letters unencoded, a malformed percent-escape) still get problem+json, over a real socket.
import { connect } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestStack, type TestStack } from "../support/stack";
import { bearer } from "./helpers";

let stack: TestStack;
let port: number;
beforeAll(async () => {
  stack = await startTestStack();
  await stack.app.listen({ port: 0, host: "127.0.0.1" });
  port = (stack.app.server.address() as { port: number }).port;
});
afterAll(async () => {
  await stack?.stop();
});

/** Sends raw bytes as curl would and reads the whole answer. */
function raw(request: Buffer): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on("data", (c) => chunks.push(c));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const [head = "", body = ""] = text.split("\r\n\r\n");
      resolve({
        status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1]),
        type: /content-type: ([^\r\n]+)/i.exec(head)?.[1] ?? "",
        body,
      });
    });
  });
}

test("an unencoded Cyrillic query (curl '…/routing/suggest?topic=Дороги') is 400 problem+json", async () => {
  const auth = (await bearer("omsk.curator")).authorization;
  const res = await raw(
    Buffer.concat([
      Buffer.from("GET /v1/orgs/omsk/routing/suggest?topic="),
      Buffer.from("Дороги", "utf8"),
      Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${auth}\r\nConnection: close\r\n\r\n`),
    ]),
  );
  expect(res.status).toBe(400);
  expect(res.type).toContain("application/problem+json");
  const p = JSON.parse(res.body);
  expect(p).toMatchObject({ type: "https://casework.dev/problems/bad-request", status: 400 });
  expect(p.detail).toMatch(/percent-encode|--data-urlencode/);
});

test("a malformed percent-escape is 400 problem+json too", async () => {
  const res = await raw(
    Buffer.from("GET /v1/cases/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
  );
  expect(res.status).toBe(400);
  expect(res.type).toContain("application/problem+json");
});
