// A Telegram Bot API stand-in: POST /bot<token>/sendMessage with JSON, answers {ok: true, result: Message}
// or {ok: false, error_code, description, parameters} with the same HTTP status, as api.telegram.org does.
// Chats: "@name" is a public supergroup, "-100…" a private one, a positive id a private chat with a user.
import { Faults, type Received, startLoopback } from "./loopback";

export interface TelegramError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}
export interface SentMessage {
  chat_id: string;
  message_id: number;
  text: string;
  reply_to?: number;
}

export async function startTelegram(opts: { botToken: string }) {
  const sent: SentMessage[] = [];
  const faults = new Faults<TelegramError>();
  const counters = new Map<string, number>();
  const failure = (e: TelegramError) => ({ status: e.error_code, body: { ok: false, ...e } });

  const chatOf = (chatId: string) => {
    if (chatId.startsWith("@"))
      return {
        id: -1001000000000 - chatId.length,
        type: "supergroup",
        title: chatId.slice(1),
        username: chatId.slice(1),
      };
    const id = Number(chatId);
    return id > 0
      ? { id, type: "private", first_name: "Иван" }
      : { id, type: "supergroup", title: "Обсуждение" };
  };

  const loopback = await startLoopback((req: Received) => {
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.path);
    if (!m || m[1] !== opts.botToken) return failure({ error_code: 401, description: "Unauthorized" });
    if (m[2] !== "sendMessage") return failure({ error_code: 404, description: "Not Found" });
    const body = req.json as {
      chat_id?: string | number;
      text?: string;
      reply_parameters?: { message_id: number };
    };
    if (body?.chat_id === undefined || !body.text)
      return failure({ error_code: 400, description: "Bad Request: message text is empty" });
    const fault = faults.next();
    if (fault && fault !== "drop") return failure(fault);
    const chatId = String(body.chat_id);
    const messageId = (counters.get(chatId) ?? 100) + 1;
    counters.set(chatId, messageId);
    sent.push({
      chat_id: chatId,
      message_id: messageId,
      text: body.text,
      reply_to: body.reply_parameters?.message_id,
    });
    if (fault === "drop") return { drop: true };
    return {
      body: {
        ok: true,
        result: {
          message_id: messageId,
          from: { id: 7000, is_bot: true, first_name: "Администрация", username: "city_bot" },
          chat: chatOf(chatId),
          date: Math.floor(Date.now() / 1000),
          text: body.text,
          ...(body.reply_parameters
            ? { reply_to_message: { message_id: body.reply_parameters.message_id } }
            : {}),
        },
      },
    };
  });
  return { ...loopback, sent, faults };
}
