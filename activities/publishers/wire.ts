// What the four network clients share on the wire: the failures they throw (the lead's workflow maps
// `publish_forbidden` to "hand the case back to the publisher role"), a fetch with a deadline, and the reply
// text with its attachment links.
//
// Every failure says whether the network *answered* (`outcome: "rejected"`: nothing was posted, a retry may
// post) or the outcome is unknown (connection lost, timeout, a gateway's 5xx page: the post may be out). The
// ledger (ledger.ts) keeps an unknown outcome as `sending`, so the next attempt checks before it posts.
import { createHash } from "node:crypto";
import { ApplicationFailure } from "@temporalio/common";
import { OutboundRefused } from "../outbound";
import type { PublishRequest } from "./index";

export type Outcome = "rejected" | "unknown";
export interface FailureDetails {
  network: string;
  outcome: Outcome;
  /** The network's own hint (Retry-After, retry_after, flood control); also the next retry's delay. */
  retryAfterSeconds?: number;
  code?: number | string;
}

/** Rate limit, flood control, 5xx, network error: Temporal retries, after the network's hint if it gave one. */
export function retryable(
  message: string,
  type: "publish_rate_limited" | "publish_unavailable",
  details: FailureDetails,
): ApplicationFailure {
  return ApplicationFailure.create({
    message,
    type,
    nonRetryable: false,
    details: [details],
    nextRetryDelay: details.retryAfterSeconds ? `${details.retryAfterSeconds}s` : undefined,
  });
}

/** No permission, bad or revoked token, the post is gone, a target we cannot address: a person posts by hand. */
export function forbidden(message: string, details: FailureDetails): ApplicationFailure {
  return ApplicationFailure.create({
    message,
    type: "publish_forbidden",
    nonRetryable: true,
    details: [details],
  });
}

/** The outcome a failure reports; anything that is not one of ours (a bug, a TypeError) counts as unknown. */
export function outcomeOf(e: unknown): Outcome {
  if (e instanceof ApplicationFailure) {
    const d = e.details?.[0] as FailureDetails | undefined;
    if (d?.outcome === "rejected") return "rejected";
  }
  return "unknown";
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined when the body is not JSON (a proxy's error page). */
  json: unknown;
}

/**
 * One HTTP call with a deadline. A lost connection or a timeout is a retryable failure with an unknown
 * outcome: the request may have reached the network.
 */
export async function call(
  fetchImpl: typeof fetch,
  network: string,
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<HttpAnswer> {
  let res: Response;
  try {
    res = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    // The outbound guard refused the account's address: nothing was sent, a person posts by hand.
    if (e instanceof OutboundRefused)
      throw forbidden(`${network}: not called (${e.message})`, { network, outcome: "rejected" });
    throw retryable(`${network}: no answer (${(e as Error).message})`, "publish_unavailable", {
      network,
      outcome: "unknown",
    });
  }
  const body = await res.text().catch(() => "");
  let json: unknown;
  try {
    json = body ? JSON.parse(body) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json };
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date). */
export function retryAfterHeader(headers: Headers): number | undefined {
  const v = headers.get("retry-after");
  if (!v) return undefined;
  const n = Number(v);
  if (Number.isFinite(n)) return Math.max(0, Math.ceil(n));
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** The reply as posted: the draft's text, then each attachment link on a line of its own. */
export const replyText = (r: Pick<PublishRequest, "text" | "attachments">) =>
  r.attachments.length > 0 ? `${r.text}\n\n${r.attachments.join("\n")}` : r.text;

/** A positive 31-bit integer derived from the idempotency key (VK's random_id is an int32). */
export const intFromKey = (key: string): number =>
  createHash("sha256").update(key).digest().readUInt32BE(0) & 0x7fffffff || 1;
