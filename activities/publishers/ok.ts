// Odnoklassniki REST API (https://api.ok.ru/fb.do, form-encoded, `format=json`): a public reply is a
// comment in the discussion of the group topic (or user status) the message was posted under, sent as the
// group. Every call is signed: sig = md5(the parameters but `access_token` sorted by name as `k=v`, joined
// without separators, + md5(access_token + application secret key)), lower-case hex.
// Errors come as `{error_code, error_msg}`.
//
// Check before post: `discussions.getComments` of the discussion, looking for the group's own comment with
// the same text. Private replies are not sent through OK here: such a case is posted by hand.
import { createHash } from "node:crypto";
import type { Account } from "./accounts";
import { timeoutOf } from "./accounts";
import type { PublishRequest } from "./index";
import type { NetworkClient, Posted } from "./ledger";
import { call, type FailureDetails, forbidden, replyText, retryable } from "./wire";

/** The method that adds a comment to a discussion (a group topic's comments). */
export const OK_COMMENT_METHOD = "discussions.answer";
export const OK_COMMENTS_METHOD = "discussions.getComments";

export interface OkTarget {
  discussionId: string;
  discussionType: "GROUP_TOPIC" | "USER_STATUS";
  url: string;
}

const md5 = (s: string) => createHash("md5").update(s, "utf8").digest("hex");

/** The documented signature of a session call (access token + the application's secret key). */
export function okSignature(params: Record<string, string>, accessToken: string, secretKey: string): string {
  const sorted = Object.keys(params)
    .filter((k) => k !== "sig" && k !== "access_token" && k !== "session_key")
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join("");
  return md5(sorted + md5(accessToken + secretKey)).toLowerCase();
}

/** https://ok.ru/group/<gid>/topic/<id> and https://ok.ru/profile/<uid>/statuses/<id>. */
export function parseOkUrl(url: string): OkTarget | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (!/^(www\.|m\.)?(ok\.ru|odnoklassniki\.ru)$/.test(u.hostname)) return null;
  const g = /^\/group\/(\d+)\/topic\/(\d+)\/?$/.exec(u.pathname);
  if (g)
    return {
      discussionId: g[2]!,
      discussionType: "GROUP_TOPIC",
      url: `https://ok.ru/group/${g[1]}/topic/${g[2]}`,
    };
  const p = /^\/profile\/(\d+)\/statuses\/(\d+)\/?$/.exec(u.pathname);
  if (p)
    return {
      discussionId: p[2]!,
      discussionType: "USER_STATUS",
      url: `https://ok.ru/profile/${p[1]}/statuses/${p[2]}`,
    };
  return null;
}

type OkError = { error_code: number; error_msg: string };

export function okClient(account: Account<"ok">, fetchImpl: typeof fetch) {
  const { applicationKey, groupId } = account.settings;
  const { accessToken, applicationSecretKey } = account.credentials;

  async function method<T>(name: string, params: Record<string, string>): Promise<T> {
    const signed: Record<string, string> = {
      ...params,
      method: name,
      application_key: applicationKey,
      format: "json",
    };
    signed.sig = okSignature(signed, accessToken, applicationSecretKey);
    signed.access_token = accessToken;
    const res = await call(
      fetchImpl,
      "ok",
      account.baseUrl,
      {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(signed),
      },
      timeoutOf(account),
    );
    const json = res.json as (OkError & Record<string, unknown>) | undefined;
    if (res.status !== 200 || json === undefined)
      throw retryable(`ok ${name}: HTTP ${res.status}`, "publish_unavailable", {
        network: "ok",
        outcome: "unknown",
        code: res.status,
      });
    if (json && typeof json === "object" && "error_code" in json)
      throw okFailure(name, json.error_code, json.error_msg);
    return json as T;
  }

  return (request: PublishRequest): NetworkClient => {
    if (request.channel === "direct")
      throw forbidden("ok: private replies are posted by hand", { network: "ok", outcome: "rejected" });
    const t = parseOkUrl(request.replyTo);
    if (!t)
      throw forbidden(`ok: cannot address a reply to ${request.replyTo}`, {
        network: "ok",
        outcome: "rejected",
      });
    const text = replyText(request);
    const discussion = { discussionId: t.discussionId, discussionType: t.discussionType };
    return {
      network: "ok",
      target: `${t.discussionType}:${t.discussionId}`,
      async find(): Promise<Posted | null> {
        const page = await method<{ comments?: Array<{ id: string; author_id?: string; text?: string }> }>(
          OK_COMMENTS_METHOD,
          { ...discussion, count: "100", direction: "BACKWARD" },
        );
        const own = page.comments?.find((c) => String(c.author_id) === groupId && c.text === text);
        return own ? { externalId: String(own.id), url: t.url } : null;
      },
      async post() {
        const r = await method<string | { id?: string; comment_id?: string }>(OK_COMMENT_METHOD, {
          ...discussion,
          text,
          gid: groupId,
        });
        const id = typeof r === "string" ? r : (r.comment_id ?? r.id);
        if (!id)
          throw retryable(`ok ${OK_COMMENT_METHOD}: no comment id in the answer`, "publish_unavailable", {
            network: "ok",
            outcome: "unknown",
          });
        return { externalId: String(id), url: t.url };
      },
    };
  };
}

function okFailure(name: string, code: number, msg: string) {
  const text = `ok ${name}: error ${code}: ${msg}`;
  const details: FailureDetails = { network: "ok", outcome: "rejected", code };
  // 9 limit reached: refused. 1 unknown, 2 service unavailable: OK may or may not have acted.
  if (code === 9) return retryable(text, "publish_rate_limited", { ...details, retryAfterSeconds: 60 });
  if (code === 1 || code === 2)
    return retryable(text, "publish_unavailable", { ...details, outcome: "unknown" });
  // 10 permission denied, 100 bad parameter, 102/103 session expired or invalid, 104 bad signature,
  // 300 not found (the topic is gone) and any other: a person posts by hand.
  return forbidden(text, details);
}
