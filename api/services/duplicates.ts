// Incident grouping, the finder (issue "Reaching the outside world"): the open cases of the same org that are
// likely the same problem as a given case, for the curator to `merge`. Three kinds of evidence:
// - the same post or thread: the message URLs are equal, or equal without query and fragment (a VK reply
//   `wall-1_2?reply=3` and its post `wall-1_2` are one thread);
// - the same author and topic within a window (by the pseudonymous author key, never personal data);
// - near-identical text: Jaccard similarity of word 3-shingles (single words for short texts) >= 0.7 (one word changed in twenty words gives 15/21 = 0.71).
// Closed cases are searched too (docs/regulations.md "repeat messages"; Zarechny 17, Omsk 13–14, Nenets 23):
// an earlier case that was answered is marked `answered`, the candidate for the curator's `triage {repeatOf}`;
// only open ones can be merged into.
import { and, eq, gte, lte, ne, or, sql } from "drizzle-orm";
import { cases } from "../../db/schema";
import type { Actor } from "../../workflows/actions";
import type { Message } from "../../workflows/message";
import type { Status } from "../../workflows/view";
import type { Deps } from "../app";
import { HttpProblem } from "../problem";
import { notFound, seesWholeOrg } from "./access";

export type DuplicateReason = "same_post" | "same_thread" | "same_author_topic" | "similar_text";

export interface DuplicateSuggestion {
  caseId: string;
  status: Status;
  network: Message["network"];
  url: string;
  topic: string | null;
  receivedAt: string;
  score: number;
  reasons: DuplicateReason[];
  similarity: number;
  /** Received before this case and answered (a published answer): this may be a repeat of it. */
  answered: boolean;
}

export const SIMILAR_TEXT = 0.7;
const SCORE: Record<DuplicateReason, number> = {
  same_post: 1,
  same_thread: 0.9,
  similar_text: 0.85,
  same_author_topic: 0.7,
};

export async function suggestDuplicates(
  deps: Deps,
  actor: Actor,
  caseId: string,
  q: { windowHours: number; limit: number },
): Promise<{ caseId: string; items: DuplicateSuggestion[] }> {
  if (!seesWholeOrg(actor))
    throw new HttpProblem(403, "Finding duplicates is for curators, supervisors and admins");
  const [row] = await deps.db.select().from(cases).where(eq(cases.caseId, caseId));
  if (!row || row.orgId !== actor.org) throw notFound(caseId);
  const windowMs = q.windowHours * 3_600_000;
  const from = new Date(Date.parse(row.receivedAt) - windowMs).toISOString();
  const to = new Date(Date.parse(row.receivedAt) + windowMs).toISOString();
  const thread = threadOf(row.url);
  const candidates = await deps.db
    .select({
      caseId: cases.caseId,
      status: cases.status,
      network: cases.network,
      url: cases.url,
      topic: cases.topic,
      text: cases.text,
      authorKey: cases.authorKey,
      receivedAt: cases.receivedAt,
      firstAnsweredAt: cases.firstAnsweredAt,
    })
    .from(cases)
    .where(
      and(
        eq(cases.orgId, row.orgId),
        ne(cases.caseId, row.caseId),
        or(
          sql`split_part(split_part(${cases.url}, '#', 1), '?', 1) = ${thread}`,
          and(gte(cases.receivedAt, from), lte(cases.receivedAt, to)),
        ),
      ),
    )
    .limit(2000);
  const mine = shingles(row.text);
  const items = candidates.flatMap((c): DuplicateSuggestion[] => {
    const reasons: DuplicateReason[] = [];
    if (normalizeUrl(c.url) === normalizeUrl(row.url)) reasons.push("same_post");
    else if (threadOf(c.url) === thread) reasons.push("same_thread");
    const near = Math.abs(Date.parse(c.receivedAt) - Date.parse(row.receivedAt)) <= windowMs;
    if (near && row.authorKey && c.authorKey === row.authorKey && row.topic && c.topic === row.topic)
      reasons.push("same_author_topic");
    const similarity = near ? jaccard(mine, shingles(c.text)) : 0;
    if (similarity >= SIMILAR_TEXT) reasons.push("similar_text");
    if (reasons.length === 0) return [];
    const { text: _text, authorKey: _key, firstAnsweredAt, ...rest } = c;
    const answered = !!firstAnsweredAt && Date.parse(c.receivedAt) < Date.parse(row.receivedAt);
    const score = Math.max(...reasons.map((r) => SCORE[r]));
    return [
      {
        ...rest,
        status: rest.status,
        network: rest.network as Message["network"],
        reasons,
        score,
        similarity: Math.round(similarity * 100) / 100,
        answered,
      },
    ];
  });
  items.sort((a, b) => b.score - a.score || b.similarity - a.similarity || a.caseId.localeCompare(b.caseId));
  return { caseId, items: items.slice(0, q.limit) };
}

export function normalizeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.hash = "";
    u.hostname = u.hostname.replace(/^(www|m)\./, "");
    return u.toString().replace(/\/$/, "");
  } catch {
    return url;
  }
}

/** The post a URL belongs to: the URL without query and fragment. */
export function threadOf(url: string): string {
  return url.split("#")[0]!.split("?")[0]!;
}

export function shingles(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .replaceAll("ё", "е")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (words.length < 6) return new Set(words);
  const out = new Set<string>();
  for (let i = 0; i + 3 <= words.length; i++) out.add(words.slice(i, i + 3).join(" "));
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common);
}
