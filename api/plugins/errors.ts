import type { Socket } from "node:net";
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from "@temporalio/client";
import { ApplicationFailure } from "@temporalio/common";
import type { FastifyReply, FastifyRequest } from "fastify";
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

const typedInCurl =
  "Percent-encode the query (curl -G --data-urlencode 'topic=Дороги' …): a URL carries ASCII only";

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser refuses before any route runs (raw UTF-8 in
 * the URL, as curl sends a query typed with Cyrillic letters; a broken request line) gets problem+json too.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const [status, detail] =
    err.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? [408, "The request did not arrive in time"]
      : err.code === "HPE_HEADER_OVERFLOW"
        ? [431, "The request's headers are too large"]
        : err.code === "HPE_INVALID_URL" || err.code === "HPE_INVALID_CHARACTER"
          ? [400, `The request line is not valid HTTP. ${typedInCurl}`]
          : [400, "The request is not valid HTTP"];
  const body = JSON.stringify(new HttpProblem(status, detail).toProblem());
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${status === 400 ? "Bad Request" : status === 408 ? "Request Timeout" : "Request Header Fields Too Large"}\r\n` +
        `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(err);
}

/** Fastify's `frameworkErrors`: a URL whose percent-escapes do not decode (FST_ERR_BAD_URL), as problem+json. */
export function frameworkErrors(err: Error, req: FastifyRequest, reply: FastifyReply): void {
  const bad = (err as { code?: string }).code === "FST_ERR_BAD_URL";
  const problem = bad ? new HttpProblem(400, `${err.message}. ${typedInCurl}`) : toProblem(err);
  void reply.code(problem.status).type("application/problem+json").send(problem.toProblem(req.url));
}

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
