// Feed configuration (admin, own org) and the feed's item log. A pull feed owns a Temporal Schedule
// `feed-<feedId>` (worker/feed-schedules.ts) that starts feedPoller every `intervalSeconds`; it is created,
// updated, paused and deleted with the feed. Secrets are sealed at rest (db/secrets.ts), never returned.
import { and, desc, eq, lt, type SQL, sql } from "drizzle-orm";
import { type ItemStatus, itemStatuses } from "../../activities/feeds";
import { feedItems, feeds } from "../../db/schema";
import { seal } from "../../db/secrets";
import { dropFeedSchedule, ensureFeedSchedule, feedScheduleId } from "../../worker/feed-schedules";
import type { Actor } from "../../workflows/actions";
import type { Deps } from "../app";
import { HttpProblem } from "../problem";
import type { FeedItemsQuery, FeedPatch, NewFeed } from "../schemas/feed";
import { bounded } from "../temporal";
import { assertOrgScopedId } from "./orgs";

type FeedRow = typeof feeds.$inferSelect;

/** The row as the API shows it: the secret only as `hasSecret`. */
export function feedView(f: FeedRow) {
  return {
    id: f.id,
    orgId: f.orgId,
    kind: f.kind as "push" | "pull",
    source: f.source,
    mapping: f.mapping as { fields: Record<string, unknown> },
    url: f.url,
    intervalSeconds: f.intervalSeconds,
    cursor: f.cursor,
    active: f.active,
    hasSecret: f.secret !== null,
    webhook: f.kind === "push" ? `/v1/feeds/${f.id}/webhook` : null,
    scheduleId: f.kind === "pull" ? feedScheduleId(f.id) : null,
    createdAt: iso(f.createdAt),
    updatedAt: iso(f.updatedAt),
  };
}

export async function listFeeds(deps: Deps, orgId: string) {
  const rows = await deps.db.select().from(feeds).where(eq(feeds.orgId, orgId)).orderBy(feeds.id);
  return rows.map(feedView);
}

export async function getFeed(deps: Deps, orgId: string, feedId: string) {
  return feedView(await ownFeed(deps, orgId, feedId));
}

