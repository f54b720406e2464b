import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

const healthSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  temporal: z.enum(["up", "down"]),
  postgres: z.enum(["up", "down"]),
});

/** 200 only when both Temporal and PostgreSQL answer; 503 says which one does not. */
const health: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/health",
    { schema: { tags: ["ops"], response: { 200: healthSchema, 503: healthSchema } } },
    async (_req, reply) => {
      const [temporal, postgres] = await Promise.all([
        app.deps.temporalUp().then(
          () => "up" as const,
          () => "down" as const,
        ),
        app.deps.postgresUp().then(
          () => "up" as const,
          () => "down" as const,
        ),
      ]);
      const ok = temporal === "up" && postgres === "up";
      return reply.code(ok ? 200 : 503).send({ status: ok ? "ok" : "degraded", temporal, postgres });
    },
  );
};
export default health;
