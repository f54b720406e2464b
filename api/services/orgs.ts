// Org administration in PostgreSQL: departments, staff (and integrators' API keys), routing rules, and
// the executors a routing rule suggests at triage.
import { randomBytes } from "node:crypto";
import { and, arrayContains, asc, desc, eq, ilike, inArray, isNull, or, sql } from "drizzle-orm";
import type { z } from "zod";
import { apiKeys, departments, routingRules, staff } from "../../db/schema";
import type { Actor } from "../../workflows/actions";
import type { Deps } from "../app";
import { hashApiKey } from "../auth/credentials";
import { HttpProblem } from "../problem";
import type { newDepartment, newRule, newStaff, staffPatch } from "../schemas/org";

/** Org ids are public (they are regulation ids): another org is a plain 403. */
export function assertOwnOrg(actor: Actor, orgId: string): void {
  if (actor.org !== orgId) throw new HttpProblem(403, `You administer '${actor.org}', not '${orgId}'`);
}

export const listDepartments = (deps: Deps, orgId: string) =>
  deps.db.select().from(departments).where(eq(departments.orgId, orgId)).orderBy(asc(departments.id));

/**
 * Ids of staff, departments and feeds are global keys, so each org's begin with `<orgId>.` (the seed's
 * convention, now the rule): an admin can never name, and so a 409 never reveals, another org's id.
 */
export function assertOrgScopedId(orgId: string, id: string): void {
  if (!id.startsWith(`${orgId}.`) || id.length === orgId.length + 1)
    throw new HttpProblem(422, `Ids in ${orgId} begin with '${orgId}.'`, {
      errors: [{ path: "body.id", message: `begins with '${orgId}.'` }],
    });
}

export async function createDepartment(deps: Deps, orgId: string, d: z.infer<typeof newDepartment>) {
  assertOrgScopedId(orgId, d.id);
  const [row] = await unique(
    deps.db
      .insert(departments)
      .values({ ...d, orgId })
      .returning(),
    `department ${d.id}`,
  );
  return row!;
}

export const listStaff = (deps: Deps, orgId: string) =>
  deps.db.select().from(staff).where(eq(staff.orgId, orgId)).orderBy(asc(staff.id));

export async function createStaff(deps: Deps, orgId: string, s: z.infer<typeof newStaff>) {
  assertOrgScopedId(orgId, s.id);
  await assertDepartment(deps, orgId, s.departmentId);
  const [row] = await unique(
    deps.db
      .insert(staff)
      .values({ ...s, orgId })
      .returning(),
    `staff member ${s.id}`,
  );
  return row!;
}

export async function patchStaff(deps: Deps, orgId: string, staffId: string, p: z.infer<typeof staffPatch>) {
  await assertDepartment(deps, orgId, p.departmentId);
  const [row] = await deps.db
    .update(staff)
    .set(p)
    .where(and(eq(staff.id, staffId), eq(staff.orgId, orgId)))
    .returning();
  if (!row) throw new HttpProblem(404, `No staff member '${staffId}' in ${orgId}`);
  return row;
}

/**
 * A new API key for an integrator; the plain key is returned once and only its hash is kept. It grants the
 * integrator role only (api/plugins/auth.ts), until `expiresAt` (if given) or until revoked.
 */
export async function issueApiKey(
  deps: Deps,
  orgId: string,
  staffId: string,
  opts: { expiresAt?: string } = {},
) {
  const [person] = await deps.db
    .select()
    .from(staff)
    .where(and(eq(staff.id, staffId), eq(staff.orgId, orgId)));
  if (!person) throw new HttpProblem(404, `No staff member '${staffId}' in ${orgId}`);
  if (!person.roles.includes("integrator"))
    throw new HttpProblem(409, "API keys are for integrators; give the staff member that role first", {
      type: "not-an-integrator",
    });
  const key = `ck_${randomBytes(24).toString("base64url")}`;
  const id = `${staffId}.${randomBytes(4).toString("hex")}`;
  if (opts.expiresAt && Date.parse(opts.expiresAt) <= Date.now())
    throw new HttpProblem(422, "The key would be expired already", {
      errors: [{ path: "body.expiresAt", message: "must be in the future" }],
    });
  const [row] = await deps.db
    .insert(apiKeys)
    .values({ id, staffId, hash: hashApiKey(key), expiresAt: opts.expiresAt ?? null })
    .returning();
  return { ...keyView(row!), key };
}

type KeyRow = typeof apiKeys.$inferSelect;
const isoOrNull = (t: string | null) => (t === null ? null : new Date(t).toISOString());
const keyView = (k: KeyRow) => ({
  id: k.id,
  staffId: k.staffId,
  createdAt: new Date(k.createdAt).toISOString(),
  expiresAt: isoOrNull(k.expiresAt),
  lastUsedAt: isoOrNull(k.lastUsedAt),
  revokedAt: isoOrNull(k.revokedAt),
});