export async function createFeed(deps: Deps, orgId: string, f: NewFeed) {
  assertOrgScopedId(orgId, f.id);
  const values = {
    id: f.id,
    orgId,
    kind: f.kind,
    source: f.source,
    secret: f.secret === undefined ? null : seal(f.secret),
    mapping: f.mapping,
    url: f.kind === "pull" ? f.url : (f.callbackUrl ?? null),
    intervalSeconds: f.kind === "pull" ? f.intervalSeconds : null,
    cursor: f.kind === "pull" ? f.cursor : null,
    active: f.active,
  };
  let row: FeedRow | undefined;
  try {
    [row] = await deps.db.insert(feeds).values(values).returning();
  } catch (e) {
    const code = (e as { code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code;
    if (code === "23505") throw new HttpProblem(409, `A feed '${f.id}' exists already`, { type: "conflict" });
    throw e;
  }
  if (row!.kind === "pull") {
    try {
      await bounded(deps, "The feed was not created: send the request again.", () =>
        ensureFeedSchedule(deps.temporal, row!, deps.taskQueue),
      );
    } catch (e) {
      // No feed without its Schedule: the admin sees the failure and creates it again.
      await deps.db.delete(feeds).where(eq(feeds.id, row!.id));
      throw e;
    }
  }
  return feedView(row!);
}

export async function patchFeed(deps: Deps, orgId: string, feedId: string, p: FeedPatch) {
  const before = await ownFeed(deps, orgId, feedId);
  if (
    before.kind === "push" &&
    (p.url !== undefined || p.intervalSeconds !== undefined || p.cursor !== undefined)
  )
    throw new HttpProblem(422, "A push feed has no url, interval or cursor", {
      errors: [{ path: "body", message: "url, intervalSeconds and cursor are for pull feeds" }],
    });
  if (before.kind === "pull" && p.callbackUrl !== undefined)
    throw new HttpProblem(422, "A pull feed has no callback URL", {
      errors: [{ path: "body.callbackUrl", message: "for push feeds (Yuzhno-Sakhalinsk 3.3 hand-over)" }],
    });
  if (before.kind === "push" && p.secret !== undefined && p.secret.length < 16)
    throw new HttpProblem(422, "A push feed's secret has at least 16 characters", {
      errors: [{ path: "body.secret", message: "at least 16 characters" }],
    });
  // The stored token goes wherever the url points: moving it needs the token again (issue 16), so a stolen
  // admin session cannot send the org's feed token to a host of its choosing. A push feed's callback URL
  // (its `url`) gets the answers handed over: moving it needs the secret again too.
  const url = before.kind === "push" ? p.callbackUrl : p.url;
  if (url !== undefined && url !== before.url && before.secret !== null && p.secret === undefined)
    throw new HttpProblem(422, "Changing the url of a feed with a secret needs the secret again", {
      errors: [{ path: "body.secret", message: "required when the url changes" }],
    });
  const { secret, callbackUrl, ...rest } = p;
  const [row] = await deps.db
    .update(feeds)
    .set({
      ...rest,
      ...(callbackUrl === undefined ? {} : { url: callbackUrl }),
      ...(secret === undefined ? {} : { secret: seal(secret) }),
      updatedAt: sql`now()`,
    })
    .where(eq(feeds.id, feedId))
    .returning();
  if (row!.kind === "pull" && (p.intervalSeconds !== undefined || p.active !== undefined))
    await bounded(deps, "The change is saved but its Schedule may lag: send the same PATCH again.", () =>
      ensureFeedSchedule(deps.temporal, row!, deps.taskQueue),
    );
  return feedView(row!);
}

/** Removes the feed, its Schedule and its item log (cases it started stay). */
export async function deleteFeed(deps: Deps, orgId: string, feedId: string): Promise<void> {
  const f = await ownFeed(deps, orgId, feedId);
  if (f.kind === "pull")
    await bounded(deps, "Nothing was removed: send the DELETE again.", () =>
      dropFeedSchedule(deps.temporal, f.id),
    );
  await deps.db.transaction(async (tx) => {
    await tx.delete(feedItems).where(eq(feedItems.feedId, f.id));
    await tx.delete(feeds).where(eq(feeds.id, f.id));
  });
}

/** What the feed delivered, newest first: staff of the feed's org only (another org's feed is 404). */
export async function listItems(deps: Deps, actor: Actor, feedId: string, q: FeedItemsQuery) {
  await ownFeed(deps, actor.org, feedId);
  const where: Array<SQL | undefined> = [
    eq(feedItems.feedId, feedId),
    sql`${feedItems.status} = any(${sql.param(q.status?.length ? q.status : [...itemStatuses])}::text[])`,
  ];
  if (q.cursor) where.push(lt(feedItems.id, decodeCursor(q.cursor)));
  const rows = await deps.db
    .select()
    .from(feedItems)
    .where(and(...where))
    .orderBy(desc(feedItems.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({ ...r, status: r.status as ItemStatus, at: iso(r.at) })),
    nextCursor: rows.length > q.limit ? encodeCursor(page.at(-1)!.id) : null,
  };
}

async function ownFeed(deps: Deps, orgId: string, feedId: string): Promise<FeedRow> {
  const [row] = await deps.db
    .select()
    .from(feeds)
    .where(and(eq(feeds.id, feedId), eq(feeds.orgId, orgId)));
  if (!row) throw new HttpProblem(404, `No feed '${feedId}' in ${orgId}`);
  return row;
}

const iso = (pgTime: string) => new Date(pgTime).toISOString();

// The id of the page's last row (ids grow with time: keyset order); any id is a position (api/schemas/feed.ts).
const encodeCursor = (id: number) => String(id);
const decodeCursor = (cursor: string) => Number(cursor);
