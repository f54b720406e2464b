// An Odnoklassniki REST stand-in: POST /fb.do with form parameters, checks the application key and the
// signature the way api.ok.ru documents it (md5 of the sorted parameters but access_token, plus
// md5(access_token + application secret key)), answers JSON or {error_code, error_msg, error_data}.
import { createHash } from "node:crypto";
import { Faults, type Received, startLoopback } from "./loopback";

export interface OkError {
  error_code: number;
  error_msg: string;
}
export interface OkComment {
  id: string;
  discussionId: string;
  discussionType: string;
  author_id: string;
  text: string;
}

const md5 = (s: string) => createHash("md5").update(s, "utf8").digest("hex");

/** The expected `sig` of these parameters (written here again, not imported: the stand-in checks the client). */
export function expectedSig(params: Record<string, string>, accessToken: string, secretKey: string) {
  const line = Object.entries(params)
    .filter(([k]) => !["sig", "access_token", "session_key"].includes(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("");
  return md5(`${line}${md5(`${accessToken}${secretKey}`)}`);
}

export async function startOk(opts: { applicationKey: string; accessToken: string; secretKey: string }) {
  const comments: OkComment[] = [];
  const faults = new Faults<OkError>();
  let nextId = 5000;
  const error = (e: OkError) => ({ body: { ...e, error_data: null } });

  const loopback = await startLoopback((req: Received) => {
    const p = req.form;
    if (req.path !== "/fb.do" || req.method !== "POST") return { status: 404, body: {} };
    if (p.application_key !== opts.applicationKey)
      return error({ error_code: 101, error_msg: "PARAM_API_KEY : Application not exist" });
    if (p.access_token !== opts.accessToken)
      return error({ error_code: 102, error_msg: "PARAM_SESSION_EXPIRED : Session expired" });
    if (p.sig !== expectedSig(p, opts.accessToken, opts.secretKey))
      return error({ error_code: 104, error_msg: "PARAM_SIGNATURE : Invalid signature" });
    if (p.method === "discussions.getComments") {
      const list = comments
        .filter((c) => c.discussionId === p.discussionId && c.discussionType === p.discussionType)
        .reverse()
        .slice(0, Number(p.count ?? 20))
        .map((c) => ({
          id: c.id,
          author_id: c.author_id,
          author_type: "GROUP",
          text: c.text,
          date: "2026-03-02 10:00:00",
        }));
      return { body: { comments: list, has_more: false } };
    }
    if (p.method === "discussions.answer") {
      const fault = faults.next();
      if (fault && fault !== "drop") return error(fault);
      const comment: OkComment = {
        id: String(nextId++),
        discussionId: p.discussionId ?? "",
        discussionType: p.discussionType ?? "",
        author_id: p.gid ?? "",
        text: p.text ?? "",
      };
      comments.push(comment);
      return fault === "drop" ? { drop: true } : { body: { success: true, comment_id: comment.id } };
    }
    return error({ error_code: 3, error_msg: "METHOD : Method not found" });
  });
  const calls = (method: string) => loopback.requests.filter((r) => r.form.method === method);
  return { ...loopback, url: `${loopback.url}/fb.do`, comments, faults, calls };
}
