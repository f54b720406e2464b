// VK API (https://api.vk.com/method/<name>, form-encoded, `access_token` of the community, `v`): a public
// reply is `wall.createComment` from the community under the post or comment answered, a private one is
// `messages.send` to the author (Yuzhno-Sakhalinsk 3.4: a public comment gets a public reply, a private
// message a private one). Errors come as HTTP 200 `{error: {error_code, error_msg}}`.
//
// Check before post: a comment is looked for with `wall.getComments` among the community's own replies in
// the thread (same text); `guid` lets VK itself drop a repeat. A message carries `random_id` derived from
// the key: VK drops a repeated random_id of the same sender, so a repeat after an unknown outcome is safe.

import type { Account } from "./accounts";
import { timeoutOf } from "./accounts";
import type { PublishRequest } from "./index";
import type { NetworkClient, Posted } from "./ledger";
import { call, type FailureDetails, forbidden, intFromKey, replyText, retryable } from "./wire";

/** Too many requests per second (6), flood control (9), a method's rate limit (29); VK gives no hint. */
const rateLimits: Record<number, number> = { 6: 1, 9: 60, 29: 900 };
/** Unknown (1) or internal (10) error: VK may or may not have acted. */
const transient = new Set([1, 10]);

export interface VkTarget {
  ownerId: number;
  postId: number;
  replyTo?: number;
}

/** https://vk.com/wall-<group>_<post>[?reply=<comment>[&thread=<top>]], also `?w=wall-<group>_<post>`. */
export function parseVkUrl(url: string): VkTarget | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (!/(^|\.)vk\.(com|ru)$/.test(u.hostname)) return null;
  const m =
    /^\/wall(-?\d+)_(\d+)\/?$/.exec(u.pathname) ?? /^wall(-?\d+)_(\d+)$/.exec(u.searchParams.get("w") ?? "");
  if (!m) return null;
  const reply = u.searchParams.get("reply");
  return {
    ownerId: Number(m[1]),
    postId: Number(m[2]),
    ...(reply && /^\d+$/.test(reply) ? { replyTo: Number(reply) } : {}),
  };
}

type VkAnswer = { response?: unknown; error?: { error_code: number; error_msg: string } };

export function vkClient(account: Account<"vk">, fetchImpl: typeof fetch) {
  const { groupId, apiVersion } = account.settings;

  async function method<T>(name: string, params: Record<string, string | number>): Promise<T> {
    const body = new URLSearchParams({
      ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
      access_token: account.credentials.accessToken,
      v: apiVersion,
    });
    const res = await call(
      fetchImpl,
      "vk",
      `${account.baseUrl}/${name}`,
      { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body },
      timeoutOf(account),
    );
    const json = res.json as VkAnswer | undefined;
    if (res.status !== 200 || !json || typeof json !== "object")
      throw retryable(`vk ${name}: HTTP ${res.status}`, "publish_unavailable", {
        network: "vk",
        outcome: "unknown",
        code: res.status,
      });
    if (json.error) throw vkFailure(name, json.error.error_code, json.error.error_msg);
    return json.response as T;
  }

  return (request: PublishRequest): NetworkClient =>
    request.channel === "direct" ? direct(request) : comment(request);

  function comment(request: PublishRequest): NetworkClient {
    const t = parseVkUrl(request.replyTo);
    if (!t)
      throw forbidden(`vk: cannot address a reply to ${request.replyTo}`, {
        network: "vk",
        outcome: "rejected",
      });
    const message = replyText(request);
    const urlOf = (id: number) =>
      `https://vk.com/wall${t.ownerId}_${t.postId}?reply=${id}${t.replyTo ? `&thread=${t.replyTo}` : ""}`;
    return {
      network: "vk",
      target: `wall${t.ownerId}_${t.postId}${t.replyTo ? `?reply=${t.replyTo}` : ""}`,
      async find(): Promise<Posted | null> {
        const page = await method<{ items?: Array<{ id: number; from_id: number; text?: string }> }>(
          "wall.getComments",
          {
            owner_id: t.ownerId,
            post_id: t.postId,
            ...(t.replyTo ? { comment_id: t.replyTo } : {}),
            count: 100,
            sort: "desc",
          },
        );
        const own = page.items?.find((c) => c.from_id === -groupId && c.text === message);
        return own ? { externalId: String(own.id), url: urlOf(own.id) } : null;
      },
      async post() {
        const r = await method<{ comment_id: number }>("wall.createComment", {
          owner_id: t.ownerId,
          post_id: t.postId,
          from_group: groupId,
          ...(t.replyTo ? { reply_to_comment: t.replyTo } : {}),
          message,
          guid: request.key,
        });
        return { externalId: String(r.comment_id), url: urlOf(r.comment_id) };
      },
    };
  }

  function direct(request: PublishRequest): NetworkClient {
    const userId = request.recipient ?? recipientFromUrl(request.replyTo);
    if (!userId || !/^\d+$/.test(userId))
      throw forbidden("vk: a private reply needs the author's numeric VK id", {
        network: "vk",
        outcome: "rejected",
      });
    return {
      network: "vk",
      target: `user${userId}`,
      repeatIsSafe: true,
      async post() {
        const id = await method<number>("messages.send", {
          user_id: userId,
          random_id: intFromKey(request.key),
          message: replyText(request),
        });
        return { externalId: String(id), url: `https://vk.com/gim${groupId}?sel=${userId}&msgid=${id}` };
      },
    };
  }
}

/** A community dialogue URL names the author: https://vk.com/gim<group>?sel=<user>. */
function recipientFromUrl(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get("sel") ?? undefined;
  } catch {
    return undefined;
  }
}

function vkFailure(name: string, code: number, msg: string) {
  const text = `vk ${name}: error ${code}: ${msg}`;
  const details: FailureDetails = { network: "vk", outcome: "rejected", code };
  const wait = rateLimits[code];
  if (wait !== undefined)
    return retryable(text, "publish_rate_limited", { ...details, retryAfterSeconds: wait });
  if (transient.has(code)) return retryable(text, "publish_unavailable", { ...details, outcome: "unknown" });
  // 5 token, 7/15/27/28 permissions, 18 user gone, 100 invalid or deleted post, 212/213 comments closed,
  // 901/902 the user does not take messages from the community — and any code we do not know: a person
  // looks at it rather than a retry loop.
  return forbidden(text, details);
}
