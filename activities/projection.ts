// The read model: every state change of a case projected to PostgreSQL in one transaction, idempotent by
// (case, seq). The `cases` row and the mutable rows (drafts, reviews, steps) move only forward: a view older
// than the stored one (a late retry) adds its events, which are immutable, and changes nothing else.
import { createHash } from "node:crypto";
import { type Column, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { caseAuthors, caseEvents, caseSteps, cases, drafts, reviews } from "../db/schema";
import type { Message } from "../workflows/message";
import { type CaseView, closedStatuses } from "../workflows/view";
import { storableDeep } from "./text";

export interface CaseEvent {
  seq: number;
  at: string;
  type: string;
  actor?: string;
  data: Record<string, unknown>;
}

export interface RecordEventsInput {
  view: CaseView;
  events: CaseEvent[];
  author?: Message["author"];
  receivedAt: string;
  source: string;
  externalId: string;
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The row proposed for insertion, in ON CONFLICT DO UPDATE. */
const excluded = (column: Column) => sql.raw(`excluded."${column.name}"`);

export async function recordEvents(db: Db, raw: RecordEventsInput): Promise<void> {
  const input = storableDeep(raw);
  const { view } = input;
  await db.transaction(async (tx) => {
    const advanced = await upsertCase(tx, input);
    if (input.events.length > 0)
      await tx
        .insert(caseEvents)
        .values(
          input.events.map((e) => ({
            caseId: view.caseId,
            seq: e.seq,
            type: e.type,
            actor: e.actor ?? null,
            at: e.at,
            data: e.data,
          })),
        )
        .onConflictDoNothing();
    if (!advanced) return;
    // Author personal data apart from the read model, so that the API can guard it (Yuzhno-Sakhalinsk 1.4).
    const author = input.author ?? view.message.author;
    if (author)
      await tx
        .insert(caseAuthors)
        .values({ caseId: view.caseId, author })
        .onConflictDoUpdate({ target: caseAuthors.caseId, set: { author: excluded(caseAuthors.author) } });
    await upsertDrafts(tx, view);
    await upsertSteps(tx, view);
  });
}

/** Upserts the `cases` row if `view.seq` is newer than the stored one; returns whether it did. */
async function upsertCase(tx: Tx, input: RecordEventsInput): Promise<boolean> {
  const { view } = input;
  const { author: _personal, ...message } = view.message;
  const closed = closedStatuses.includes(view.status);
  const row = {
    workflowId: view.workflowId,
    orgId: view.org,
    regulation: view.regulation,
    source: input.source,
    externalId: input.externalId,
    status: view.status,
    reviewTier: view.reviewTier ?? null,
    importance: view.importance,
    topic: view.topic ?? null,
    location: view.location ?? null,
    significant: view.significant,
    emergency: view.emergency,
    overdue: view.overdue,
    network: message.network,
    channel: message.channel,
    url: message.url,
    text: message.text,
    publishedAt: message.publishedAt,
    detectedAt: message.detectedAt,
    receivedAt: input.receivedAt,
    answerDueAt: view.answerDueAt ?? null,
    assignees: view.assignees.map((a) => a.staffId),
    // Executors a substitute took over from (`reassign`): the monthly report counts the case for them too.
    relieved: unique((view.holders ?? []).flatMap((h) => (h.until && h.reason ? h.staffIds : []))),
    departments: unique(view.assignees.flatMap((a) => (a.department ? [a.department] : []))),
    linkedTo: view.linkedTo ?? null,
    mergedInto: view.mergedInto ?? null,
    reworkRounds: view.reworkRounds,
    returns: view.returns,
    // A hand-over answers as a publication does (Yuzhno-Sakhalinsk 3.3).
    firstAnsweredAt: earliest([
      ...view.publications.map((p) => p.at),
      ...(view.handedOver ? [view.handedOver.at] : []),
    ]),
    answerWorkingMinutes:
      view.answerWorkingMinutes === undefined ? null : Math.round(view.answerWorkingMinutes),
    authorKey: authorKeyOf(view.message.network, input.author ?? view.message.author),
    // Closing is terminal: the first batch that sees a closed status carries the closing event.
    closedAt: closed ? (latest(input.events.map((e) => e.at)) ?? new Date().toISOString()) : null,
    snapshot: { ...view, message },
    lastSeq: view.seq,
  };
  const written = await tx
    .insert(cases)
    .values({ caseId: view.caseId, ...row })
    .onConflictDoUpdate({
      target: cases.caseId,
      set: {
        ...row,
        closedAt: sql`coalesce(${cases.closedAt}, ${excluded(cases.closedAt)})`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`${cases.lastSeq} < ${excluded(cases.lastSeq)}`,
    })
    .returning({ caseId: cases.caseId });
  return written.length > 0;
}

async function upsertDrafts(tx: Tx, view: CaseView): Promise<void> {
  if (view.drafts.length === 0) return;
  await tx
    .insert(drafts)
    .values(
      view.drafts.map((d) => ({
        caseId: view.caseId,
        version: d.version,
        kind: d.kind,
        text: d.text,
        by: d.by,
        at: d.at,
        checks: d.checks ?? null,
      })),
    )
    .onConflictDoUpdate({
      target: [drafts.caseId, drafts.version],
      set: {
        kind: excluded(drafts.kind),
        text: excluded(drafts.text),
        by: excluded(drafts.by),
        at: excluded(drafts.at),
        checks: excluded(drafts.checks),
      },
    });
  const rows = view.drafts.flatMap((d) =>
    d.reviews.map((r) => ({
      caseId: view.caseId,
      draftVersion: d.version,
      tier: r.tier,
      by: r.by,
      at: r.at,
      verdict: r.verdict,
      reasons: r.reasons ?? null,
      comment: r.comment ?? null,
    })),
  );
  if (rows.length === 0) return;
  await tx
    .insert(reviews)
    .values(rows)
    .onConflictDoUpdate({
      target: [reviews.caseId, reviews.draftVersion, reviews.tier],
      set: {
        by: excluded(reviews.by),
        at: excluded(reviews.at),
        verdict: excluded(reviews.verdict),
        reasons: excluded(reviews.reasons),
        comment: excluded(reviews.comment),
      },
    });
}

/** One row per step and round: a re-armed step (re-route, rework) keeps the earlier rounds on record. */
async function upsertSteps(tx: Tx, view: CaseView): Promise<void> {
  const rows = Object.entries(view.steps).map(([step, s]) => ({
    caseId: view.caseId,
    step,
    round: s.round,
    budget: s.budget,
    clock: s.clock,
    startedAt: s.startedAt ?? null,
    dueAt: s.dueAt ?? null,
    metAt: s.metAt ?? null,
    breachedAt: s.breachedAt ?? null,
    cancelled: s.cancelled ?? false,
  }));
  if (rows.length === 0) return;
  await tx
    .insert(caseSteps)
    .values(rows)
    .onConflictDoUpdate({
      target: [caseSteps.caseId, caseSteps.step, caseSteps.round],
      set: {
        budget: excluded(caseSteps.budget),
        clock: excluded(caseSteps.clock),
        startedAt: excluded(caseSteps.startedAt),
        dueAt: excluded(caseSteps.dueAt),
        metAt: excluded(caseSteps.metAt),
        breachedAt: excluded(caseSteps.breachedAt),
        cancelled: excluded(caseSteps.cancelled),
      },
    });
}

const unique = (xs: string[]) => [...new Set(xs)];
const byTime = (xs: string[]) => [...xs].sort((a, b) => Date.parse(a) - Date.parse(b));
const earliest = (xs: string[]) => byTime(xs)[0] ?? null;
const latest = (xs: string[]) => byTime(xs).at(-1);

/**
 * A pseudonymous key of the post's author: the same person on the same network gives the same key, so the
 * duplicate finder can match "same author and topic" without reading personal data (Yuzhno-Sakhalinsk 1.4).
 */
export function authorKeyOf(network: string, author: Message["author"] | undefined): string | null {
  const id = author?.networkUserId ?? author?.profileUrl;
  return id ? createHash("sha256").update(`${network}:${id}`).digest("hex") : null;
}
