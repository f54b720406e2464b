// One Temporal Schedule per pull feed: `feed-<feedId>`, every `intervalSeconds`, starting feedPoller
// (overlap SKIP: a run still reading when the next is due makes that one skip). The API creates, updates,
// pauses and deletes it with the feed (api/services/feeds.ts); worker/setup.ts brings every pull feed's
// Schedule back to what PostgreSQL says (a new cluster, a restored database).
import {
  type Client,
  ScheduleNotFoundError,
  type ScheduleOptions,
  ScheduleOverlapPolicy,
} from "@temporalio/client";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { feeds } from "../db/schema";
import type { FeedPollerInput } from "../workflows/feed-poller";
import { upsertSchedule } from "./schedules";

export const feedScheduleId = (feedId: string) => `feed-${feedId}`;

export interface ScheduledFeed {
  id: string;
  orgId: string;
  intervalSeconds: number | null;
  active: boolean;
}

export function feedSchedule(f: ScheduledFeed, taskQueue: string) {
  const id = feedScheduleId(f.id);
  return {
    scheduleId: id,
    spec: { intervals: [{ every: `${f.intervalSeconds ?? 300}s` }] },
    action: {
      type: "startWorkflow" as const,
      workflowType: "feedPoller",
      args: [{ feedId: f.id } satisfies FeedPollerInput],
      taskQueue,
      // The Schedule appends the scheduled time: feed-<feedId>-<instant>.
      workflowId: id,
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: "1 minute" },
    state: { paused: !f.active, note: `pull feed ${f.id} of ${f.orgId}` },
    memo: { feedId: f.id, org: f.orgId },
  } satisfies ScheduleOptions;
}

/** Creates the feed's Schedule, or brings an existing one up to date (interval, action, paused or not). */
export async function ensureFeedSchedule(
  client: Client,
  f: ScheduledFeed,
  taskQueue: string,
): Promise<"created" | "updated"> {
  const options = feedSchedule(f, taskQueue);
  return upsertSchedule(client, options, options.state.paused);
}

/** Deletes the feed's Schedule; one already gone is fine. */
export async function dropFeedSchedule(client: Client, feedId: string): Promise<void> {
  await client.schedule
    .getHandle(feedScheduleId(feedId))
    .delete()
    .catch((e) => {
      if (!(e instanceof ScheduleNotFoundError)) throw e;
    });
}

/** Every pull feed's Schedule (worker/setup.ts). */
export async function ensureFeedSchedules(client: Client, db: Db, taskQueue: string) {
  const pull = await db.select().from(feeds).where(eq(feeds.kind, "pull")).orderBy(feeds.id);
  const done: Record<string, "created" | "updated"> = {};
  for (const f of pull) done[f.id] = await ensureFeedSchedule(client, f, taskQueue);
  return done;
}
