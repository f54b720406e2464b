// feedPoller: one run of a pull feed, started by its Temporal Schedule `feed-<feedId>` every
// `intervalSeconds` (overlap SKIP: never two runs of one feed). It reads page after page from the feed's
// stored cursor until the feed says there is no next page, or `maxPages`, then ends; the next run goes on
// from the cursor in PostgreSQL. The cursor lives there, not in this workflow: each page's activity
// advances it only after the page's cases were started (activities/feeds/poll.ts), so a worker killed
// mid-page re-reads that page and nothing is lost or doubled.
import { proxyActivities } from "@temporalio/workflow";
import type { createActivities } from "../activities";

type Activities = ReturnType<typeof createActivities>;
const { pollFeedPage } = proxyActivities<Activities>({
  startToCloseTimeout: "5 minutes",
  // Heartbeats after each item: a worker that dies without a word is noticed within this.
  heartbeatTimeout: "30 seconds",
  retry: {
    initialInterval: "1 second",
    backoffCoefficient: 2,
    maximumInterval: "1 minute",
    // A feed down for long: this run gives up; the schedule's next run tries again from the same cursor.
    maximumAttempts: 8,
  },
});

export interface FeedPollerInput {
  feedId: string;
  /** Pages per run at most (default 50): a feed with a long backlog is caught up over several runs. */
  maxPages?: number;
}

export interface FeedPollerResult {
  pages: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  seen: number;
  cursor: string | null;
}

export async function feedPoller(input: FeedPollerInput): Promise<FeedPollerResult> {
  const total: FeedPollerResult = { pages: 0, accepted: 0, duplicate: 0, rejected: 0, seen: 0, cursor: null };
  for (let i = 0; i < (input.maxPages ?? 50); i++) {
    const page = await pollFeedPage({ feedId: input.feedId });
    if (!page.read) break;
    total.pages++;
    for (const k of ["accepted", "duplicate", "rejected", "seen"] as const) total[k] += page.counts[k];
    total.cursor = page.next ?? page.cursor;
    if (page.done) break;
  }
  return total;
}
