// Moving a stored secret needs the secret again (issue 16): a pull feed's token goes to its `url`, a network
// account's credentials to its `baseUrl`; an admin session alone cannot point them at another host.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { feeds, networkAccounts } from "../../../db/schema";
import { unseal, unsealJson } from "../../../db/secrets";
import { bearer, expectProblem, uniqueId } from "../../api/helpers";
import { startTestStack, type TestStack } from "../../support/stack";

let stack: TestStack;
let admin: Record<string, string>;
beforeAll(async () => {
  stack = await startTestStack();
  admin = await bearer("zarechny.admin");
});
afterAll(async () => {
  await stack?.stop();
});

const inject = (method: "POST" | "PATCH" | "PUT" | "DELETE", url: string, payload?: object) =>
  stack.app.inject({ method, url, headers: admin, ...(payload ? { payload } : {}) });

describe("a pull feed's token follows its url only when sent again", () => {
  test("PATCH url without the secret is 422 and changes nothing; with it, 200", async () => {
    const id = uniqueId("zarechny.moved");
    const created = await inject("POST", "/v1/orgs/zarechny/feeds", {
      kind: "pull",
      id,
      source: id,
      url: "https://monitor.example/feed",
      secret: "feed-token-1",
      active: false,
    });
    expect(created.statusCode, created.body).toBe(201);
    const moved = expectProblem(
      await inject("PATCH", `/v1/orgs/zarechny/feeds/${id}`, { url: "https://attacker.example/collect" }),
      422,
    );
    expect(moved.errors?.[0]?.path).toBe("body.secret");
    const [row] = await stack.db.db.select().from(feeds).where(eq(feeds.id, id));
    expect(row).toMatchObject({ url: "https://monitor.example/feed" });
    expect(unseal(row!.secret!)).toBe("feed-token-1");

    // the same url again, or other fields, need nothing
    const same = await inject("PATCH", `/v1/orgs/zarechny/feeds/${id}`, {
      url: "https://monitor.example/feed",
      intervalSeconds: 600,
    });
    expect(same.statusCode, same.body).toBe(200);
    const ok = await inject("PATCH", `/v1/orgs/zarechny/feeds/${id}`, {
      url: "https://mirror.example/feed",
      secret: "feed-token-2",
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const [after] = await stack.db.db.select().from(feeds).where(eq(feeds.id, id));
    expect(after!.url).toBe("https://mirror.example/feed");
    expect(unseal(after!.secret!)).toBe("feed-token-2");
    expect((await inject("DELETE", `/v1/orgs/zarechny/feeds/${id}`)).statusCode).toBe(204);
  });

  test("a feed without a secret moves freely", async () => {
    const id = uniqueId("zarechny.open");
    const created = await inject("POST", "/v1/orgs/zarechny/feeds", {
      kind: "pull",
      id,
      source: id,
      url: "https://monitor.example/open",
      active: false,
    });
    expect(created.statusCode, created.body).toBe(201);
    const moved = await inject("PATCH", `/v1/orgs/zarechny/feeds/${id}`, {
      url: "https://other.example/open",
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await inject("DELETE", `/v1/orgs/zarechny/feeds/${id}`)).statusCode).toBe(204);
  });
});

describe("a network account's credentials follow its baseUrl only when sent again", () => {
  const path = "/v1/orgs/zarechny/networks/telegram";
  test("PUT with another baseUrl and no credentials is 422; with them 200; schemes other than http(s) 422", async () => {
    const first = await inject("PUT", path, {
      credentials: { botToken: "123:first" },
      baseUrl: "https://tg-proxy.example",
    });
    expect([200, 201]).toContain(first.statusCode);
    const moved = expectProblem(await inject("PUT", path, { baseUrl: "https://attacker.example" }), 422);
    expect(moved.errors?.[0]?.path).toBe("body.credentials");
    const toPublic = expectProblem(await inject("PUT", path, { baseUrl: null }), 422);
    expect(toPublic.errors?.[0]?.path).toBe("body.credentials");
    const [row] = await stack.db.db
      .select()
      .from(networkAccounts)
      .where(eq(networkAccounts.orgId, "zarechny"));
    expect(row!.baseUrl).toBe("https://tg-proxy.example");
    expect(unsealJson(row!.credentials)).toEqual({ botToken: "123:first" });

    // the same baseUrl (or none given) keeps the stored credentials
    expect((await inject("PUT", path, { baseUrl: "https://tg-proxy.example" })).statusCode).toBe(200);
    expect((await inject("PUT", path, { settings: {} })).statusCode).toBe(200);
    const ok = await inject("PUT", path, { baseUrl: null, credentials: { botToken: "123:second" } });
    expect(ok.statusCode, ok.body).toBe(200);

    for (const baseUrl of ["javascript:alert(1)", "file:///etc/passwd", "ftp://tg.example/"])
      expectProblem(await inject("PUT", path, { baseUrl, credentials: { botToken: "1:x" } }), 422);
    expect((await inject("DELETE", path)).statusCode).toBe(204);
  });
});
