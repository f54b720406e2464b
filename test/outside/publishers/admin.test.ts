// The admin API of network accounts: PUT/GET/DELETE /v1/orgs/:orgId/networks[/:network]. Credentials are
// write-only and sealed at rest; an account set through the API is what the worker's publishers use.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createPublishers } from "../../../activities";
import { networkAccounts, orgs, staff } from "../../../db/schema";
import { unsealJson } from "../../../db/secrets";
import { bearer, expectProblem } from "../../api/helpers";
import { startVk } from "../../support/networks/vk";
import { startTestStack, type TestStack } from "../../support/stack";
import { uid } from "./support";

const token = "vk1.a.secret-community-token-0001";
let stack: TestStack;
let vk: Awaited<ReturnType<typeof startVk>>;
const org = `pubadmin-${uid()}`;

beforeAll(async () => {
  stack = await startTestStack();
  vk = await startVk({ accessToken: token });
  await stack.db.db.insert(orgs).values({ id: org, name: org, regulation: "omsk", zone: "Asia/Omsk" });
  await stack.db.db.insert(staff).values([
    { id: `${org}.admin`, orgId: org, name: "Админ", roles: ["admin"] },
    { id: `${org}.curator`, orgId: org, name: "Куратор", roles: ["curator"] },
  ]);
});
afterAll(async () => {
  await vk?.stop();
  await stack?.stop();
});

const call = async (method: "GET" | "PUT" | "DELETE", url: string, who: string, payload?: object) =>
  stack.app.inject({ method, url, headers: await bearer(who), ...(payload ? { payload } : {}) });
const raw = async (network: string) =>
  (
    await stack.db.db
      .select()
      .from(networkAccounts)
      .where(and(eq(networkAccounts.orgId, org), eq(networkAccounts.network, network)))
  )[0];

describe("network accounts", () => {
  test("PUT creates the account (201); the answer and the list never carry the token", async () => {
    const res = await call("PUT", `/v1/orgs/${org}/networks/vk`, `${org}.admin`, {
      credentials: { accessToken: token },
      settings: { groupId: 1 },
      baseUrl: vk.url,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      orgId: org,
      network: "vk",
      baseUrl: vk.url,
      settings: { groupId: 1, apiVersion: "5.199" },
      active: true,
      hasCredentials: true,
    });
    expect(res.body).not.toContain(token);
    const list = await call("GET", `/v1/orgs/${org}/networks`, `${org}.admin`);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((a: { network: string }) => a.network)).toEqual(["vk"]);
    expect(list.body).not.toContain(token);
    expect(list.body).not.toContain("credentials");
  });

  test("the token is stored sealed: the raw column is not the plaintext and unseals to it", async () => {
    const row = await raw("vk");
    expect(row?.credentials).toMatch(/^v1:dev:/);
    expect(row?.credentials).not.toContain(token);
    expect(row?.credentials).not.toContain("accessToken");
    expect(unsealJson(row!.credentials)).toEqual({ accessToken: token });
  });

  test("the worker's publishers post through the account set by the API", async () => {
    const caseId = `case-${org}-monitor-${uid()}`;
    const result = await createPublishers({ db: stack.db.db }).vk!.publish({
      key: `${caseId}:v1`,
      caseId,
      org,
      network: "vk",
      channel: "comment",
      replyTo: "https://vk.com/wall-1_100?reply=101",
      text: "Ответ через настроенный аккаунт",
      attachments: [],
      draftVersion: 1,
    });
    expect(result).toMatchObject({ state: "published" });
    expect(vk.calls("wall.createComment").at(-1)?.form).toMatchObject({
      access_token: token,
      from_group: "1",
    });
  });

  test("PUT without credentials keeps the stored ones (200) and changes the settings", async () => {
    const before = (await raw("vk"))!.credentials;
    const res = await call("PUT", `/v1/orgs/${org}/networks/vk`, `${org}.admin`, {
      settings: { groupId: 2 },
      active: false,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ settings: { groupId: 2 }, active: false, baseUrl: vk.url });
    expect((await raw("vk"))!.credentials).toBe(before);
  });

  test("422: a new account without credentials, settings the network rejects, a site without its webhook, an unknown network", async () => {
    const none = expectProblem(
      await call("PUT", `/v1/orgs/${org}/networks/telegram`, `${org}.admin`, { settings: {} }),
      422,
    );
    expect(none.errors?.[0]?.path).toBe("body.credentials");
    const bad = expectProblem(
      await call("PUT", `/v1/orgs/${org}/networks/ok`, `${org}.admin`, {
        credentials: { accessToken: "x", applicationSecretKey: "y" },
        settings: { groupId: "not-a-number" },
      }),
      422,
    );
    expect(bad.errors?.map((e) => e.path)).toEqual(
      expect.arrayContaining(["body.settings.applicationKey", "body.settings.groupId"]),
    );
    const badCredentials = expectProblem(
      await call("PUT", `/v1/orgs/${org}/networks/telegram`, `${org}.admin`, {
        credentials: { token: "123:abc" },
      }),
      422,
    );
    expect(badCredentials.errors?.[0]?.path).toBe("body.credentials.botToken");
    expect(JSON.stringify(badCredentials)).not.toContain("123:abc");
    const site = expectProblem(
      await call("PUT", `/v1/orgs/${org}/networks/site`, `${org}.admin`, { credentials: { secret: "s" } }),
      422,
    );
    expect(site.errors?.[0]?.path).toBe("body.baseUrl");
    expectProblem(
      await call("PUT", `/v1/orgs/${org}/networks/facebook`, `${org}.admin`, { credentials: {} }),
      422,
    );
    expect((await raw("telegram")) ?? null).toBeNull();
  });

  test("403: a curator, another org's admin; 401 without a token", async () => {
    expectProblem(await call("GET", `/v1/orgs/${org}/networks`, `${org}.curator`), 403);
    expectProblem(await call("GET", `/v1/orgs/${org}/networks`, "omsk.admin"), 403);
    expectProblem(
      await call("PUT", `/v1/orgs/omsk/networks/vk`, `${org}.admin`, {
        credentials: { accessToken: "x" },
        settings: { groupId: 1 },
      }),
      403,
    );
    expectProblem(await stack.app.inject({ method: "GET", url: `/v1/orgs/${org}/networks` }), 401);
  });

  test("DELETE removes the account (204), then 404; its replies go back to manual", async () => {
    expect((await call("DELETE", `/v1/orgs/${org}/networks/vk`, `${org}.admin`)).statusCode).toBe(204);
    expectProblem(await call("DELETE", `/v1/orgs/${org}/networks/vk`, `${org}.admin`), 404);
    expect((await call("GET", `/v1/orgs/${org}/networks`, `${org}.admin`)).json()).toEqual([]);
    const caseId = `case-${org}-monitor-${uid()}`;
    expect(
      await createPublishers({ db: stack.db.db }).vk!.publish({
        key: `${caseId}:v1`,
        caseId,
        org,
        network: "vk",
        channel: "comment",
        replyTo: "https://vk.com/wall-1_100?reply=101",
        text: "x",
        attachments: [],
        draftVersion: 1,
      }),
    ).toEqual({ state: "manual" });
  });
});
