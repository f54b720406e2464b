// The Fastify app: capabilities (deps, errors, docs) as plugins, routes in folders that mirror the URL.
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { Client } from "@temporalio/client";
import Fastify, { type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Db } from "../db/client";
import errors from "./plugins/errors";
import health from "./routes/health";
import messages from "./routes/messages";

export interface Deps {
  temporal: Client;
  taskQueue: string;
  db: Db;
  temporalUp(): Promise<void>;
  postgresUp(): Promise<void>;
}

declare module "fastify" {
  interface FastifyInstance {
    deps: Deps;
  }
}

export async function buildApp(deps: Deps, opts: FastifyServerOptions = {}) {
  const app = Fastify({
    logger: opts.logger ?? false,
    genReqId: () => crypto.randomUUID(),
    ...opts,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate("deps", deps);
  await app.register(errors);
  await app.register(swagger, {
    openapi: {
      info: {
        title: "Casework API",
        description: "Citizens' messages from social networks as durable cases under municipal regulations",
        version: "1.0.0",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
          apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });
  await app.register(health);
  await app.register(messages, { prefix: "/v1" });
  return app;
}
