// A staff action is the workflow's Update: the API authenticates the actor, hides other orgs' cases,
// resolves the named executors' departments from the staff table, and lets the update validator decide
// the rest (role, state, the regulation's rules). Its refusals map to 403/409/422/404 in plugins/errors.ts.
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from "@temporalio/client";
import type { ApplicationFailure } from "@temporalio/common";
import { and, eq, inArray } from "drizzle-orm";
import type { DraftCheckCode, Finding } from "../../checks";
import { cases, staff } from "../../db/schema";
import { type ActionName, type Actor, actionUpdates, getCase, type Payload } from "../../workflows/actions";
import { type CaseView, closedStatuses } from "../../workflows/view";
import type { Deps } from "../app";
import { HttpProblem } from "../problem";
import { bounded } from "../temporal";
import {
  assertCaseAccess,
  assertReader,
  type CaseScope,
  mayAct,
  notFound,
  redactFor,
  scopeOfRow,
  scopeOfView,
} from "./access";
import { checkText } from "./checks";
import { instantsIn, zoneOf } from "./instants";

export async function runAction<A extends ActionName>(
  deps: Deps,
  actor: Actor,
  caseId: string,
  action: A,
  payload: Payload<A>,
): Promise<CaseView> {
  return bounded(
    deps,
    "The action may still be applied when the case's worker answers: read the case (GET /v1/cases/{caseId}) before sending it again.",
    () => act(deps, actor, caseId, action, payload),
  );
}

async function act<A extends ActionName>(
  deps: Deps,
  actor: Actor,
  caseId: string,
  action: A,
  payload: Payload<A>,
): Promise<CaseView> {
  // No action is an integrator's (workflows/actions.ts): refused before the staff it names are looked up.
  assertReader(actor);
  const handle = deps.temporal.workflow.getHandle(caseId);
  // Who may act is read from the read model's row when it allows the actor (the org never changes; an
  // executor's department is listed once the triage is projected): asking the worker for the live view
  // before every Update cost an action a third of its time (bench/RESULTS.md "region day"). Any other
  // case — no row yet, another org, a department the row does not (yet) list — and the draft checks (they
  // need the message's author) ask the live view as before, so every refusal is decided as it was.
  const needsLive = action === "draft" || action === "contribute";
  const row = needsLive ? null : await scopeOfRow(deps, caseId);
  let live: CaseView | Error | undefined;
  let scope: CaseScope | null = row && mayAct(actor, row) ? row : null;
  if (!scope) {
    // The live view's assignees are current; the read model answers for a workflow that cannot be queried.
    live = await handle.query(getCase).catch((e) => {
      if (e instanceof WorkflowNotFoundError) throw notFound(caseId);
      return e as Error;
    });
    scope = live instanceof Error ? (row ?? (await scopeOfRow(deps, caseId))) : await scopeOfView(deps, live);
    if (live instanceof Error && !scope) throw live;
  }
  assertCaseAccess(actor, caseId, scope);
  const mergeTarget =
    action === "merge" ? await checkMergeTarget(deps, actor, (payload as Payload<"merge">).into) : undefined;
  const repeatOf = action === "triage" ? (payload as Payload<"triage">).repeatOf : undefined;
  if (repeatOf) await checkEarlierCase(deps, actor, repeatOf);
  const departments = await departmentsOf(deps, actor.org, namedStaff(payload));
  const checked = await draftChecks(deps, actor, action, payload, live instanceof Error ? undefined : live);
  // The org's zone for the answer's instants, read while the Update runs (access made it the case's org).
  const zone = zoneOf(deps, actor.org);
  zone.catch(() => {});
  const view = await handle
    .executeUpdate(actionUpdates[action] as (typeof actionUpdates)["accept"], {
      args: [
        {
          actor,
          payload: payload as Payload<"accept">,
          departments,
          ...checked,
          ...(mergeTarget ? { mergeTarget } : {}),
        },
      ],
    })
    .catch(async (e) => {
      // The validator refuses a blocked draft after every other rule (role, state): answer with the findings.
      if (e instanceof WorkflowUpdateFailedError && (e.cause as ApplicationFailure)?.type === "checks_failed")
        throw new HttpProblem(422, (e.cause as ApplicationFailure).message, {
          type: "draft-checks",
          findings: checked.checks,
        });
      // The case finished between the query above and the Update (its last action was a moment ago): the
      // server answers NOT_FOUND in words that vary with the moment, so ask it whether the case is closed.
      if (e instanceof WorkflowNotFoundError && (await closedNow(handle))) throw finished();
      throw e;
    });
  return instantsIn(
    redactFor(actor, view),
    view.org === actor.org ? await zone : await zoneOf(deps, view.org),
  );
}

/**
 * `draft` and `contribute` texts get the org's draft checks (checks/) here, before the Update: the
 * dictionary cannot load in the workflow sandbox. The findings travel with the Update and are stored on the
 * draft; the codes of those the org blocks on make the validator refuse a `draft` (checks_failed), after its
 * own rules, so a draft by the wrong person or in the wrong state is still 403 or 409.
 */
