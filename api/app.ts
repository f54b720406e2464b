// The Fastify app: capabilities (deps, errors, auth, rate limit, docs) as plugins, routes in folders that
// mirror the URL.
import type { Client } from "@temporalio/client";
import Fastify, { type FastifyServerOptions } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { config } from "../config";
import type { Db } from "../db/client";
import auth from "./plugins/auth";
import contract from "./plugins/contract";
import docs from "./plugins/docs";
import errors, { clientErrorHandler, frameworkErrors } from "./plugins/errors";
import rateLimit from "./plugins/rate-limit";
import codec from "./routes/codec";
import health from "./routes/health";
import v1 from "./routes/v1";
import { defaultTemporalTimeoutMs } from "./temporal";

export interface Settings {
  /** HS256 secret of staff tokens (dev); ignored when `jwksUrl` is set. */
  jwtSecret: string;
  jwksUrl?: string;
  /** Tokens issued longer ago are refused (`exp` and `iat` are required). */
  jwtMaxAge: string;
  rateLimitPerMinute: number;
  /** The share of a step's budget at which its holder is warned, given to each case at start (WARN_AT_SHARE). */
  warnAtShare: number;
  /** How long a request waits for Temporal before answering 504 (api/temporal.ts `bounded`). */
  temporalTimeoutMs: number;
  /** Dev only: Temporal UI's origin may call the codec without a token (config.ts `codecTrustsUi`). */
  codecTrustsUi: boolean;
}

export interface Deps {
  temporal: Client;
  taskQueue: string;
  db: Db;
  temporalUp(): Promise<void>;
  postgresUp(): Promise<void>;
  /** Defaults from config.ts (environment). */
  settings?: Partial<Settings>;
}

declare module "fastify" {
  interface FastifyInstance {
    deps: Deps & { settings: Settings };
  }
}

/** Pino with request ids; credentials, message texts and author data never reach the log. */
export const loggerOptions: FastifyServerOptions["logger"] = {
  level: process.env.LOG_LEVEL ?? "info",
  redact: {
    paths: [
      "req.headers.authorization",
      'req.headers["x-api-key"]',
      "*.author",
      "*.text",
      "*.fullName",
      "*.address",
      "*.phone",
    ],
    censor: "[redacted]",
  },
  serializers: {
    // drizzle puts a failed query's parameters (message texts, names) into the error message.
    err: (e: Error) => ({
      type: e.name,
      message: e.message.replace(/\nparams:[\s\S]*$/, "\nparams: [redacted]"),
      stack: (e.stack ?? "").replace(/\nparams:[\s\S]*?(\n\s+at )/, "\nparams: [redacted]$1"),
    }),
  },
};

export async function buildApp(deps: Deps, opts: FastifyServerOptions = {}) {
  const app = Fastify({
    logger: opts.logger ?? false,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    // The client address (rate limits of anonymous callers) from X-Forwarded-For only behind a trusted proxy.
    trustProxy: config.api.trustProxy,
    // Ids up to the schemas' own limits (a case id is up to 700 characters) reach validation: 422, not 414.
    routerOptions: { maxParamLength: 8000 },
    // A `__proto__` or `constructor.prototype` key in a JSON body is dropped (never applied), not a 400.
    onProtoPoisoning: "remove",
    onConstructorPoisoning: "remove",
    // Requests refused before routing answer problem+json as well (api/plugins/errors.ts).
    clientErrorHandler,
    frameworkErrors,
    ...opts,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const settings: Settings = {
    jwtSecret: config.api.jwtSecret,
    jwksUrl: config.api.jwksUrl,
    jwtMaxAge: config.api.jwtMaxAge,
    rateLimitPerMinute: config.api.rateLimitPerMinute,
    warnAtShare: config.warnAtShare,
    temporalTimeoutMs: defaultTemporalTimeoutMs,
    codecTrustsUi: config.api.codecTrustsUi,
    ...deps.settings,
  };
  app.decorate("deps", { ...deps, settings });
  app.addHook("onSend", async (req, reply) => {
    reply.header("x-request-id", req.id);
  });
  await app.register(errors);
  await app.register(contract);
  await app.register(auth);
  await app.register(rateLimit);
  await app.register(docs);
  await app.register(health);
  await app.register(v1, { prefix: "/v1" });
  await app.register(codec, { prefix: "/codec" });
  return app;
}
