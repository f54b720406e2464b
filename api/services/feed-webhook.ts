// A push feed's delivery: POST /v1/feeds/:feedId/webhook, signed with the feed's secret over the raw body
// (activities/feeds/signature.ts). Bad or missing signature, a timestamp outside the window, or a replay
// of a (timestamp, signature) pair already accepted: 401 and nothing recorded or started. A good delivery
// may carry one item, an array or {items: [...]}; each is mapped and ingested on its own, and the answer
// lists every item's outcome.
//
// Replays: the signature of every accepted delivery is kept in PostgreSQL, as a `feed_items` row
// (external_id = the hex signature) claimed under an advisory lock on (feed, signature): status `delivery`
// while its items are being received, `delivered` once the answer is ready. A replay of a delivered one is
// refused (401) across API instances and restarts; one still being received is told to retry (409). A
// timestamp stays acceptable for at most 2 x the window after it arrived, so the rows are pruned after 15
// minutes. If the delivery fails on our side (Temporal or PostgreSQL down: 503), the claim is released so
// that the sender's retry of the same request is accepted; if the API process died mid-delivery, a claim
// left `delivery` for `staleClaimSeconds` is taken over by the retry. Items already ingested then show as
// duplicates.
import { and, eq, inArray, sql } from "drizzle-orm";
import {
  intake,
  itemsOf,
  recordRejected,
  replayWindowSeconds,
  tally,
  verifySignature,
} from "../../activities/feeds";
import { feedItems, feeds } from "../../db/schema";
import { unseal } from "../../db/secrets";
import type { Deps } from "../app";
import { HttpProblem } from "../problem";
import { ingest } from "./ingest";

/** Items per delivery at most (as POST /v1/messages/batch). */
export const maxItemsPerDelivery = 500;

const receiving = "delivery";
const delivered = "delivered";
/** A claim still `delivery` after this long belongs to a receipt that died with its API process. */
export const staleClaimSeconds = 120;

export async function receiveDelivery(
  deps: Deps,
  feedId: string,
  headers: Record<string, string | string[] | undefined>,
  raw: Buffer,
) {
  const [feed] = await deps.db.select().from(feeds).where(eq(feeds.id, feedId));
  if (feed?.kind !== "push" || !feed.secret) throw new HttpProblem(404, `No push feed '${feedId}'`);
  const verdict = verifySignature(unseal(feed.secret), headers, raw);
  if (!verdict.ok) throw new HttpProblem(401, verdict.reason, { type: "feed-signature" });
  if (!feed.active)
    throw new HttpProblem(409, `The feed '${feedId}' is paused; deliver again once it is active`, {
      type: "feed-paused",
    });
  await claim(deps, feedId, verdict.signature, verdict.timestamp);
  try {
    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch (e) {
      const reason = `The body is not JSON: ${(e as Error).message}`.slice(0, 500);
      await recordRejected(deps.db, feedId, reason);
      throw new HttpProblem(422, reason, { type: "feed-body" });
    }
    const items = itemsOf(body);
    if (items.length === 0 || items.length > maxItemsPerDelivery) {
      const reason = `A delivery carries 1 to ${maxItemsPerDelivery} items, not ${items.length}`;
      await recordRejected(deps.db, feedId, reason);
      throw new HttpProblem(422, reason, { type: "feed-body" });
    }
    const outcomes = await intake(
      { db: deps.db, startCase: (m, db) => ingest({ ...deps, db }, m) },
      feed,
      items,
    );
    const { accepted, duplicate, rejected } = tally(outcomes);
    await settle(deps, feedId, verdict.signature);
    return {
      accepted,
      duplicate,
      rejected,
      items: outcomes.map((o) => ({ ...o, status: o.status === "seen" ? ("duplicate" as const) : o.status })),
    };
  } catch (e) {
    // Our failure, not the sender's: the same signed request may come again. The sender's own (a body
    // that is not a delivery) is final: the same request will not get better.
    if (e instanceof HttpProblem) await settle(deps, feedId, verdict.signature);
    else await release(deps, feedId, verdict.signature);
    throw e;
  }
}

/**
 * Accepts the (timestamp, signature) pair once: a second time is a replay (401), or, while the first is
 * still being received, a conflict (409); a claim left by a receipt that died is taken over.
 */
async function claim(deps: Deps, feedId: string, signature: string, timestamp: number): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`feed-delivery:${feedId}`}), hashtext(${signature}))`,
    );
    const [seen] = await tx
      .select({
        id: feedItems.id,
        status: feedItems.status,
        stale: sql<boolean>`${feedItems.at} < now() - ${staleClaimSeconds} * interval '1 second'`,
      })
      .from(feedItems)
      .where(ofSignature(feedId, signature))
      .limit(1);
    if (seen?.status === delivered)
      throw new HttpProblem(401, "This delivery was received already (replay): sign a new one", {
        type: "feed-signature",
      });
    if (seen && !seen.stale)
      throw new HttpProblem(409, "This delivery is being received right now; send it again in a minute", {
        type: "feed-delivery-in-progress",
      });
    if (seen) await tx.update(feedItems).set({ at: sql`now()` }).where(eq(feedItems.id, seen.id));
    else
      await tx.insert(feedItems).values({
        feedId,
        externalId: signature,
        status: receiving,
        reason: `signed at ${new Date(timestamp * 1000).toISOString()}`,
      });
    await tx
      .delete(feedItems)
      .where(
        and(
          eq(feedItems.feedId, feedId),
          inArray(feedItems.status, [receiving, delivered]),
          sql`${feedItems.at} < now() - ${replayWindowSeconds * 3} * interval '1 second'`,
        ),
      );
  });
}

const ofSignature = (feedId: string, signature: string) =>
  and(
    eq(feedItems.feedId, feedId),
    inArray(feedItems.status, [receiving, delivered]),
    eq(feedItems.externalId, signature),
  );

/** The delivery has its answer: from now on the same request is a replay. */
async function settle(deps: Deps, feedId: string, signature: string): Promise<void> {
  await deps.db.update(feedItems).set({ status: delivered }).where(ofSignature(feedId, signature));
}

async function release(deps: Deps, feedId: string, signature: string): Promise<void> {
  await deps.db
    .delete(feedItems)
    .where(ofSignature(feedId, signature))
    .catch(() => {}); // PostgreSQL itself may be what failed: the claim goes stale and a retry takes it over
}
