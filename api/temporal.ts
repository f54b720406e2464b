// How the API talks to Temporal: a caller waits for a few quick retries, not the SDK's default ten
// (about 40 s when the server is gone); after that the request is answered 503 and the caller retries.
import {
  type Client,
  type ConnectionOptions,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
  ServiceError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from "@temporalio/client";
import { HttpProblem } from "./problem";

export function apiConnectionOptions(address: string): ConnectionOptions {
  return {
    address,
    connectTimeout: "2s",
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 4 }))],
  };
}

/** How long one request waits for Temporal (a query, an Update, a start, a report run) unless set. */
export const defaultTemporalTimeoutMs = 20_000;

/**
 * Runs `fn`'s Temporal calls under a deadline: no request waits without bound for a workflow or a server
 * that does not answer (issue 11). Past it the request is answered problem+json 504 with `advice`.
 */
export async function bounded<T>(
  deps: { temporal: Client; settings?: { temporalTimeoutMs?: number } },
  advice: string,
  fn: () => Promise<T>,
  ms = deps.settings?.temporalTimeoutMs ?? defaultTemporalTimeoutMs,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  // The SDK aborts its calls at the deadline; the timer answers even if a call ignored it.
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("DEADLINE_EXCEEDED (API timer)")), ms + 1000);
  });
  const deadline = Date.now() + ms;
  try {
    return await Promise.race([deps.temporal.withDeadline(deadline, fn), late]);
  } catch (e) {
    // Past the deadline any failure is the deadline's (a long poll cut by it can surface as CANCELLED).
    if (timedOut(e) || Date.now() >= deadline)
      throw new HttpProblem(504, `Temporal did not answer within ${Math.round(ms / 1000)} s. ${advice}`);
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

function timedOut(err: unknown, depth = 0): boolean {
  if (!err || depth > 5) return false;
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const e = err as { message?: string; code?: number; cause?: unknown };
  if ((err instanceof ServiceError || e.code !== undefined) && e.code === 4) return true; // gRPC DEADLINE_EXCEEDED
  if (/DEADLINE_EXCEEDED|deadline exceeded/i.test(e.message ?? "")) return true;
  return timedOut(e.cause, depth + 1);
}
