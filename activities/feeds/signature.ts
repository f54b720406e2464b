// Webhook signatures of push feeds: HMAC-SHA256 under the feed's shared secret over
// `<timestamp>.<raw body>`, sent as
//   X-Feed-Timestamp: <unix seconds>
//   X-Feed-Signature: sha256=<lower-case hex>
// The timestamp is part of what is signed, so a captured request cannot be re-dated; a request older (or
// newer) than the window is refused, and inside the window the (timestamp, signature) pair is accepted once
// (the API keeps it: api/services/feed-webhook.ts). Pure: no I/O.
import { createHmac, timingSafeEqual } from "node:crypto";

export const timestampHeader = "x-feed-timestamp";
export const signatureHeader = "x-feed-signature";
/** How far a delivery's timestamp may be from our clock, either way (clock skew included). */
export const replayWindowSeconds = 300;

export function signBody(secret: string, timestamp: string | number, rawBody: Buffer | string): string {
  const mac = createHmac("sha256", secret);
  mac.update(`${timestamp}.`);
  mac.update(rawBody);
  return `sha256=${mac.digest("hex")}`;
}

/** The headers a sender puts on `rawBody` (tests, and the README's example). */
export function signedHeaders(secret: string, rawBody: Buffer | string, now = Date.now()) {
  const timestamp = String(Math.floor(now / 1000));
  return { [timestampHeader]: timestamp, [signatureHeader]: signBody(secret, timestamp, rawBody) };
}

export type Verdict = { ok: true; timestamp: number; signature: string } | { ok: false; reason: string };

/** Checks the headers against the raw body; `signature` in the verdict is the hex digest (the replay key). */
export function verifySignature(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: Buffer,
  now = Date.now(),
  windowSeconds = replayWindowSeconds,
): Verdict {
  const ts = headers[timestampHeader];
  const sig = headers[signatureHeader];
  if (typeof ts !== "string" || typeof sig !== "string")
    return { ok: false, reason: `Send ${timestampHeader} and ${signatureHeader} headers` };
  if (!/^\d{1,12}$/.test(ts)) return { ok: false, reason: `${timestampHeader} must be unix seconds` };
  const given = /^sha256=([0-9a-fA-F]{64})$/.exec(sig.trim())?.[1]?.toLowerCase();
  if (!given) return { ok: false, reason: `${signatureHeader} must be sha256=<64 hex digits>` };
  const expected = signBody(secret, ts, rawBody).slice("sha256=".length);
  if (!timingSafeEqual(Buffer.from(given, "hex"), Buffer.from(expected, "hex")))
    return { ok: false, reason: "The signature does not match the body" };
  const skew = Math.abs(now / 1000 - Number(ts));
  if (skew > windowSeconds)
    return {
      ok: false,
      reason: `The timestamp is ${Math.round(skew)} s away from now (window ${windowSeconds} s): sign again`,
    };
  return { ok: true, timestamp: Number(ts), signature: given };
}
