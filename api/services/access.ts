// Who may see which case. Decisions (api/README.md "Authorization"):
// - another org's case is answered 404, exactly as a case that does not exist, so ids do not leak;
// - an executor (without a curator, supervisor or admin role) sees only cases assigned to its department,
//   and is answered 403 for other cases of its own org;
// - integrators start cases and read nothing.
import { eq, inArray } from "drizzle-orm";
import { cases, staff } from "../../db/schema";
import type { Actor } from "../../workflows/actions";
import type { CaseView } from "../../workflows/view";
import type { Deps } from "../app";
import { HttpProblem } from "../problem";

export const seesWholeOrg = (actor: Actor) =>
  actor.roles.some((r) => r === "curator" || r === "supervisor" || r === "admin");

export const isExecutorOnly = (actor: Actor) => !seesWholeOrg(actor) && actor.roles.includes("executor");

/** Refuse reading cases to an actor that is only an integrator. */
export function assertReader(actor: Actor): void {
  if (!seesWholeOrg(actor) && !actor.roles.includes("executor"))
    throw new HttpProblem(403, "Integrators start cases; reading them needs a staff role");
}

export const notFound = (caseId: string) => new HttpProblem(404, `No case '${caseId}'`);

/** The case's org and assigned departments, from the read model row or the live view. */
export interface CaseScope {
  org: string;
  departments: string[];
}

/** Whether `scope` lets the actor at the case (what assertCaseAccess lets through). */
export function mayAct(actor: Actor, scope: CaseScope): boolean {
  if (scope.org !== actor.org) return false;
  return !isExecutorOnly(actor) || (!!actor.department && scope.departments.includes(actor.department));
}

export function assertCaseAccess(actor: Actor, caseId: string, scope: CaseScope | null): asserts scope {
  if (!scope || scope.org !== actor.org) throw notFound(caseId);
  if (isExecutorOnly(actor) && !(actor.department && scope.departments.includes(actor.department)))
    throw new HttpProblem(403, "This case is not assigned to your department");
}

export async function scopeOfRow(deps: Deps, caseId: string): Promise<CaseScope | null> {
  const [row] = await deps.db
    .select({ org: cases.orgId, departments: cases.departments })
    .from(cases)
    .where(eq(cases.caseId, caseId));
  return row ?? null;
}

/** A live view's departments: the assignees' own when the workflow recorded them, else the staff table's. */
export async function scopeOfView(deps: Deps, view: CaseView): Promise<CaseScope> {
  const known = view.assignees.flatMap((a) => (a.department ? [a.department] : []));
  const unknown = view.assignees.filter((a) => !a.department).map((a) => a.staffId);
  const looked = unknown.length
    ? await deps.db.select({ d: staff.departmentId }).from(staff).where(inArray(staff.id, unknown))
    : [];
  const departments = [...new Set([...known, ...looked.flatMap((r) => (r.d ? [r.d] : []))])];
  return { org: view.org, departments };
}

/** Author personal data only for staff of the case's org (docs/process.md). */
export function redactFor(actor: Actor, view: CaseView): CaseView {
  if (actor.org === view.org || !view.message.author) return view;
  const { author: _author, ...message } = view.message;
  return { ...view, message };
}
