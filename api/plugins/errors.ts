import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { HttpProblem } from "../problem";

/** Every error leaves as application/problem+json (RFC 9457). */
export default fp(async (app) => {
  app.setErrorHandler((err, req, reply) => {
    let problem: HttpProblem;
    if (err instanceof HttpProblem) problem = err;
    else if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? "body";
      problem = new HttpProblem(422, `The ${where} is not valid`, {
        errors: err.validation.map((v) => ({
          path: `${where}${v.instancePath.replaceAll("/", ".")}`,
          message: v.message ?? "invalid",
        })),
      });
    } else if (statusOf(err) === 429) {
      problem = new HttpProblem(429, (err as Error).message);
    } else if (statusOf(err) === 400 || statusOf(err) === 415) {
      problem = new HttpProblem(400, (err as Error).message);
    } else if (isUnavailable(err)) {
      problem = new HttpProblem(
        503,
        "Temporal or PostgreSQL is not answering; nothing was changed, retry later",
      );
    } else {
      req.log.error({ err }, "unhandled error");
      problem = new HttpProblem(500, "Internal error");
    }
    return reply.code(problem.status).type("application/problem+json").send(problem.toProblem(req.url));
  });
  app.setNotFoundHandler((req, reply) =>
    reply
      .code(404)
      .type("application/problem+json")
      .send(new HttpProblem(404, `No route ${req.method} ${req.url}`).toProblem(req.url)),
  );
});

function isUnavailable(err: unknown): boolean {
  const text = `${(err as Error)?.name} ${(err as Error)?.message} ${(err as { code?: string })?.code}`;
  return /ECONNREFUSED|ServiceError|UNAVAILABLE|Connection terminated|CONNECTION_|DEADLINE_EXCEEDED/i.test(
    text,
  );
}

const statusOf = (err: unknown) => (err as { statusCode?: number })?.statusCode;
