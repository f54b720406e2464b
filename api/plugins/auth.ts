// Authentication: a staff bearer token (JWT) or an integrator's API key becomes `req.actor`, the Actor every
// workflow action carries. The staff row decides: it must exist, be active and belong to the token's org,
// and its roles, department and curator tier win over the token's claims.
import { and, eq, isNull } from "drizzle-orm";
import type { FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { apiKeys, staff } from "../../db/schema";
import { type Actor, roles as allRoles, type Role } from "../../workflows/actions";
import { hashApiKey, tokenVerifier } from "../auth/credentials";
import { HttpProblem } from "../problem";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** onRequest hook: 401 without valid credentials, 403 unless the actor has one of `roles` (any, if none). */
    authorize(...roles: Role[]): (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

export default fp(
  async (app) => {
    const { jwtSecret, jwksUrl } = app.deps.settings;
    const verify = tokenVerifier({ jwtSecret, jwksUrl });

    const staffActor = async (staffId: string, org?: string): Promise<Actor> => {
      const [row] = await app.deps.db.select().from(staff).where(eq(staff.id, staffId));
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

    const authenticate = async (req: FastifyRequest): Promise<Actor> => {
      const key = req.headers["x-api-key"];
      if (typeof key === "string" && key) {
        const [row] = await app.deps.db
          .select({ staffId: apiKeys.staffId })
          .from(apiKeys)
          .where(and(eq(apiKeys.hash, hashApiKey(key)), isNull(apiKeys.revokedAt)));
        if (!row) throw new HttpProblem(401, "Unknown or revoked API key");
        return staffActor(row.staffId);
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
    app.decorate("authorize", (...roles: Role[]) => async (req: FastifyRequest) => {
      req.actor = await authenticate(req);
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
