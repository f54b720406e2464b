// Reading cases: the list from the read model (PostgreSQL), one case live from its workflow (or from the
// read model's snapshot once the workflow is closed or cannot answer), the timeline from the audit table.
import { WorkflowNotFoundError } from "@temporalio/client";
import { and, asc, desc, eq, gte, ilike, lt, or, type SQL, sql } from "drizzle-orm";
import { caseAuthors, caseEvents, cases } from "../../db/schema";
import { type Actor, getCase } from "../../workflows/actions";
import { type CaseView, closedStatuses } from "../../workflows/view";
import type { Deps } from "../app";
import { HttpProblem } from "../problem";
import type { CaseListQuery } from "../schemas/case";
import { cursorPattern } from "../schemas/case";
import { bounded } from "../temporal";
import {
  assertCaseAccess,
  assertReader,
  isExecutorOnly,
  notFound,
  redactFor,
  scopeOfRow,
  scopeOfView,
} from "./access";
import { inOrgOffset, instantsIn, utc, zoneOf } from "./instants";

const readAdvice = "The case's worker is busy or down: read it again in a moment.";

export async function readCase(
  deps: Deps,
  actor: Actor,
  caseId: string,
): Promise<{ view: CaseView; source: "workflow" | "read-model" }> {
  assertReader(actor);
  const [row] = await deps.db.select().from(cases).where(eq(cases.caseId, caseId));
  let view: CaseView | undefined;
  let source: "workflow" | "read-model" = "workflow";
  if (!row || !closedStatuses.includes(row.status)) {
    view = await bounded(deps, readAdvice, () =>
      deps.temporal.workflow.getHandle(caseId).query(getCase),
    ).catch((e) => {
      if (!row && e instanceof WorkflowNotFoundError) throw notFound(caseId);
      if (!row) throw e;
      return undefined;
    });
  }
  if (!view && row) {
    view = await withAuthor(deps, row.snapshot as CaseView);
    source = "read-model";
  }
  if (!view) throw notFound(caseId);
  // The live view's assignees are current; the row's may lag the projection by a moment.
  assertCaseAccess(
    actor,
    caseId,
    source === "workflow"
      ? await scopeOfView(deps, view)
      : row
        ? { org: row.orgId, departments: row.departments }
        : null,
  );
  // The workflow's own instants are UTC; the planner's already carry the offset (api/services/instants.ts).
  return { view: instantsIn(redactFor(actor, view), await zoneOf(deps, view.org)), source };
}

/** The snapshot keeps the case without personal data; the author is joined back from case_authors. */
async function withAuthor(deps: Deps, view: CaseView): Promise<CaseView> {
  if (view.message.author) return view;
  const [a] = await deps.db.select().from(caseAuthors).where(eq(caseAuthors.caseId, view.caseId));
  return a
    ? { ...view, message: { ...view.message, author: a.author as CaseView["message"]["author"] } }
    : view;
}

export async function timeline(deps: Deps, actor: Actor, caseId: string) {
  assertReader(actor);
  // A case the projection has not reached yet is checked against its live view.
  const scope =
    (await scopeOfRow(deps, caseId)) ??
    (await bounded(deps, readAdvice, () => deps.temporal.workflow.getHandle(caseId).query(getCase)).then(
      (view) => scopeOfView(deps, view),
      (e) => {
        if (e instanceof WorkflowNotFoundError) throw notFound(caseId);
        throw e;
      },
    ));
  assertCaseAccess(actor, caseId, scope);
  const events = await deps.db
    .select({
      seq: caseEvents.seq,
      at: caseEvents.at,
      type: caseEvents.type,
      actor: caseEvents.actor,
      data: caseEvents.data,
    })
    .from(caseEvents)
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(asc(caseEvents.seq));
  const zone = await zoneOf(deps, actor.org);
  // The instants in the events' data too (`received.receivedAt`, a publication's `at`).
  return { caseId, events: events.map((e) => instantsIn({ ...e, at: utc(e.at) }, zone)) };
}

export async function listCases(deps: Deps, actor: Actor, q: CaseListQuery) {
  assertReader(actor);
  if (q.org && q.org !== actor.org) throw new HttpProblem(403, "Only your own org's cases can be listed");
  const where: Array<SQL | undefined> = [eq(cases.orgId, actor.org)];
  if (isExecutorOnly(actor))
    where.push(
      actor.department ? sql`${cases.departments} @> array[${actor.department}]::text[]` : sql`false`,
    );
  if (q.status?.length) where.push(sql`${cases.status} = any(${sql.param(q.status)}::text[])`);
  if (q.assignee) where.push(sql`${cases.assignees} @> array[${q.assignee}]::text[]`);
  if (q.importance) where.push(eq(cases.importance, q.importance));
  if (q.topic) where.push(eq(cases.topic, q.topic));
  if (q.overdue !== undefined) where.push(eq(cases.overdue, q.overdue));
  if (q.createdFrom) where.push(gte(cases.createdAt, q.createdFrom));
  if (q.createdTo) where.push(lt(cases.createdAt, q.createdTo));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      or(
        ilike(cases.text, like),
        ilike(cases.topic, like),
        ilike(cases.location, like),
        ilike(cases.url, like),
      ),
    );
  }
  if (q.cursor) {
    const [micros, id] = decodeCursor(q.cursor);
    where.push(
      sql`(${cases.createdAt}, ${cases.caseId}) < (timestamptz 'epoch' + ${micros}::bigint * interval '1 microsecond', ${id})`,
    );
  }
  const rows = await deps.db
    .select()
    .from(cases)
    .where(and(...where))
    .orderBy(desc(cases.createdAt), desc(cases.caseId))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const iso = await inOrgOffset(deps, actor.org);
  return {
    items: page.map((r) => ({
      caseId: r.caseId,
      org: r.orgId,
      regulation: r.regulation,
      status: r.status,
      importance: r.importance,
      topic: r.topic,
      location: r.location,
      significant: r.significant,
      emergency: r.emergency,
      overdue: r.overdue,
      network: r.network,
      channel: r.channel,
      url: r.url,
      text: r.text,
      assignees: r.assignees,
      departments: r.departments,
      answerDueAt: r.answerDueAt && iso(r.answerDueAt),
      receivedAt: iso(r.receivedAt),
      createdAt: iso(r.createdAt),
      updatedAt: iso(r.updatedAt),
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.caseId) : null,
  };
}

// The cursor is the (created_at, case_id) of the page's last row, keyset order, as
// `<created_at in microseconds since 1970>~<case id>` (api/schemas/case.ts `cursorPattern`): any string of
// that form is a position in the order, so a cursor the schema admits is never refused.
function encodeCursor(pgTime: string, id: string): string {
  const fraction = (/\.(\d{1,6})/.exec(pgTime)?.[1] ?? "").padEnd(6, "0");
  const seconds = Math.floor(new Date(pgTime).getTime() / 1000);
  return `${BigInt(seconds) * 1_000_000n + BigInt(fraction)}~${id}`;
}

function decodeCursor(cursor: string): [string, string] {
  const m = cursorPattern.exec(cursor);
  if (m?.[1] && m[2]) return [m[1], m[2]];
  throw new HttpProblem(422, "The cursor is not one this API returned", {
    errors: [{ path: "querystring.cursor", message: "invalid cursor" }],
  });
}
