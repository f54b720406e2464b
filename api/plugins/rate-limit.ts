// Rate limiting per credential (a token or an API key counts for itself, anonymous callers per address),
// so one noisy integrator cannot starve the others. /health and /docs are not limited.
import { createHash } from "node:crypto";
import rateLimit from "@fastify/rate-limit";
import type { FastifyRequest } from "fastify";
import fp from "fastify-plugin";

export default fp(
  async (app) => {
    await app.register(rateLimit, {
      global: true,
      max: app.deps.settings.rateLimitPerMinute,
      timeWindow: "1 minute",
      keyGenerator: credentialKey,
      allowList: (req) => req.url === "/health" || req.url.startsWith("/docs"),
      errorResponseBuilder: (_req, ctx) => ({
        statusCode: 429,
        message: `More than ${ctx.max} requests a minute for this credential; retry in ${ctx.after}`,
      }),
    });
  },
  { name: "rate-limit" },
);

function credentialKey(req: FastifyRequest): string {
  const credential = req.headers["x-api-key"] ?? req.headers.authorization;
  if (typeof credential !== "string" || !credential) return `ip:${req.ip}`;
  return `cred:${createHash("sha256").update(credential).digest("base64url").slice(0, 22)}`;
}