/** Every API key of the org's staff (never the key, only its id), newest first. */
export async function listApiKeys(deps: Deps, orgId: string) {
  const rows = await deps.db
    .select({ key: apiKeys })
    .from(apiKeys)
    .innerJoin(staff, eq(staff.id, apiKeys.staffId))
    .where(eq(staff.orgId, orgId))
    .orderBy(desc(apiKeys.createdAt), asc(apiKeys.id));
  return rows.map((r) => keyView(r.key));
}

/** Revokes one of the org's keys at once (a revoked key stays listed); another org's key is 404. */
export async function revokeApiKey(deps: Deps, orgId: string, keyId: string) {
  const [row] = await deps.db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(
      and(
        eq(apiKeys.id, keyId),
        inArray(apiKeys.staffId, deps.db.select({ id: staff.id }).from(staff).where(eq(staff.orgId, orgId))),
      ),
    )
    .returning();
  if (!row) throw new HttpProblem(404, `No API key '${keyId}' in ${orgId}`);
  return keyView(row);
}

export const listRules = (deps: Deps, orgId: string) =>
  deps.db.select().from(routingRules).where(eq(routingRules.orgId, orgId)).orderBy(asc(routingRules.id));

export async function createRule(deps: Deps, orgId: string, r: z.infer<typeof newRule>) {
  await assertDepartment(deps, orgId, r.departmentId);
  const [row] = await deps.db
    .insert(routingRules)
    .values({ ...r, location: r.location ?? null, orgId })
    .returning();
  return row!;
}

export async function deleteRule(deps: Deps, orgId: string, ruleId: number) {
  const gone = await deps.db
    .delete(routingRules)
    .where(and(eq(routingRules.id, ruleId), eq(routingRules.orgId, orgId)))
    .returning();
  if (gone.length === 0) throw new HttpProblem(404, `No routing rule ${ruleId} in ${orgId}`);
}

/**
 * Executors to suggest at triage: departments of the rules for the topic (a rule naming the location
 * first, then topic-wide rules), then departments of executors whose own topics include it.
 */
export async function suggest(deps: Deps, orgId: string, topic: string, location?: string) {
  const rules = await deps.db
    .select({ rule: routingRules, name: departments.name })
    .from(routingRules)
    .innerJoin(departments, eq(departments.id, routingRules.departmentId))
    .where(
      and(
        eq(routingRules.orgId, orgId),
        ilike(routingRules.topic, topic),
        location
          ? or(isNull(routingRules.location), ilike(routingRules.location, location))
          : isNull(routingRules.location),
      ),
    );
  rules.sort((a, b) => Number(a.rule.location === null) - Number(b.rule.location === null));
  const executors = await deps.db
    .select()
    .from(staff)
    .where(and(eq(staff.orgId, orgId), eq(staff.active, true), arrayContains(staff.roles, ["executor"])));
  const names = new Map((await listDepartments(deps, orgId)).map((d) => [d.id, d.name]));
  const picks = [
    ...rules.map((r) => ({
      departmentId: r.rule.departmentId,
      because: `routing rule ${r.rule.id}: ${r.rule.topic}${r.rule.location ? ` @ ${r.rule.location}` : ""}`,
    })),
    ...executors
      .filter((e) => e.departmentId && e.topics.some((t) => t.toLowerCase() === topic.toLowerCase()))
      .map((e) => ({ departmentId: e.departmentId!, because: `${e.id} covers the topic` })),
  ];
  const seen = new Set<string>();
  const suggestions = picks
    .filter((p) => !seen.has(p.departmentId) && seen.add(p.departmentId))
    .map((p) => ({
      ...p,
      departmentName: names.get(p.departmentId) ?? p.departmentId,
      executors: executors
        .filter((e) => e.departmentId === p.departmentId)
        .map((e) => ({ staffId: e.id, name: e.name })),
    }));
  return { suggestions };
}

async function assertDepartment(deps: Deps, orgId: string, departmentId: string | null | undefined) {
  if (!departmentId) return;
  const [d] = await deps.db
    .select()
    .from(departments)
    .where(and(eq(departments.id, departmentId), eq(departments.orgId, orgId)));
  if (!d)
    throw new HttpProblem(422, `No department '${departmentId}' in ${orgId}`, {
      errors: [{ path: "body.departmentId", message: "unknown department" }],
    });
}

/** A unique violation (PostgreSQL 23505, possibly wrapped by drizzle) is a 409. */
async function unique<T>(q: Promise<T>, what: string): Promise<T> {
  try {
    return await q;
  } catch (e) {
    const code = (e as { code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code;
    if (code === "23505") throw new HttpProblem(409, `The ${what} exists already`, { type: "conflict" });
    throw e;
  }
}
