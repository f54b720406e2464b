// Feed items in: each item mapped and validated, started as a case through the injected `startCase` (the
// API's ingestion: workflow id = case id, so a resent item finds its case), and recorded in feed_items as
// accepted (a new case), duplicate (the case existed) or rejected (with the reason). Used by the webhook
// (push) and by the feed poller's activity (pull).
//
// Each item is handled in its own transaction under an advisory lock on (feed, externalId): two deliveries
// of one item never interleave. A pull feed re-reads a page after a crash, so there an item the feed has
// recorded before is skipped ("seen") instead of recorded again: one feed_items row per item, whatever the
// number of attempts. A push feed records every delivery of an item (a resend shows as duplicate).
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { feedItems } from "../../db/schema";
import type { Message } from "../../workflows/message";
import { type FeedMapping, feedMappingSchema, mapItem } from "./mapping";

/**
 * Starts the message's case, or finds it (`created: false`): activities/ingest.ts `ingest`, reading what
 * it needs (the org, its calendar) through `db`, the item's transaction.
 */
export type StartCase = (message: Message, db: Db) => Promise<{ caseId: string; created: boolean }>;

export interface IntakeDeps {
  db: Db;
  startCase: StartCase;
}

export const itemStatuses = ["accepted", "duplicate", "rejected"] as const;
export type ItemStatus = (typeof itemStatuses)[number];

export interface ItemOutcome {
  index: number;
  /** `seen`: a pull feed's item recorded by an earlier attempt; nothing was done or recorded again. */
  status: ItemStatus | "seen";
  externalId: string | null;
  caseId?: string;
  reason?: string;
}

export interface FeedRef {
  id: string;
  orgId: string;
  source: string;
  mapping: unknown;
}

/** The first key of an item's advisory lock; the second is hashtext(externalId). */
export const itemLockKey = (feedId: string) => `feed:${feedId}`;

export async function intake(
  deps: IntakeDeps,
  feed: FeedRef,
  items: unknown[],
  opts: {
    receivedAt?: string;
    /** Pull: skip items this feed has recorded already (a page read again after a crash). */
    skipSeen?: boolean;
    /** Checked before each item: an aborted intake (worker shutting down) stops between items. */
    signal?: AbortSignal;
    /** Called after each item (the activity's heartbeat). */
    onItem?: (done: number) => void;
  } = {},
): Promise<ItemOutcome[]> {
  const mapping: FeedMapping = feedMappingSchema.parse(feed.mapping);
  const receivedAt = opts.receivedAt ?? new Date().toISOString();
  const outcomes: ItemOutcome[] = [];
  for (const [index, item] of items.entries()) {
    opts.signal?.throwIfAborted();
    const mapped = mapItem(mapping, feed, item, receivedAt);
    outcomes.push(
      await deps.db.transaction(async (tx) => {
        if (mapped.externalId !== null) {
          await tx.execute(
            sql`select pg_advisory_xact_lock(hashtext(${itemLockKey(feed.id)}), hashtext(${mapped.externalId}))`,
          );
          if (opts.skipSeen && (await seen(tx, feed.id, mapped.externalId)))
            return { index, status: "seen" as const, externalId: mapped.externalId };
        }
        // After the lock: a shutdown that came while this item waited starts nothing more.
        opts.signal?.throwIfAborted();
        let outcome: ItemOutcome;
        if (!mapped.ok)
          outcome = { index, status: "rejected", externalId: mapped.externalId, reason: mapped.reason };
        else {
          // The case's reads share the item's connection: an item in flight never waits for a second one,
          // so as many items as the pool has connections cannot deadlock it.
          const { caseId, created } = await deps.startCase(mapped.message, tx as unknown as Db);
          outcome = {
            index,
            status: created ? "accepted" : "duplicate",
            externalId: mapped.externalId,
            caseId,
          };
        }
        await tx.insert(feedItems).values({
          feedId: feed.id,
          externalId: outcome.externalId,
          status: outcome.status,
          reason: outcome.reason ?? null,
          caseId: outcome.caseId ?? null,
        });
        return outcome;
      }),
    );
    opts.onItem?.(index + 1);
  }
  return outcomes;
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

async function seen(tx: Tx, feedId: string, externalId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: feedItems.id })
    .from(feedItems)
    .where(
      and(
        eq(feedItems.feedId, feedId),
        eq(feedItems.externalId, externalId),
        inArray(feedItems.status, [...itemStatuses]),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** How many items ended in each status. */
export function tally(outcomes: ItemOutcome[]): Record<ItemOutcome["status"], number> {
  const t = { accepted: 0, duplicate: 0, rejected: 0, seen: 0 };
  for (const o of outcomes) t[o.status]++;
  return t;
}

/** Records one rejected delivery that had no items to speak of (a body that is not JSON). */
export async function recordRejected(db: Db, feedId: string, reason: string): Promise<void> {
  await db.insert(feedItems).values({ feedId, externalId: null, status: "rejected", reason });
}
