// The feed poller's activity: one page of a pull feed. Wire format of the feed's endpoint (README.md
// "Monitoring feeds"):
//   GET <url>?cursor=<cursor>        (no `cursor` parameter before the first page)
//   Authorization: Bearer <token>    (when the feed has a secret)
//   200 {"items": [<item>, ...], "next": "<cursor of the following page>" | null}
// The cursor in `feeds.cursor` is advanced to `next` only after every item of the page was started and
// recorded, and only if no one moved it meanwhile: a crash anywhere before that re-reads the same page, and
// the items recorded by the crashed attempt are skipped (intake `skipSeen`), so nothing is lost or doubled.
// `next: null` means the end for now: the cursor stays, the next run reads that page again for items the
// feed appended to it (the ones already recorded are skipped).
import { Context } from "@temporalio/activity";
import { ApplicationFailure } from "@temporalio/common";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { feeds } from "../../db/schema";
import { unseal } from "../../db/secrets";
import { badString } from "../../workflows/strings";
import { defaultOutbound, OutboundRefused } from "../outbound";
import { type IntakeDeps, intake, tally } from "./intake";

/** A page must arrive within this; the activity's heartbeat timeout (workflows/feed-poller.ts) is longer. */
const fetchTimeoutMs = 20_000;

const pageSchema = z.object({
  items: z.array(z.unknown()).max(1000),
  // Stored in PostgreSQL as the feed's cursor: no NUL or lone surrogate (workflows/strings.ts).
  next: z
    .string()
    .min(1)
    .max(2000)
    .refine((s) => !badString(s, "next"), "contains a NUL character or a lone surrogate")
    .nullable(),
});

export interface PollPageResult {
  /** false: the feed is gone, paused, or not a pull feed; nothing was read. */
  read: boolean;
  cursor: string | null;
  next: string | null;
  /** No further page in this run: `next` was null, or the feed cannot be read. */
  done: boolean;
  counts: ReturnType<typeof tally>;
}

export async function pollFeedPage(
  deps: IntakeDeps & { fetch?: typeof fetch },
  input: { feedId: string },
): Promise<PollPageResult> {
  const none = { accepted: 0, duplicate: 0, rejected: 0, seen: 0 };
  const [feed] = await deps.db.select().from(feeds).where(eq(feeds.id, input.feedId));
  if (!feed?.active || feed.kind !== "pull" || !feed.url)
    return { read: false, cursor: feed?.cursor ?? null, next: null, done: true, counts: none };
  const ctx = activityContext();
  const cursor = feed.cursor;
  const url = new URL(feed.url);
  if (cursor !== null) url.searchParams.set("cursor", cursor);
  const headers: Record<string, string> = { accept: "application/json" };
  if (feed.secret) headers.authorization = `Bearer ${unseal(feed.secret)}`;
  const signal = AbortSignal.any([
    AbortSignal.timeout(fetchTimeoutMs),
    ...(ctx ? [ctx.cancellationSignal] : []),
  ]);
  let res: Response;
  try {
    res = await (deps.fetch ?? defaultOutbound())(url, { headers, signal });
  } catch (e) {
    // The outbound guard refused the feed's address (activities/outbound): no retry will be let through.
    if (e instanceof OutboundRefused)
      throw ApplicationFailure.nonRetryable(`GET ${url.origin} not called: ${e.message}`, "FeedRefused");
    throw e;
  }
  if (!res.ok) {
    const text = (await res.text().catch(() => "")).slice(0, 300);
    const message = `GET ${url.origin}${url.pathname} answered ${res.status}: ${text}`;
    // The feed's own refusal (bad token, gone) will not heal by retrying this run; overload and outages may.
    if (res.status === 408 || res.status === 429 || res.status >= 500)
      throw ApplicationFailure.retryable(message, "FeedUnavailable");
    throw ApplicationFailure.nonRetryable(message, "FeedRefused");
  }
  const parsed = pageSchema.safeParse(await res.json().catch(() => undefined));
  if (!parsed.success)
    throw ApplicationFailure.nonRetryable(
      `The page at cursor ${cursor ?? "(start)"} is not {items: [...], next: string|null}: ${parsed.error.issues
        .map((i) => `${i.path.join(".") || "page"}: ${i.message}`)
        .join("; ")}`,
      "FeedPageInvalid",
    );
  const page = parsed.data;
  const outcomes = await intake(deps, feed, page.items, {
    skipSeen: true,
    signal: ctx?.cancellationSignal,
    onItem: (done) => ctx?.heartbeat({ cursor, done }),
  });
  if (page.next !== null && page.next !== cursor) {
    // Compare-and-set: a run that read a cursor someone else has since moved (an admin rewinding it)
    // does not overwrite theirs.
    await deps.db
      .update(feeds)
      .set({ cursor: page.next, updatedAt: sql`now()` })
      .where(and(eq(feeds.id, feed.id), cursor === null ? isNull(feeds.cursor) : eq(feeds.cursor, cursor)));
  }
  return {
    read: true,
    cursor,
    next: page.next,
    done: page.next === null || page.next === cursor,
    counts: tally(outcomes),
  };
}

/** The activity's context, or none when called outside an activity (a direct call). */
function activityContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}
