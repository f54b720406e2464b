// OpenAPI 3 generated from the routes' zod schemas, served with a UI at /docs (and /docs/json).
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import fp from "fastify-plugin";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";

export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: "3.0.3",
        info: {
          title: "Casework API",
          description:
            "Citizens' messages from social networks as durable cases under municipal regulations. " +
            "Errors are RFC 9457 application/problem+json.",
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
      // Schemas with a registry id (CaseView) become components referenced by $ref.
      // A 204 has no body: documented without content (the route's z.null() still checks the handler).
      transformObject: (input) => {
        const doc = jsonSchemaTransformObject(input) as {
          paths?: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>>;
        };
        for (const ops of Object.values(doc.paths ?? {}))
          for (const op of Object.values(ops)) if (op.responses?.["204"]) delete op.responses["204"].content;
        return doc as ReturnType<typeof jsonSchemaTransformObject>;
      },
    });
    await app.register(swaggerUi, { routePrefix: "/docs" });
  },
  { name: "docs" },
);
