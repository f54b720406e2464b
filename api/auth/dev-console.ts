// `make dev` has no single sign-on, so Temporal UI cannot pass an admin token to the codec endpoint. With
// CODEC_TRUSTS_UI=1 (set by scripts/dev.ts; refused under NODE_ENV=production, config.ts `codecTrustsUi`)
// a request from Temporal UI's origin that carries no credentials acts as the dev console: a platform admin
// of the dev stack, not staff of any org. A request with credentials is authenticated as usual, and a check
// by org lets DEV_CONSOLE through as the platform admin it is (README "Operating it").
import type { FastifyInstance, FastifyRequest } from "fastify";
import { config } from "../../config";
import type { Actor } from "../../workflows/actions";

/** The actor of Temporal UI's codec calls under `make dev`. */
export const DEV_CONSOLE: Actor & { platform: true } = {
  staffId: "dev:temporal-ui",
  org: "*",
  roles: ["admin"],
  platform: true,
};

/** Whether this request is Temporal UI's own, uncredentialed, on a stack that trusts it. */
export function fromTrustedUi(app: FastifyInstance, req: FastifyRequest): boolean {
  // Read at every request, not only at start: a production process never trusts the origin.
  if (process.env.NODE_ENV === "production" || !app.deps.settings.codecTrustsUi) return false;
  if (req.headers.authorization || req.headers["x-api-key"]) return false;
  return req.headers.origin === config.api.temporalUiOrigin;
}

/** `app.authorize(...roles)`, except that Temporal UI under `make dev` acts as DEV_CONSOLE. */
export function authorizeOrDevConsole(
  app: FastifyInstance,
  ...roles: Parameters<FastifyInstance["authorize"]>
) {
  const authorize = app.authorize(...roles);
  return async (req: FastifyRequest, reply: Parameters<typeof authorize>[1]) => {
    if (fromTrustedUi(app, req)) {
      req.actor = DEV_CONSOLE;
      return;
    }
    await authorize(req, reply);
  };
}
