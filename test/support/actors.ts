// Staff actions as the API sends them: the actor read from the staff table, the named executors'
// departments resolved — for suites that drive workflows without going through HTTP.
import type { Client } from "@temporalio/client";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { staff } from "../../db/schema";
import { type ActionName, type Actor, actionUpdates } from "../../workflows/actions";
import type { CaseView } from "../../workflows/view";

export async function actorOf(db: Db, staffId: string): Promise<Actor> {
  const [s] = await db.select().from(staff).where(eq(staff.id, staffId));
  if (!s) throw new Error(`no staff ${staffId}`);
  return {
    staffId: s.id,
    org: s.orgId,
    roles: s.roles as Actor["roles"],
    department: s.departmentId ?? undefined,
    curatorTier: (s.curatorTier as Actor["curatorTier"]) ?? undefined,
  };
}

export async function act(
  client: Client,
  db: Db,
  caseId: string,
  action: ActionName,
  staffId: string,
  payload: unknown = {},
): Promise<CaseView> {
  return client.workflow.getHandle(caseId).executeUpdate(actionUpdates[action] as never, {
    args: [await requestOf(db, staffId, payload)],
  }) as Promise<CaseView>;
}

/** The action's request as the API builds it: the actor, the payload, the named executors' departments. */
export async function requestOf(db: Db, staffId: string, payload: unknown) {
  const actor = await actorOf(db, staffId);
  const named = (payload as { executors?: string[] }).executors ?? [];
  const rows = named.length ? await db.select().from(staff).where(inArray(staff.id, named)) : [];
  const departments = Object.fromEntries(
    rows.flatMap((r) => (r.departmentId ? [[r.id, r.departmentId]] : [])),
  );
  return { actor, payload, departments };
}
