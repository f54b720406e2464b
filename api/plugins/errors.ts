import { WorkflowNotFoundError, WorkflowUpdateFailedError } from "@temporalio/client";
import { ApplicationFailure } from "@temporalio/common";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import type { RefusalCode } from "../../workflows/actions";
import { HttpProblem } from "../problem";

/** Every error leaves as application/problem+json (RFC 9457). */
export default fp(
  async (app) => {
    app.setErrorHandler((err, req, reply) => {
      const problem = toProblem(err);
      if (problem.status === 500) req.log.error({ err }, "unhandled error");
      if (problem.status === 401) reply.header("www-authenticate", 'Bearer realm="casework"');
      return reply.code(problem.status).type("application/problem+json").send(problem.toProblem(req.url));
    });
    app.setNotFoundHandler((req, reply) =>
      reply
        .code(404)
        .type("application/problem+json")
        .send(new HttpProblem(404, `No route ${req.method} ${req.url}`).toProblem(req.url)),
    );
  },
  { name: "errors" },
);

const refusals: Record<RefusalCode, number> = {
  forbidden: 403,
  wrong_state: 409,
  invalid: 422,
  not_found: 404,
  checks_failed: 422,
};

export function toProblem(err: unknown): HttpProblem {
  if (err instanceof HttpProblem) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? "body";
    return new HttpProblem(422, `The ${where} is not valid`, {
      errors: err.validation.map((v) => ({
        path: `${where}${v.instancePath.replaceAll("/", ".")}`,
        message: v.message ?? "invalid",
      })),
    });
  }
  // The update validator's refusal, its reason passed through (workflows/actions.ts refusalCodes).
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const status = refusals[err.cause.type as RefusalCode];
    if (status) return new HttpProblem(status, err.cause.message, { type: `refused/${err.cause.type}` });
  }
  if (err instanceof WorkflowNotFoundError) {
    if (/already completed/i.test(err.message))
      return new HttpProblem(409, "The case is finished; it takes no actions");
    return new HttpProblem(404, "No such case");
  }
  const status = (err as { statusCode?: number })?.statusCode;
  if (status === 429) return new HttpProblem(429, (err as Error).message);
  if (status === 400 || status === 413 || status === 415) return new HttpProblem(400, (err as Error).message);
  if (isUnavailable(err))
    return new HttpProblem(503, "Temporal or PostgreSQL is not answering; nothing was changed, retry later");
  return new HttpProblem(500, "Internal error");
}

/** A dependency down: connection refused or timed out, on the error or any of its causes. */
function isUnavailable(err: unknown, depth = 0): boolean {
  if (!err || depth > 5) return false;
  const e = err as { name?: string; message?: string; code?: string | number; cause?: unknown };
  const text = `${e.name} ${e.message} ${e.code}`;
  if (
    /ECONNREFUSED|ECONNRESET|ServiceError|UNAVAILABLE|Connection terminated|CONNECTION_|CONNECT_TIMEOUT|DEADLINE_EXCEEDED|57P01/i.test(
      text,
    )
  )
    return true;
  return isUnavailable(e.cause, depth + 1);
}
