// Rate limits per authenticated principal (issue 16): however the credential is spelled, and whichever of the
// person's tokens it is, one staff member has one budget; anonymous and refused requests (junk tokens) count
// per client address, which comes from X-Forwarded-For only with TRUST_PROXY.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildApp } from "../../api/app";
import { signStaffToken } from "../../api/auth/credentials";
import { config } from "../../config";
import { staff } from "../../db/schema";
import { startTestStack, type TestStack } from "../support/stack";
import { expectProblem, uniqueId } from "./helpers";

let stack: TestStack;
let limited: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  stack = await startTestStack();
  limited = await buildApp({ ...stack.deps, settings: { rateLimitPerMinute: 3 } });
});
afterAll(async () => {
  await limited?.close();
  await stack?.stop();
});

/** A curator of omsk of its own, so no other suite has spent its budget; `n` tokens of it. */
async function curator() {
  const id = `omsk.${uniqueId("rl")}`;
  await stack.db.db.insert(staff).values({ id, orgId: "omsk", name: id, roles: ["curator"] });
  return (ttl: string) =>
    signStaffToken({ sub: id, org: "omsk", roles: ["curator"] }, config.api.jwtSecret, { ttl });
}
let octet = 0;
/** A client address no other request of the run came from. */
const address = () => `10.${process.pid % 250}.${Math.floor(Math.random() * 250)}.${++octet}`;
const get = (headers: Record<string, string>, remoteAddress = address(), app = limited) =>
  app.inject({ method: "GET", url: "/v1/cases", headers, remoteAddress });

describe("per principal", () => {
  test("`Bearer`, `bearer`, extra spaces and another token of the same person share one budget", async () => {
    const token = await curator();
    const [a, b] = [await token("1h"), await token("2h")];
    const codes = [
      await get({ authorization: `Bearer ${a}` }),
      await get({ authorization: `bearer ${a}` }),
      await get({ authorization: `BEARER    ${a}` }),
      await get({ authorization: `Bearer ${b}` }),
    ].map((r) => r.statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    // another person is not affected
    const other = await curator();
    expect((await get({ authorization: `Bearer ${await other("1h")}` })).statusCode).toBe(200);
  });

  test("a principal's budget does not depend on the address it calls from", async () => {
    const token = await curator();
    const t = await token("1h");
    const codes: number[] = [];
    for (let i = 0; i < 4; i++)
      codes.push((await get({ authorization: `Bearer ${t}` }, address())).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
  });
});

describe("per address", () => {
  test("junk tokens and unknown keys are counted by the client address: the 4th is 429, not 401", async () => {
    const from = address();
    const codes = [
      await get({ authorization: `Bearer junk-${Math.random()}` }, from),
      await get({ authorization: `Bearer ${Math.random()}.${Math.random()}.x` }, from),
      await get({ "x-api-key": `ck_${Math.random()}` }, from),
      await get({ authorization: `Bearer junk-${Math.random()}` }, from),
    ].map((r) => r.statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
    expectProblem(await get({}, from), 429);
    // a valid credential from that address has its own budget
    const token = await curator();
    expect((await get({ authorization: `Bearer ${await token("1h")}` }, from)).statusCode).toBe(200);
  });

  test("X-Forwarded-For is the client only with TRUST_PROXY: else a spoofed header gives no fresh budget", async () => {
    const proxy = address();
    const spoof = (app: typeof limited) =>
      Promise.all(
        [1, 2, 3, 4].map(async () => (await get({ "x-forwarded-for": address() }, proxy, app)).statusCode),
      );
    // not trusted: all four come from the proxy's address
    expect((await spoof(limited)).sort()).toEqual([401, 401, 401, 429]);
    const behindProxy = await buildApp(
      { ...stack.deps, settings: { rateLimitPerMinute: 3 } },
      { trustProxy: [proxy] },
    );
    try {
      // trusted: each forwarded client has its own budget
      expect(await spoof(behindProxy)).toEqual([401, 401, 401, 401]);
    } finally {
      await behindProxy.close();
    }
  });
});
