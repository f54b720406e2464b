// "Never posts twice on retry" (issue 6; docs/architecture.md: publish keyed by case and draft version):
// every reply goes through the `publications` row of its key.
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
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
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

/** The ledger's statements on the reserved connection (postgres.js directly: each one commits at once). */
type Conn = Awaited<ReturnType<Db["$client"]["reserve"]>>;
interface LedgerRow {
  state: string;
  external_id: string | null;
  url: string | null;
  /** A string: drizzle's driver turns off postgres.js's date parsing on the shared client. */
  published_at: Date | string | null;
  created_at: Date | string;
}

const resultOfRow = (r: LedgerRow): PublishResult =>
  resultOf({
    state: r.state,
    externalId: r.external_id,
    url: r.url,
    publishedAt: r.published_at === null ? null : new Date(r.published_at).toISOString(),
    createdAt: new Date(r.created_at).toISOString(),
  } as Row);

async function attempt(conn: Conn, key: string, client: NetworkClient): Promise<PublishResult> {
  const [row] = await conn<LedgerRow[]>`
    select state, external_id, url, published_at, created_at from publications where key = ${key}`;
  if (!row) throw new Error(`publication ${key} vanished after its claim`);
  if (row.state === "published") return resultOfRow(row);
  if (row.state === "sending") {
    // An earlier attempt died or lost its answer after sending: the reply may be out.
    const found = client.find ? await client.find() : null;
    if (found) return published(conn, key, found);
    if (!client.find && !client.repeatIsSafe) {
      const message = `${client.network}: an earlier attempt may have posted this reply and the network cannot be checked; look at ${client.target} and confirm the reply's URL or post it by hand`;
      await conn`update publications set error = ${message} where key = ${key}`;
      throw forbidden(message, { network: client.network, outcome: "unknown" });
    }
  }
  await conn`update publications set state = 'sending', attempts = attempts + 1, error = null where key = ${key}`;
  let posted: Posted;
  try {
    posted = await client.post();
  } catch (e) {
    const refused = outcomeOf(e) === "rejected";
    const final = e instanceof ApplicationFailure && e.nonRetryable;
    const state = refused ? (final ? "failed" : "pending") : "sending";
    await conn`update publications set state = ${state}, error = ${(e as Error).message.slice(0, 2000)} where key = ${key}`;
    throw e;
  }
  return published(conn, key, posted);
}

async function published(conn: Conn, key: string, posted: Posted): Promise<PublishResult> {
  const [row] = await conn<LedgerRow[]>`
    update publications
       set state = 'published', external_id = ${posted.externalId}, url = ${posted.url}, error = null,
           published_at = now()
     where key = ${key}
    returning state, external_id, url, published_at, created_at`;
  if (!row) throw new Error(`publication ${key} vanished while publishing`);
  return resultOfRow(row);
}

/**
 * Runs `fn` holding the key's advisory lock on a connection of its own, which also carries the ledger's
 * statements (so N concurrent publishes need N connections, never 2N); a held lock is a retryable failure.
 */
async function exclusively<T>(
  db: Db,
  key: string,
  network: string,
  fn: (conn: Conn) => Promise<T>,
): Promise<T> {
  const conn = await db.$client.reserve();
  const lock = `publish:${key}`;
  try {
    const [got] = await conn<{ locked: boolean }[]>`
      select pg_try_advisory_lock(hashtextextended(${lock}, 0)) as locked`;
    if (!got?.locked)
      throw retryable(`${network}: another attempt is publishing ${key}`, "publish_unavailable", {
        network,
        outcome: "rejected",
        retryAfterSeconds: 5,
      });
    try {
      return await fn(conn);
    } finally {
      await conn`select pg_advisory_unlock(hashtextextended(${lock}, 0))`;
    }
  } finally {
    conn.release();
  }
}
