// "Never posts twice on retry" (issue 6; ARCHITECTURE.md: publish keyed by case and draft version): every
// reply goes through the `publications` row of its key.
//
//   pending   claimed, nothing sent yet (or the network refused the last try: a retry may post)
//   sending   a request is (or was) in flight: its outcome is unknown until checked
//   published the reply is out; url and external id stored; a retried activity returns them, no call
//   failed    the network refused for good (publish_forbidden); a later call with the key tries again
//
// Every state change is committed before the next network call, so a process that dies mid-call leaves
// `sending` behind. The next attempt then checks before it posts: VK reads the thread for the community's
// own reply, OK reads the topic's comments; VK direct messages and the site repeat safely (VK drops a
// repeated random_id, the site a repeated Idempotency-Key). The Bot API of Telegram can read no history, so a
// `sending` Telegram row is never posted again: it is handed back (publish_forbidden) for a person to look
// at the chat and confirm the reply's URL, or post it. The residual risk there is a reply that is out while
// the case waits for that confirmation, never a second reply.
//
// Attempts of one key are serialised by a session advisory lock on a connection of their own (released by
// PostgreSQL if the process dies), so an attempt that outlived its timeout cannot race its successor.
import { ApplicationFailure } from "@temporalio/common";
import { eq, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { drizzle } from "drizzle-orm/postgres-js";
import type { Db } from "../../db/client";
import * as schema from "../../db/schema";
import { publications } from "../../db/schema";
import type { PublishRequest, PublishResult } from "./index";
import { forbidden, outcomeOf, retryable } from "./wire";

/** A reply on the network: its id there and its public address. */
export interface Posted {
  externalId: string;
  url: string;
}

/** One request's conversation with a network (vk.ts, telegram.ts, ok.ts, site.ts build these). */
export interface NetworkClient {
  network: string;
  /** The post or chat being answered, as stored in `publications.target`. */
  target: string;
  /** Check before post: the reply an earlier attempt may have posted, or null. */
  find?(): Promise<Posted | null>;
  /** Posting again is harmless: the network itself drops a repeat of this key. */
  repeatIsSafe?: boolean;
  post(): Promise<Posted>;
}

type Row = typeof publications.$inferSelect;

const resultOf = (row: Row): PublishResult => ({
  state: "published",
  url: row.url ?? "",
  at: new Date(row.publishedAt ?? row.createdAt).toISOString(),
  ...(row.externalId ? { externalId: row.externalId } : {}),
});

/**
 * Publishes `request` through the client `connect` returns (null: the org has no account, `manual`),
 * at most once per `request.key`.
 */
export async function publishOnce(
  db: Db,
  request: PublishRequest,
  connect: () => Promise<NetworkClient | null>,
): Promise<PublishResult> {
  const [earlier] = await db.select().from(publications).where(eq(publications.key, request.key));
  // Published before (perhaps before its account was removed): the same answer, no call.
  if (earlier?.state === "published") return resultOf(earlier);
  const client = await connect();
  if (!client) return { state: "manual" };
  await db
    .insert(publications)
    .values({
      key: request.key,
      caseId: request.caseId,
      network: client.network,
      target: client.target,
      state: "pending",
    })
    .onConflictDoNothing({ target: publications.key });
  return exclusively(db, request.key, client.network, (conn) => attempt(conn, request.key, client));
}

async function attempt(conn: Db, key: string, client: NetworkClient): Promise<PublishResult> {
  const set = (values: PgUpdateSetSource<typeof publications>) =>
    conn.update(publications).set(values).where(eq(publications.key, key)).returning();
  const [row] = await conn.select().from(publications).where(eq(publications.key, key));
  if (!row) throw new Error(`publication ${key} vanished after its claim`);
  if (row.state === "published") return resultOf(row);
  if (row.state === "sending") {
    // An earlier attempt died or lost its answer after sending: the reply may be out.
    const found = client.find ? await client.find() : null;
    if (found) return published(conn, key, found);
    if (!client.find && !client.repeatIsSafe) {
      const message = `${client.network}: an earlier attempt may have posted this reply and the network cannot be checked; look at ${client.target} and confirm the reply's URL or post it by hand`;
      await set({ error: message });
      throw forbidden(message, { network: client.network, outcome: "unknown" });
    }
  }
  await set({ state: "sending", attempts: sql`${publications.attempts} + 1`, error: null });
  let posted: Posted;
  try {
    posted = await client.post();
  } catch (e) {
    const refused = outcomeOf(e) === "rejected";
    const final = e instanceof ApplicationFailure && e.nonRetryable;
    await set({
      state: refused ? (final ? "failed" : "pending") : "sending",
      error: (e as Error).message.slice(0, 2000),
    });
    throw e;
  }
  return published(conn, key, posted);
}

async function published(conn: Db, key: string, posted: Posted): Promise<PublishResult> {
  const [row] = await conn
    .update(publications)
    .set({
      state: "published",
      externalId: posted.externalId,
      url: posted.url,
      error: null,
      publishedAt: sql`now()`,
    })
    .where(eq(publications.key, key))
    .returning();
  if (!row) throw new Error(`publication ${key} vanished while publishing`);
  return resultOf(row);
}

/** Runs `fn` holding the key's advisory lock, on a connection of its own; a held lock is a retryable failure. */
async function exclusively<T>(
  db: Db,
  key: string,
  network: string,
  fn: (conn: Db) => Promise<T>,
): Promise<T> {
  const reserved = await db.$client.reserve();
  const lockId = sql`hashtextextended(${`publish:${key}`}, 0)`;
  const conn = drizzle(reserved, { schema });
  try {
    const [lock] = await conn.execute<{ locked: boolean }>(
      sql`select pg_try_advisory_lock(${lockId}) as locked`,
    );
    if (!lock?.locked)
      throw retryable(`${network}: another attempt is publishing ${key}`, "publish_unavailable", {
        network,
        outcome: "rejected",
        retryAfterSeconds: 5,
      });
    try {
      return await fn(conn as unknown as Db);
    } finally {
      await conn.execute(sql`select pg_advisory_unlock(${lockId})`);
    }
  } finally {
    reserved.release();
  }
}
