// The org's site: answers of general interest go to the section "Информация для населения"
// (Yuzhno-Sakhalinsk 3.5: "подлежат публичному размещению ... на официальных сайтах администрации города
// Южно-Сахалинска в разделе «Информация для населения»"), through a webhook the site exposes.
//
//   POST <webhook>  {key, caseId, replyTo, text, attachments}
//   Idempotency-Key: <key>
//   X-Casework-Timestamp: <unix seconds>
//   X-Casework-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
//
// 2xx {url, id}: published; 409 {url, id}: that key was published before (the same answer); 429/503 with
// Retry-After: later; 401/403/404: a person posts by hand. A repeat after an unknown outcome is safe: the
// site drops a known Idempotency-Key (the 409).
import { createHmac } from "node:crypto";
import type { Account } from "./accounts";
import { timeoutOf } from "./accounts";
import type { PublishRequest } from "./index";
import type { NetworkClient } from "./ledger";
import { call, type FailureDetails, forbidden, retryAfterHeader, retryable } from "./wire";

export const signSiteBody = (secret: string, timestamp: string, body: string) =>
  `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;

export function siteClient(account: Account<"site">, fetchImpl: typeof fetch) {
  return (request: PublishRequest): NetworkClient => {
    // The section is public: a reply to a private message (a site's feedback form) never goes there
    // (Yuzhno-Sakhalinsk 1.4, 3.4: «в личные сообщения»); a person answers it privately.
    if (request.channel === "direct")
      throw forbidden("site: private replies are posted by hand", { network: "site", outcome: "rejected" });
    return siteSection(account, fetchImpl, request);
  };
}

function siteSection(
  account: Account<"site">,
  fetchImpl: typeof fetch,
  request: PublishRequest,
): NetworkClient {
  return {
    network: "site",
    target: request.replyTo,
    repeatIsSafe: true,
    async post() {
      const body = JSON.stringify({
        key: request.key,
        caseId: request.caseId,
        replyTo: request.replyTo,
        text: request.text,
        attachments: request.attachments,
      });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const res = await call(
        fetchImpl,
        "site",
        account.baseUrl,
        {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "idempotency-key": request.key,
            "x-casework-timestamp": timestamp,
            "x-casework-signature": signSiteBody(account.credentials.secret, timestamp, body),
          },
          body,
        },
        timeoutOf(account),
      );
      const answer = (res.json ?? {}) as { url?: unknown; id?: unknown };
      if ((res.status >= 200 && res.status < 300) || res.status === 409) {
        // A 409 without the publication: the site is still processing the key's first request.
        if (answer.id === undefined && res.status === 409)
          throw retryable("site: HTTP 409, the key is still being published", "publish_unavailable", {
            network: "site",
            outcome: "unknown",
            retryAfterSeconds: retryAfterHeader(res.headers),
          });
        return {
          externalId: String(answer.id ?? request.key),
          url: typeof answer.url === "string" ? answer.url : (account.settings.sectionUrl ?? account.baseUrl),
        };
      }
      const details: FailureDetails = {
        network: "site",
        outcome: "rejected",
        code: res.status,
        retryAfterSeconds: retryAfterHeader(res.headers),
      };
      const text = `site: HTTP ${res.status}`;
      if (res.status === 429) throw retryable(text, "publish_rate_limited", details);
      if (res.status === 503) throw retryable(text, "publish_unavailable", details);
      if (res.status >= 500) throw retryable(text, "publish_unavailable", { ...details, outcome: "unknown" });
      throw forbidden(text, details);
    },
  };
}
