// "Nothing sent twice" (issue 4): every outbound message is claimed by its key in `notifications` before
// it leaves and marked sent after. A retried activity finds the key sent and sends nothing.
//
// At-least-once window: if an attempt crashes (or PostgreSQL stays away longer than markSent waits) after the
// message left but before `sent_at` was written, the next attempt finds the key claimed but unsent and sends
// again. That is deliberate — a lost message is worse than a duplicate — and the duplicate carries the same
// Message-ID / Idempotency-Key, so the receiving server can drop it.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { notifications } from "../db/schema";

export interface Claim {
  key: string;
  caseId?: string;
  channel: "email" | "webhook" | "callback";
  recipient: string;
  subject: string;
}

/** Runs `send` unless `claim.key` was already sent; returns whether it ran, and when the key was first claimed. */
export async function sendOnce(
  db: Db,
  claim: Claim,
  send: (claimedAt: string) => Promise<void>,
): Promise<{ ran: boolean }> {
  const [claimed] = await db
    .insert(notifications)
    .values({ ...claim, caseId: claim.caseId ?? null })
    .onConflictDoNothing({ target: notifications.key })
    .returning({ createdAt: notifications.createdAt });
  let createdAt = claimed?.createdAt;
  if (!createdAt) {
    // Claimed before: sent (nothing to do), or claimed by an attempt that died before marking it.
    const [row] = await db
      .select({ sentAt: notifications.sentAt, createdAt: notifications.createdAt })
      .from(notifications)
      .where(eq(notifications.key, claim.key));
    if (!row) throw new Error(`notification ${claim.key} vanished after its claim`);
    if (row.sentAt) return { ran: false };
    createdAt = row.createdAt;
  }
  await send(new Date(createdAt).toISOString());
  await markSent(db, claim.key);
  return { ran: true };
}

/**
 * Marks a key sent. The message has left: failing here would make the retry send it again, so a database that
 * is briefly away (a restart) is waited for, up to about 15 s, before the attempt gives up.
 */
async function markSent(db: Db, key: string): Promise<void> {
  for (let wait = 250; ; wait *= 2) {
    try {
      await db.update(notifications).set({ sentAt: sql`now()` }).where(eq(notifications.key, key));
      return;
    } catch (e) {
      if (wait > 8000) throw e;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
