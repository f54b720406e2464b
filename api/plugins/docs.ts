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
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(swaggerUi, { routePrefix: "/docs" });
  },
  { name: "docs" },
);
