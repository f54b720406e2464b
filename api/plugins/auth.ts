// Authentication: a staff bearer token (JWT) or an integrator's API key becomes `req.actor`, the Actor every
// workflow action carries. The staff row decides: it must exist, be active and belong to the token's org,
// and its roles, department and curator tier win over the token's claims. An API key is an integrator's
// credential: it grants the integrator role only (whatever else its owner may be), until it expires or is
// revoked.
import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { apiKeys, staff } from "../../db/schema";
import { type Actor, roles as allRoles, type Role } from "../../workflows/actions";
import { hashApiKey, tokenVerifier } from "../auth/credentials";
import { HttpProblem } from "../problem";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    /** Why the request's credentials were refused (or that it sent none); thrown by `authorize`. */
    authError: unknown;
  }
  interface FastifyInstance {
    /** onRequest hook: 401 without valid credentials, 403 unless the actor has one of `roles` (any, if none). */
    authorize(...roles: Role[]): (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

export default fp(
  async (app) => {
    const { jwtSecret, jwksUrl, jwtMaxAge } = app.deps.settings;
    const verify = tokenVerifier({ jwtSecret, jwksUrl, maxTokenAge: jwtMaxAge });

    const actorOfRow = (row: typeof staff.$inferSelect | undefined, org?: string): Actor => {
      if (!row?.active) throw new HttpProblem(401, "Unknown or inactive staff member");
      if (org && row.orgId !== org) throw new HttpProblem(401, "The token's org is not the staff member's");
      return {
        staffId: row.id,
        org: row.orgId,
        roles: row.roles.filter((r): r is Role => (allRoles as readonly string[]).includes(r)),
        department: row.departmentId ?? undefined,
        curatorTier: (row.curatorTier as Actor["curatorTier"]) ?? undefined,
      };
    };
    const staffActor = async (staffId: string, org?: string): Promise<Actor> => {
      const [row] = await app.deps.db.select().from(staff).where(eq(staff.id, staffId));
      return actorOfRow(row, org);
    };

    const authenticate = async (req: FastifyRequest): Promise<Actor> => {
      const key = req.headers["x-api-key"];
      if (typeof key === "string" && key) {
        // The key and its owner in one round trip; its last use is written at most once a minute, and only
        // then is a write sent (bench/RESULTS.md "region day": every statement here is on every message).
        const [row] = await app.deps.db
          .select({ id: apiKeys.id, lastUsedAt: apiKeys.lastUsedAt, owner: staff })
          .from(apiKeys)
          .innerJoin(staff, eq(staff.id, apiKeys.staffId))
          .where(
            and(
              eq(apiKeys.hash, hashApiKey(key)),
              isNull(apiKeys.revokedAt),
              or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`)),
            ),
          );
        if (!row) throw new HttpProblem(401, "Unknown, expired or revoked API key");
        const actor = actorOfRow(row.owner);
        if (!actor.roles.includes("integrator"))
          throw new HttpProblem(401, "The API key's owner is no longer an integrator");
        if (!row.lastUsedAt || Date.now() - new Date(row.lastUsedAt).getTime() > 60_000)
          await app.deps.db
            .update(apiKeys)
            .set({ lastUsedAt: sql`now()` })
            .where(
              and(
                eq(apiKeys.id, row.id),
                or(isNull(apiKeys.lastUsedAt), sql`${apiKeys.lastUsedAt} < now() - interval '1 minute'`),
              ),
            );
        return { ...actor, roles: ["integrator"], department: undefined, curatorTier: undefined };
      }
      const header = req.headers.authorization ?? "";
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      if (!token) throw new HttpProblem(401, "Send a bearer token (Authorization: Bearer …) or an x-api-key");
      const claims = await verify(token).catch((e: Error) => {
        throw new HttpProblem(401, `Invalid token: ${e.message}`);
      });
      return staffActor(claims.sub, claims.org);
    };

    app.decorateRequest("actor", null);
    app.decorateRequest("authError", null);
    // Every request is authenticated first, so the rate limit (plugins/rate-limit.ts, registered after this)
    // counts per principal, and anonymous or refused requests per client address.
    app.addHook("onRequest", async (req) => {
      try {
        req.actor = await authenticate(req);
      } catch (e) {
        // A refusal (401), or PostgreSQL not answering (503): thrown by the route's `authorize`, if it has one.
        req.authError = e;
      }
    });
    app.decorate("authorize", (...roles: Role[]) => async (req: FastifyRequest) => {
      if (!req.actor) throw req.authError ?? new HttpProblem(401, "Not authenticated");
      if (roles.length > 0 && !req.actor.roles.some((r) => roles.includes(r)))
        throw new HttpProblem(403, `This needs one of the roles: ${roles.join(", ")}`);
    });
  },
  { name: "auth", dependencies: [] },
);

/**
 * OpenAPI `security` of a staff route: a bearer token. An API key (an integrator's: api/services/orgs.ts) is
 * accepted too but gets only an integrator's 403 there, so the routes integrators use list `apiKey` themselves.
 */
export const credentials: Array<Record<string, string[]>> = [{ bearer: [] }];

/** The authenticated actor of a route that ran `app.authorize` (a programming error otherwise). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new Error("route without app.authorize");
  return req.actor;
}
