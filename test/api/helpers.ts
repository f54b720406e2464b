// Helpers of the API suites: credentials of the demo seed, a message, problem+json checks, polling.
import { expect } from "vitest";
import { signStaffToken } from "../../api/auth/credentials";
import type { Problem } from "../../api/problem";
import { config } from "../../config";
import { demoKey } from "../../db/seed";
import type { Role } from "../../workflows/actions";

/** A bearer token for a demo staff member `<org>.<who>`; the API takes the roles from the staff row. */
export async function bearer(
  staffId: string,
  opts: { roles?: Role[]; org?: string; ttl?: string; secret?: string } = {},
) {
  const org = opts.org ?? staffId.slice(0, staffId.lastIndexOf("."));
  const token = await signStaffToken(
    { sub: staffId, org, roles: opts.roles ?? ["curator"] },
    opts.secret ?? config.api.jwtSecret,
    { ttl: opts.ttl },
  );
  return { authorization: `Bearer ${token}` };
}

export const apiKey = (org: string) => ({ "x-api-key": demoKey(org) });

let n = 0;
/** A unique external id per call, so suites never collide on the shared Temporal server. */
export const uniqueId = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${n++}`;

export const message = (org: string, externalId: string, extra: Record<string, unknown> = {}) => ({
  org,
  source: "api-suite",
  externalId,
  network: "vk",
  channel: "comment",
  url: `https://vk.com/wall-1_${externalId}`,
  author: { name: "Иван Петров", profileUrl: "https://vk.com/id1" },
  text: "Когда починят дорогу на ул. Ленина?",
  publishedAt: "2026-03-02T09:00:00+06:00",
  detectedAt: "2026-03-02T09:10:00+06:00",
  ...extra,
});

/** An RFC 9457 problem with this status. */
export function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
) {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
  expect(String(res.headers["content-type"])).toContain("application/problem+json");
  const body = res.json() as Problem;
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\/casework\.dev\/problems\//) });
  expect(body.title).toEqual(expect.any(String));
  return body;
}

/** Poll until `check` returns a value (the read model is written by activities, asynchronously). */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  ms = 10_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
