// The API true to its OpenAPI document (README.md "Fuzzing"), for every route at once:
// - every documented route also documents what any route can answer: 400 (a body that is not JSON, a
//   missing or unsupported content type), 429 (plugins/rate-limit.ts), 503 (PostgreSQL or Temporal down:
//   plugins/errors.ts), 401 behind credentials and 422 where it validates a part of the request;
// - a method a path does not declare is 405 with `Allow`, not 404;
// - no string with NUL (U+0000) or a lone surrogate reaches PostgreSQL or Temporal: 422 naming the field,
//   in the body, the path parameters and the query (workflows/strings.ts). A batch of messages answers each
//   item on its own; a push feed's webhook body is bytes, mapped item by item (activities/feeds/mapping.ts).
import type { FastifyRequest, RouteOptions } from "fastify";
import fp from "fastify-plugin";
import { badString } from "../../workflows/strings";
import { HttpProblem, problemResponses } from "../problem";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The body's strings are checked later, item by item (the message batch; a webhook's body is bytes). */
    bodyStringsCheckedLater?: boolean;
  }
}

export function refuseBadStrings(req: FastifyRequest): void {
  const parts: Array<[string, unknown]> = [
    ["params", req.params],
    ["query", req.query],
    ...(req.routeOptions.config?.bodyStringsCheckedLater
      ? []
      : ([["body", req.body]] as Array<[string, unknown]>)),
  ];
  for (const [where, value] of parts) {
    const bad = badString(value, where);
    if (bad)
      throw new HttpProblem(422, `The ${where} is not valid: ${bad.path} ${bad.message}`, { errors: [bad] });
  }
}

const methodsOf = (r: RouteOptions) => (Array.isArray(r.method) ? r.method : [r.method]).map(String);

export default fp(
  async (app) => {
    const paths: Array<{ pattern: RegExp; methods: Set<string> }> = [];
    app.addHook("onRoute", (route) => {
      const pattern = new RegExp(
        `^${route.url
          .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
          .replace(/:[A-Za-z0-9_]+/g, "[^/]+")
          .replace(/\*/g, ".*")}/?$`,
      );
      const known = paths.find((p) => p.pattern.source === pattern.source);
      if (known) for (const m of methodsOf(route)) known.methods.add(m);
      else paths.push({ pattern, methods: new Set(methodsOf(route)) });
      const schema = route.schema as
        | (Record<string, unknown> & {
            hide?: boolean;
            security?: unknown[];
            response?: Record<string, unknown>;
          })
        | undefined;
      if (schema?.response && !schema.hide) {
        const validated = ["body", "params", "querystring", "headers"].some((k) => schema[k]);
        schema.response = {
          ...problemResponses(
            400,
            429,
            503,
            ...(schema.security?.length ? [401] : []),
            ...(validated ? [422] : []),
          ),
          ...schema.response,
        };
      }
    });

    // Before body parsing: an undeclared method with a body and no content type is 405 too, not 400.
    app.addHook("onRequest", async (req, reply) => {
      if (!req.is404) return;
      const path = req.url.split("?")[0] ?? "";
      const allowed = paths.filter((p) => p.pattern.test(path)).flatMap((p) => [...p.methods]);
      if (allowed.length === 0) return;
      reply.header("allow", [...new Set(allowed)].sort().join(", "));
      throw new HttpProblem(
        405,
        `${req.method} is not a method of ${path}; it takes ${[...new Set(allowed)].sort().join(", ")}`,
      );
    });

    app.addHook("preValidation", async (req) => refuseBadStrings(req));
  },
  { name: "contract" },
);
