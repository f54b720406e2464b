// The outbound guard where the server calls out (activities/outbound): a pull feed, a publisher's call, the
// JWKS client. Loopback servers stand in for the remote ends and count what reaches them; the guards here are
// built without the suite's allow-list (vitest.config.ts), so a refused call must never arrive. The decision
// for non-loopback addresses is tested without connecting in test/unit/outbound-address.test.ts.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApplicationFailure } from "@temporalio/common";
import { eq } from "drizzle-orm";
import { generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { pollFeedPage } from "../../../activities/feeds";
import { createSmtpMailer } from "../../../activities/mail";
import { notify } from "../../../activities/notify";
import { OutboundRefused, outboundFetch } from "../../../activities/outbound";
import { call } from "../../../activities/publishers/wire";
import { AUDIENCE, ISSUER, tokenVerifier } from "../../../api/auth/credentials";
import { createDb } from "../../../db/client";
import { feeds, orgs } from "../../../db/schema";
import { seal } from "../../../db/secrets";
import { uniqueId } from "../../api/helpers";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function server(handler: Handler) {
  const hits: string[] = [];
  const s = createServer((req, res) => {
    hits.push(`${req.method} ${req.url} ${req.headers.authorization ?? ""}`.trim());
    handler(req, res);
  });
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  return { hits, port, url: `http://127.0.0.1:${port}`, stop: () => new Promise((r) => s.close(r)) };
}

const json =
  (body: unknown, status = 200) =>
  (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

const policy = (allowHosts: string[], over: { maxBytes?: number } = {}) => ({
  allowHosts,
  maxBytes: over.maxBytes ?? 1024 * 1024,
  timeoutMs: 5000,
});

let db: ReturnType<typeof createDb>;
const servers: Array<{ stop(): Promise<unknown> }> = [];
beforeAll(() => {
  db = createDb(inject("databaseUrl"), { max: 2 });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await db.close();
});
const serve = async (h: Handler) => {
  const s = await server(h);
  servers.push(s);
  return s;
};

describe("outboundFetch on loopback", () => {
  test("a loopback address off the allow-list is refused before any connection", async () => {
    const target = await serve(json({ ok: true }));
    const e = await outboundFetch(policy([]))(`${target.url}/x`).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OutboundRefused);
    expect((e as Error).message).toContain("127.0.0.1 (loopback)");
    expect(target.hits).toEqual([]);
    // on the allow-list the same call goes through
    const res = await outboundFetch(policy(["127.0.0.1"]))(`${target.url}/x`);
    expect(await res.json()).toEqual({ ok: true });
    expect(target.hits).toEqual(["GET /x"]);
  });

  test("a name is checked when the socket resolves it: localhost is loopback", async () => {
    const target = await serve(json({ ok: true }));
    const e = await outboundFetch(policy(["127.0.0.1"]))(`http://localhost:${target.port}/`).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(OutboundRefused);
    expect(target.hits).toEqual([]);
  });

  test("a redirect to a refused address is not followed; an allowed one is, without the token across origins", async () => {
    const inner = await serve(json({ secret: "internal" }));
    const outer = await serve((req, res) => {
      res.writeHead(302, { location: req.url === "/away" ? `${inner.url}/admin` : "/here" });
      res.end();
    });
    const here = await serve(json({ here: true }));
    // outer is reached by name (allowed), inner only by its address (not allowed)
    const guard = outboundFetch(policy(["localhost"]));
    const e = await guard(`http://localhost:${outer.port}/away`, {
      headers: { authorization: "Bearer feed-token" },
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OutboundRefused);
    expect(inner.hits).toEqual([]);
    expect(outer.hits).toEqual(["GET /away Bearer feed-token"]);

    const cross = await serve((_req, res) => {
      res.writeHead(307, { location: `http://localhost:${here.port}/landed` });
      res.end();
    });
    const res = await outboundFetch(policy(["127.0.0.1", "localhost"]))(`${cross.url}/go`, {
      headers: { authorization: "Bearer feed-token" },
    });
    expect(await res.json()).toEqual({ here: true });
    expect(here.hits).toEqual(["GET /landed"]);
  });

  test("redirects are followed at most three times", async () => {
    const loop = await serve((req, res) => {
      res.writeHead(302, { location: `/n${Number(req.url!.slice(2) || 0) + 1}` });
      res.end();
    });
    const e = await outboundFetch(policy(["127.0.0.1"]))(`${loop.url}/n0`).catch((x: unknown) => x);
    expect((e as OutboundRefused).reason).toBe("redirect");
    expect(loop.hits).toHaveLength(4);
  });

  test("a response larger than the cap is refused, declared or streamed", async () => {
    const big = Buffer.alloc(64 * 1024, 97);
    const declared = await serve((_req, res) => {
      res.writeHead(200, { "content-length": String(big.length * 4) });
      for (let i = 0; i < 4; i++) res.write(big);
      res.end();
    });
    const streamed = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" }); // chunked: no length announced
      for (let i = 0; i < 4; i++) res.write(big);
      res.end();
    });
    const guard = outboundFetch(policy(["127.0.0.1"], { maxBytes: 100_000 }));
    expect(await guard(declared.url).catch((x: unknown) => (x as OutboundRefused).reason)).toBe("size");
    const res = await guard(streamed.url);
    expect(await res.text().catch((x: unknown) => (x as OutboundRefused).reason)).toBe("size");
    // within the cap it reads the whole body
    const small = await outboundFetch(policy(["127.0.0.1"], { maxBytes: 300_000 }))(streamed.url);
    expect((await small.text()).length).toBe(big.length * 4);
  });
});

