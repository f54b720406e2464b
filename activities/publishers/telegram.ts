// Telegram Bot API (https://api.telegram.org/bot<token>/sendMessage, JSON): the reply goes to the chat the
// message was posted in, as a reply to it (`reply_parameters`); a comment under a channel post lives in the
// channel's linked discussion group, whose chat id the account's settings name. A private message is
// answered in the private chat with the author (Yuzhno-Sakhalinsk 3.4), which works only once the author
// has started the bot.
//
// The Bot API reads no chat history, so there is no check before post: ledger.ts never repeats a request
// whose outcome is unknown and hands the case back instead (see the comment there).
import type { Account } from "./accounts";
import { timeoutOf } from "./accounts";
import type { PublishRequest } from "./index";
import type { NetworkClient } from "./ledger";
import { call, type FailureDetails, forbidden, replyText, retryable } from "./wire";

export interface TelegramTarget {
  chatId: string;
  messageId: number;
  threadId?: number;
  /** A comment under a channel post: the reply's URL is built on the channel's. */
  channelPost?: { channel: string; post: number };
}

/**
 * t.me/<chat>/<msg>, t.me/<chat>/<topic>/<msg>, t.me/c/<id>/<msg>, t.me/c/<id>/<topic>/<msg> and
 * t.me/<channel>/<post>?comment=<id> (the comment's chat from `discussionChats`).
 */
export function parseTelegramUrl(
  url: string,
  discussionChats: Record<string, string | number> = {},
): TelegramTarget | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (!/^(www\.)?(t\.me|telegram\.me)$/.test(u.hostname)) return null;
  const parts = u.pathname.split("/").filter(Boolean);
  const num = (s: string | undefined) => (s && /^\d+$/.test(s) ? Number(s) : undefined);
  const comment = num(u.searchParams.get("comment") ?? undefined);
  if (parts[0] === "c") {
    const [, id, a, b] = parts;
    const msg = num(b ?? a);
    if (!num(id) || !msg || parts.length > 4) return null;
    return { chatId: `-100${id}`, messageId: msg, ...(b ? { threadId: num(a) } : {}) };
  }
  const [chat, a, b] = parts;
  if (!chat || !/^[A-Za-z][A-Za-z0-9_]{3,}$/.test(chat) || parts.length > 3) return null;
  const msg = num(b ?? a);
  if (!msg) return null;
  if (comment) {
    const group = discussionChats[chat] ?? discussionChats[chat.toLowerCase()];
    if (group === undefined) return null;
    return { chatId: String(group), messageId: comment, channelPost: { channel: chat, post: msg } };
  }
  return { chatId: `@${chat}`, messageId: msg, ...(b ? { threadId: num(a) } : {}) };
}

interface SentMessage {
  message_id: number;
  chat: { id: number; type: string; username?: string };
}
type BotAnswer =
  | { ok: true; result: SentMessage }
  | {
      ok: false;
      error_code: number;
      description: string;
      parameters?: { retry_after?: number; migrate_to_chat_id?: number };
    };

export function telegramClient(account: Account<"telegram">, fetchImpl: typeof fetch) {
  const endpoint = `${account.baseUrl}/bot${account.credentials.botToken}/sendMessage`;

  async function sendMessage(body: Record<string, unknown>): Promise<SentMessage> {
    const res = await call(
      fetchImpl,
      "telegram",
      endpoint,
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
      timeoutOf(account),
    );
    const json = res.json as BotAnswer | undefined;
    if (!json || typeof json !== "object" || typeof json.ok !== "boolean")
      throw retryable(`telegram sendMessage: HTTP ${res.status}`, "publish_unavailable", {
        network: "telegram",
        outcome: "unknown",
        code: res.status,
      });
    if (json.ok) return json.result;
    throw telegramFailure(json.error_code, json.description, json.parameters);
  }

  return (request: PublishRequest): NetworkClient => {
    const text = replyText(request);
    if (request.channel === "direct") {
      const chatId = request.recipient;
      if (!chatId || !/^\d+$/.test(chatId))
        throw forbidden("telegram: a private reply needs the author's numeric Telegram id", {
          network: "telegram",
          outcome: "rejected",
        });
      return {
        network: "telegram",
        target: `user${chatId}`,
        async post() {
          const sent = await sendMessage({ chat_id: chatId, text });
          return {
            externalId: String(sent.message_id),
            url: `tg://openmessage?user_id=${chatId}&message_id=${sent.message_id}`,
          };
        },
      };
    }
    const t = parseTelegramUrl(request.replyTo, account.settings.discussionChats);
    if (!t)
      throw forbidden(`telegram: cannot address a reply to ${request.replyTo}`, {
        network: "telegram",
        outcome: "rejected",
      });
    return {
      network: "telegram",
      target: `${t.chatId}/${t.messageId}`,
      async post() {
        const sent = await sendMessage({
          chat_id: t.chatId,
          text,
          reply_parameters: { message_id: t.messageId },
          ...(t.threadId ? { message_thread_id: t.threadId } : {}),
        });
        return { externalId: `${sent.chat.id}/${sent.message_id}`, url: replyUrl(t, sent) };
      },
    };
  };
}

function replyUrl(t: TelegramTarget, sent: SentMessage): string {
  if (t.channelPost)
    return `https://t.me/${t.channelPost.channel}/${t.channelPost.post}?comment=${sent.message_id}`;
  const thread = t.threadId ? `${t.threadId}/` : "";
  if (sent.chat.username) return `https://t.me/${sent.chat.username}/${thread}${sent.message_id}`;
  return `https://t.me/c/${String(sent.chat.id).replace(/^-100/, "")}/${thread}${sent.message_id}`;
}

function telegramFailure(
  code: number,
  description: string,
  parameters: { retry_after?: number; migrate_to_chat_id?: number } = {},
) {
  const details: FailureDetails = { network: "telegram", outcome: "rejected", code };
  const text = `telegram sendMessage: ${code} ${description}`;
  if (code === 429)
    return retryable(text, "publish_rate_limited", { ...details, retryAfterSeconds: parameters.retry_after });
  // The Bot API answered its own 5xx: nothing was sent.
  if (code >= 500) return retryable(text, "publish_unavailable", details);
  // 400 (message to reply not found, chat not found, a group moved to a supergroup), 401/404 (bad token),
  // 403 (bot blocked by the user, not a member of the chat): a person posts by hand.
  const moved = parameters.migrate_to_chat_id ? ` (the chat is now ${parameters.migrate_to_chat_id})` : "";
  return forbidden(text + moved, details);
}
