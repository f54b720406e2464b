// A VK API stand-in: POST /method/<name> with form parameters, answers HTTP 200 with {response} or
// {error: {error_code, error_msg}} as api.vk.com does. It keeps the wall comments and the messages it
// accepted, drops a repeated `guid` (comment) or `random_id` (message of the same sender) as VK does.
import { Faults, type Received, startLoopback } from "./loopback";

export interface VkComment {
  id: number;
  owner_id: number;
  post_id: number;
  from_id: number;
  reply_to_comment?: number;
  text: string;
  guid?: string;
}
export interface VkMessage {
  id: number;
  user_id: number;
  random_id: number;
  text: string;
}
export interface VkError {
  error_code: number;
  error_msg: string;
}

export async function startVk(opts: { accessToken: string }) {
  const comments: VkComment[] = [];
  const messages: VkMessage[] = [];
  const faults = new Faults<VkError>();
  let nextId = 1000;
  const error = (e: VkError, p: Record<string, string>) => ({
    body: {
      error: {
        ...e,
        request_params: Object.entries(p)
          .filter(([k]) => k !== "access_token")
          .map(([key, value]) => ({ key, value })),
      },
    },
  });

  const loopback = await startLoopback((req: Received) => {
    const name = /^\/method\/([\w.]+)$/.exec(req.path)?.[1];
    const p = req.form;
    if (!name || req.method !== "POST") return { status: 404, body: { error: "no such method" } };
    if (p.access_token !== opts.accessToken)
      return error({ error_code: 5, error_msg: "User authorization failed: invalid access_token (4)." }, p);
    if (!p.v) return error({ error_code: 8, error_msg: "Invalid request: v (version) is required" }, p);
    if (name === "wall.getComments") {
      const items = comments
        .filter((c) => c.owner_id === Number(p.owner_id) && c.post_id === Number(p.post_id))
        .filter((c) => (p.comment_id ? c.reply_to_comment === Number(p.comment_id) : true))
        .sort((a, b) => (p.sort === "desc" ? b.id - a.id : a.id - b.id))
        .slice(0, Number(p.count ?? 10))
        .map(({ guid: _guid, ...c }) => ({ ...c, date: Math.floor(Date.now() / 1000) }));
      return { body: { response: { count: items.length, current_level_count: items.length, items } } };
    }
    const fault = faults.next();
    if (fault && fault !== "drop") return error(fault, p);
    const accepted = (response: unknown) => (fault === "drop" ? { drop: true } : { body: { response } });
    if (name === "wall.createComment") {
      const repeat = p.guid ? comments.find((c) => c.guid === p.guid) : undefined;
      if (repeat) return accepted({ comment_id: repeat.id, parents_stack: [] });
      const comment: VkComment = {
        id: nextId++,
        owner_id: Number(p.owner_id),
        post_id: Number(p.post_id),
        from_id: p.from_group ? -Number(p.from_group) : 1,
        ...(p.reply_to_comment ? { reply_to_comment: Number(p.reply_to_comment) } : {}),
        text: p.message ?? "",
        guid: p.guid,
      };
      comments.push(comment);
      return accepted({
        comment_id: comment.id,
        parents_stack: comment.reply_to_comment ? [comment.reply_to_comment] : [],
      });
    }
    if (name === "messages.send") {
      const repeat = messages.find(
        (m) => m.random_id === Number(p.random_id) && m.user_id === Number(p.user_id),
      );
      if (repeat) return accepted(repeat.id);
      const message: VkMessage = {
        id: nextId++,
        user_id: Number(p.user_id),
        random_id: Number(p.random_id),
        text: p.message ?? "",
      };
      messages.push(message);
      return accepted(message.id);
    }
    return error({ error_code: 3, error_msg: "Unknown method passed" }, p);
  });
  const calls = (name: string) => loopback.requests.filter((r) => r.path === `/method/${name}`);
  return { ...loopback, url: `${loopback.url}/method`, comments, messages, faults, calls };
}