async function draftChecks(
  deps: Deps,
  actor: Actor,
  action: ActionName,
  payload: unknown,
  live: CaseView | undefined,
): Promise<{ checks?: Finding[]; blocking?: DraftCheckCode[] }> {
  if (action !== "draft" && action !== "contribute") return {};
  const { text } = payload as Payload<"draft">;
  const { findings, blocking } = await checkText(deps, actor.org, {
    text,
    network: live?.message.network,
    channel: live?.message.channel,
    authorName: live?.message.author?.name,
  });
  const codes = [...new Set(blocking.map((f) => f.code))];
  return { checks: findings, ...(action === "draft" && codes.length > 0 ? { blocking: codes } : {}) };
}

/**
 * `merge` folds this case into another of the same org that is still open, so that its answer can reach
 * this post too (the workflow checks only what it can see: not into itself). The target's channel goes to
 * the workflow, so a merge that mixes a direct message with public posts says so.
 */
async function checkMergeTarget(
  deps: Deps,
  actor: Actor,
  into: string,
): Promise<{ channel: CaseView["message"]["channel"] }> {
  const [row] = await deps.db
    .select({ org: cases.orgId, status: cases.status, channel: cases.channel })
    .from(cases)
    .where(eq(cases.caseId, into));
  // The read model follows the workflow: a case rejected a moment ago may still read as open there, so an
  // open row is asked of the workflow itself (a closed one stays closed).
  const live =
    !row || !closedStatuses.includes(row.status)
      ? await deps.temporal.workflow
          .getHandle(into)
          .query(getCase)
          .then((v) => ({ org: v.org, status: v.status, channel: v.message.channel }))
          .catch(() => undefined)
      : undefined;
  const target = live ?? row;
  if (!target || target.org !== actor.org)
    throw new HttpProblem(422, "Merge target not found", {
      errors: [{ path: "body.into", message: `no case '${into}' in ${actor.org}` }],
    });
  if (closedStatuses.includes(target.status))
    throw new HttpProblem(409, `Case '${into}' is ${target.status}; merge into an open case`, {
      type: "wrong_state",
    });
  return { channel: target.channel as CaseView["message"]["channel"] };
}

/**
 * `triage {repeatOf}` names an earlier case of the same org, closed ones included (Zarechny 17, Omsk 13–14,
 * Nenets 23: the earlier message was answered; docs/regulations.md "repeat messages").
 */
async function checkEarlierCase(deps: Deps, actor: Actor, caseId: string): Promise<void> {
  const [row] = await deps.db.select({ org: cases.orgId }).from(cases).where(eq(cases.caseId, caseId));
  const org =
    row?.org ??
    (await deps.temporal.workflow
      .getHandle(caseId)
      .query(getCase)
      .then((v) => v.org)
      .catch(() => undefined));
  if (org !== actor.org)
    throw new HttpProblem(422, "Earlier case not found", {
      errors: [{ path: "body.repeatOf", message: `no case '${caseId}' in ${actor.org}` }],
    });
}

/** The staff a payload names: executors and the composer (triage, route, explain). */
function namedStaff(payload: unknown): Array<{ id: string; path: string }> {
  const p = payload as { executors?: string[]; composer?: string };
  return [
    ...(p.executors ?? []).map((id, i) => ({ id, path: `body.executors.${i}` })),
    ...(p.composer ? [{ id: p.composer, path: "body.composer" }] : []),
  ];
}

/** Every named person must be active staff of the actor's org; the workflow gets their departments. */
async function departmentsOf(
  deps: Deps,
  org: string,
  named: Array<{ id: string; path: string }>,
): Promise<Record<string, string> | undefined> {
  if (named.length === 0) return undefined;
  const rows = await deps.db
    .select({ id: staff.id, department: staff.departmentId })
    .from(staff)
    .where(
      and(
        inArray(
          staff.id,
          named.map((n) => n.id),
        ),
        eq(staff.orgId, org),
        eq(staff.active, true),
      ),
    );
  const found = new Map(rows.map((r) => [r.id, r.department]));
  const missing = named.filter((n) => !found.has(n.id));
  if (missing.length > 0)
    throw new HttpProblem(422, "Named staff must be active members of your org", {
      errors: missing.map((m) => ({ path: m.path, message: `no active staff member '${m.id}' in ${org}` })),
    });
  return Object.fromEntries(rows.flatMap((r) => (r.department ? [[r.id, r.department]] : [])));
}

const finished = () => new HttpProblem(409, "The case is finished; it takes no actions");

async function closedNow(handle: { describe(): Promise<{ status: { name: string } }> }): Promise<boolean> {
  const d = await handle.describe().catch(() => undefined);
  return !!d && d.status.name !== "RUNNING";
}