describe("the guard where the server calls out", () => {
  test("a pull feed at a refused address fails its run without retries and is never called", async () => {
    const target = await serve(json({ items: [], next: null }));
    const id = uniqueId("omsk.ssrf");
    await db.db.insert(feeds).values({
      id,
      orgId: "omsk",
      kind: "pull",
      source: id,
      secret: seal("the-org-feed-token"),
      mapping: { fields: {} },
      url: `${target.url}/feed`,
      intervalSeconds: 300,
    });
    const startCase = async () => {
      throw new Error("no case may start");
    };
    const e = await pollFeedPage(
      { db: db.db, startCase, fetch: outboundFetch(policy([])) },
      { feedId: id },
    ).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApplicationFailure);
    expect(e).toMatchObject({ type: "FeedRefused", nonRetryable: true });
    expect(target.hits).toEqual([]);
    // the allow-listed guard reads it (the token goes along)
    const ok = await pollFeedPage(
      { db: db.db, startCase, fetch: outboundFetch(policy(["127.0.0.1"])) },
      { feedId: id },
    );
    expect(ok).toMatchObject({ read: true, done: true });
    expect(target.hits).toEqual(["GET /feed Bearer the-org-feed-token"]);
    await db.db.delete(feeds).where(eq(feeds.id, id));
  });

  test("a publisher's call to a refused address is publish_forbidden (a person posts), nothing sent", async () => {
    const target = await serve(json({ response: 1 }));
    const e = await call(
      outboundFetch(policy([])),
      "vk",
      `${target.url}/wall.createComment`,
      {
        method: "POST",
        body: new URLSearchParams({ access_token: "vk1.a.secret" }),
      },
      5000,
    ).catch((x: unknown) => x);
    expect(e).toMatchObject({ type: "publish_forbidden", nonRetryable: true });
    expect(e).toMatchObject({ details: [{ network: "vk", outcome: "rejected" }] });
    expect(target.hits).toEqual([]);
  });

  test("the org's notification webhook at a refused address is webhook_refused (no retries), never called", async () => {
    const target = await serve(json({}));
    const org = uniqueId("ssrf-org");
    await db.db.insert(orgs).values({
      id: org,
      name: org,
      regulation: "omsk",
      zone: "Asia/Omsk",
      webhookUrl: `${target.url}/hook`,
    });
    const input = {
      key: uniqueId("n"),
      caseId: `case-${org}~x~1`,
      org,
      kind: "assignment" as const,
      to: {},
      subject: "s",
      text: "t",
    };
    const mailer = createSmtpMailer("", "casework@localhost");
    const e = await notify({ db: db.db, mailer, fetch: outboundFetch(policy([])) }, input).catch(
      (x: unknown) => x,
    );
    expect(e).toMatchObject({ type: "webhook_refused", nonRetryable: true });
    expect(target.hits).toEqual([]);
  });

  test("JWKS is fetched through the guard: an identity provider at a refused address is never asked", async () => {
    const jwks = await serve(json({ keys: [] }));
    const verify = tokenVerifier({
      jwtSecret: "unused",
      jwksUrl: `${jwks.url}/.well-known/jwks.json`,
      fetch: outboundFetch(policy([])),
    });
    const { privateKey } = await generateKeyPair("ES256");
    const token = await new SignJWT({ org: "omsk", roles: ["curator"] })
      .setProtectedHeader({ alg: "ES256", kid: "k1" })
      .setSubject("omsk.curator")
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(privateKey);
    await expect(verify(token)).rejects.toThrow(/loopback/);
    expect(jwks.hits).toEqual([]);
  });
});
