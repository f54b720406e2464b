// Staff tokens must expire (issue 16): a JWT without `exp` or `iat` is refused, and so is one issued longer
// ago than the maximum token age (24 h), whatever its `exp` says.
import { SignJWT } from "jose";
import { afterAll, beforeAll, expect, test } from "vitest";
import { AUDIENCE, ISSUER } from "../../api/auth/credentials";
import { config } from "../../config";
import { startTestStack, type TestStack } from "../support/stack";
import { expectProblem } from "./helpers";

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const now = () => Math.floor(Date.now() / 1000);
function token(claims: { iat?: number; exp?: number }) {
  const jwt = new SignJWT({ org: "omsk", roles: ["curator"], ...claims })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("omsk.curator")
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE);
  return jwt.sign(new TextEncoder().encode(config.api.jwtSecret));
}
const list = async (t: string) =>
  stack.app.inject({ method: "GET", url: "/v1/cases", headers: { authorization: `Bearer ${t}` } });

test("a token without exp is refused", async () => {
  const p = expectProblem(await list(await token({ iat: now() })), 401);
  expect(p.detail).toMatch(/exp/);
});

test("a token without iat is refused", async () => {
  const p = expectProblem(await list(await token({ exp: now() + 3600 })), 401);
  expect(p.detail).toMatch(/iat/);
});

test("a token older than 24 h is refused even if its exp is a year away", async () => {
  const old = await token({ iat: now() - 25 * 3600, exp: now() + 365 * 86_400 });
  expectProblem(await list(old), 401);
  const fresh = await token({ iat: now() - 23 * 3600, exp: now() + 3600 });
  expect((await list(fresh)).statusCode).toBe(200);
});
