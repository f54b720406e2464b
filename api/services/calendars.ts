// Calendar overrides decided at run time (a regional decree moves a day): stored in PostgreSQL, and every
// running case of an org on that calendar is signalled to re-arm its pending deadlines.
import { eq, inArray, sql } from "drizzle-orm";
import { calendarOverrides, orgs } from "../../db/schema";
import { type Actor, calendarChanged } from "../../workflows/actions";
import type { Deps } from "../app";
import { HttpProblem } from "../problem";
import { bounded } from "../temporal";

export interface OverrideInput {
  date: string;
  kind: "working" | "shortened" | "non_working";
  reason: string;
}

export async function putOverrides(deps: Deps, actor: Actor, calendarId: string, overrides: OverrideInput[]) {
  const users = await deps.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.calendarId, calendarId));
  if (!users.some((o) => o.id === actor.org))
    throw new HttpProblem(403, `Your org '${actor.org}' does not work by calendar '${calendarId}'`);
  await deps.db
    .insert(calendarOverrides)
    .values(overrides.map((o) => ({ ...o, calendarId, by: actor.staffId })))
    .onConflictDoUpdate({
      target: [calendarOverrides.calendarId, calendarOverrides.date],
      set: { kind: sql`excluded.kind`, reason: sql`excluded.reason`, by: sql`excluded.by`, at: sql`now()` },
    });
  const signalled = await bounded(
    deps,
    "The overrides are saved; running cases may not have re-armed their deadlines yet: send the same PUT again.",
    () =>
      signalRunningCases(
        deps,
        calendarId,
        users.map((o) => o.id),
      ),
  );
  const rows = await deps.db
    .select()
    .from(calendarOverrides)
    .where(
      inArray(
        calendarOverrides.date,
        overrides.map((o) => o.date),
      ),
    )
    .then((rs) => rs.filter((r) => r.calendarId === calendarId));
  return {
    calendarId,
    overrides: rows.map((r) => ({
      date: r.date,
      kind: r.kind as OverrideInput["kind"],
      reason: r.reason,
      by: r.by,
      at: new Date(r.at).toISOString(),
    })),
    signalled,
  };
}

/** Running cases of the calendar's orgs, found through visibility (search attribute CaseOrg). */
async function signalRunningCases(deps: Deps, calendarId: string, orgIds: string[]): Promise<number> {
  if (orgIds.length === 0) return 0;
  const query = `ExecutionStatus = 'Running' AND CaseOrg IN (${orgIds.map((o) => `'${o.replaceAll("'", "")}'`).join(", ")})`;
  const version = Date.now();
  let n = 0;
  for await (const wf of deps.temporal.workflow.list({ query })) {
    await deps.temporal.workflow
      .getHandle(wf.workflowId, wf.runId)
      .signal(calendarChanged, { calendarId, version })
      .then(
        () => n++,
        () => {}, // finished between the listing and the signal: nothing to re-arm
      );
  }
  return n;
}
