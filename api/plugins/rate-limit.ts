// Rate limiting per authenticated principal (the staff member, whichever token or key it sends, however the
// header is spelled), and per client address for anonymous requests and refused credentials (`TRUST_PROXY`
// decides whether that address comes from X-Forwarded-For), so one noisy integrator cannot starve the
// others and junk tokens are limited too. Runs after plugins/auth.ts has authenticated the request. /health and /docs are not limited. The counters live in
// PostgreSQL (`rate_limits`), so every API instance counts against the same budget; if PostgreSQL cannot
// answer, the request is not refused for that (it meets the 503 of whatever it needs next).
import rateLimit, { type FastifyRateLimitStore } from "@fastify/rate-limit";
import { sql } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Db } from "../../db/client";

export default fp(
  async (app) => {
    await app.register(rateLimit, {
      // Not the plugin's per-route hook: it would run after a route's `authorize`, so refused credentials
      // (401) would never be counted. One global onRequest hook instead, after the auth plugin's.
      global: false,
      max: app.deps.settings.rateLimitPerMinute,
      timeWindow: "1 minute",
      keyGenerator: credentialKey,
      store: pgStore(app.deps.db),
      skipOnError: true,
      allowList: (req) => req.url === "/health" || req.url.startsWith("/docs"),
      errorResponseBuilder: (_req, ctx) => ({
        statusCode: 429,
        message: `More than ${ctx.max} requests a minute for this credential; retry in ${ctx.after}`,
      }),
    });
    app.addHook("onRequest", app.rateLimit());
  },
  { name: "rate-limit", dependencies: ["auth"] },
);

function credentialKey(req: FastifyRequest): string {
  if (req.actor) return `staff:${req.actor.staffId}`;
  return `ip:${req.ip}`;
}

/** Windows older than this are deleted now and then (one request in `pruneEvery`). */
const pruneAfter = "1 hour";
const pruneEvery = 500;

/**
 * A fixed window per key on PostgreSQL's clock: one upsert per request that starts a new window when the
 * old one has passed, and answers the hits so far and the milliseconds left.
 */
export function pgStore(db: Db) {
  return class PgRateLimitStore implements FastifyRateLimitStore {
    incr(
      key: string,
      cb: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow?: number,
    ): void {
      const windowMs = timeWindow ?? 60_000;
      const expired = sql`r.window_start <= now() - ${windowMs} * interval '1 millisecond'`;
      db.execute<{ hits: number; ttl: number }>(sql`
        insert into rate_limits as r (key, window_start, hits) values (${key}, now(), 1)
        on conflict (key) do update set
          hits = case when ${expired} then 1 else r.hits + 1 end,
          window_start = case when ${expired} then now() else r.window_start end
        returning hits, greatest(0, ceil(extract(epoch from
          (window_start + ${windowMs} * interval '1 millisecond' - now())) * 1000))::int as ttl`)
        .then((rows) => {
          const [row] = rows as unknown as Array<{ hits: number; ttl: number }>;
          cb(null, { current: row!.hits, ttl: row!.ttl });
          if (Math.random() * pruneEvery < 1)
            db.execute(
              sql`delete from rate_limits where window_start < now() - ${pruneAfter}::interval`,
            ).catch(() => {});
        })
        .catch((e: Error) => cb(e));
    }

    child(): FastifyRateLimitStore {
      return new PgRateLimitStore();
    }
  };
}
