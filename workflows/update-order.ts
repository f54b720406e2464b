// When an Update and other work (an activity's result, a timer, a signal) reach a case in one workflow task,
// the order in which the SDK runs them must be the same live and on replay — or a case freezes with
// "[TMPRL1100] Nondeterminism error: Update machine does not handle this event" (docs/durability.md).
//
// The root cause, read in sdk-core (crates/sdk-core/src/worker/workflow/): live, a worker that does not
// have the case cached (after a crash, a restart, an eviction) receives the pending activity result and the
// Update request as two activations and runs the result first; a worker that has it cached receives one
// activation and core sorts Updates first. On replay, core always builds one activation, Updates first
// (`sort_by` in mod.rs), and only splits a task at an Update when `UpdateAccepted` directly follows
// `WorkflowTaskCompleted` (history_update.rs) — not when our own commands came first. So a history written
// by the uncached path does not replay, and every later task of that case fails.
//
// The fix is this interceptor. Cases carry the patch UPDATES_SETTLE_LAST and their Updates always run last:
// the other jobs of the activation run, with every condition they unblock, and only when nothing else can
// move does an Update run. Both live paths and replay then produce the same commands. Cases started before
// the patch keep the SDK's order, except in a task that follows a workflow task that timed out or failed
// (the signature of the crash that produced the frozen cases): there the history was written by the
// uncached path, so the Update runs last as it did live. That is detected from history lengths alone: the
// events this code's own commands and the activation's jobs account for, against the history length.
import type { WorkflowInterceptorsFactory } from "@temporalio/workflow";
import { getActivator } from "@temporalio/workflow/lib/global-attributes";
import { PATCHES, type Patch } from "./patches";

type Activator = ReturnType<typeof getActivator>;
type Job = { variant?: string; doUpdate?: unknown; [k: string]: unknown };
type Command = Record<string, unknown>;

interface OrderState {
  settleLast: boolean;
  /** historyLength (WorkflowTaskStarted id) of the current and of the previous workflow task. */
  taskStarted?: number;
  /** Events the current task's commands will write, and timers started in it (a cancel drops both). */
  commandEvents: number;
  timersStarted: Set<number>;
}

const states = new WeakMap<Activator, OrderState>();
function state(): OrderState {
  const a = getActivator();
  let s = states.get(a);
  if (!s) {
    s = { settleLast: false, commandEvents: 0, timersStarted: new Set() };
    states.set(a, s);
  }
  return s;
}

/** Called once at the start of a workflow that takes Updates: new runs get the settle-last order. */
export function orderUpdates(has: (id: Patch) => boolean): void {
  if (has(PATCHES.updatesSettleLast)) state().settleLast = true;
}

/** Events a job stands for in history: an activity's result is started + completed, a timer or signal one. */
function jobEvents(job: Job): number {
  switch (job.variant) {
    case "resolveActivity":
    case "resolveChildWorkflowExecution":
      return 2;
    case "fireTimer":
    case "signalWorkflow":
    case "cancelWorkflow":
    case "resolveSignalExternalWorkflow":
    case "resolveRequestCancelExternalWorkflow":
      return 1;
    default:
      return 0; // doUpdate (its events are our responses), patches, seeds, queries
  }
}

/** Events a command writes. Patch markers come with core's own search-attribute upsert. */
function commandEvents(c: Command, s: OrderState): number {
  if (c.scheduleActivity || c.upsertWorkflowSearchAttributes || c.modifyWorkflowProperties) return 1;
  if (c.setPatchMarker) return 2;
  if (c.startTimer) {
    s.timersStarted.add(Number((c.startTimer as { seq: number }).seq));
    return 1;
  }
  if (c.cancelTimer) return s.timersStarted.has(Number((c.cancelTimer as { seq: number }).seq)) ? -1 : 1;
  if (c.updateResponse) {
    const r = c.updateResponse as { accepted?: unknown; completed?: unknown };
    return r.accepted || r.completed ? 1 : 0;
  }
  if (
    c.completeWorkflowExecution ||
    c.failWorkflowExecution ||
    c.continueAsNewWorkflowExecution ||
    c.cancelWorkflowExecution ||
    c.requestCancelActivity ||
    c.startChildWorkflowExecution ||
    c.signalExternalWorkflowExecution
  )
    return 1;
  return 0;
}

/** Runs the Updates once no other condition of the workflow can be unblocked (the activation has settled). */
function runWhenSettled(activator: Activator, updates: Job[]): void {
  const seq = activator.nextSeqs.condition++;
  let armed = false; // never on the eager first look: the other jobs' continuations have not run yet
  activator.blockedConditions.set(seq, {
    fn: () => {
      if (!armed) return false;
      for (const [other, c] of activator.blockedConditions) if (other !== seq && c.fn()) return false;
      return true;
    },
    resolve: () => {
      void Promise.resolve().then(() => {
        for (const u of updates) activator.doUpdate(u.doUpdate as never);
      });
    },
  });
  armed = true;
}

export const interceptors: WorkflowInterceptorsFactory = () => ({
  internals: [
    {
      activate(input, next) {
        const s = state();
        const activation = input.activation as { historyLength?: number; jobs?: Job[] };
        const jobs = activation.jobs ?? [];
        const length = Number(activation.historyLength ?? 0);
        let afterFailedTask = false;
        if (length !== s.taskStarted) {
          if (s.taskStarted !== undefined) {
            // previous task's started + completed, its commands' events, this activation's events, scheduled + started
            const expected =
              s.taskStarted + 1 + s.commandEvents + jobs.reduce((n, j) => n + jobEvents(j), 0) + 2;
            afterFailedTask = length - expected >= 2;
          }
          s.taskStarted = length;
          s.commandEvents = 0;
          s.timersStarted = new Set();
        }
        const updates = jobs.filter((j) => j.variant === "doUpdate");
        const starting = jobs.some((j) => j.variant === "initializeWorkflow");
        const others = jobs.length - updates.length;
        const deferred = updates.length > 0 && !starting && (s.settleLast || (afterFailedTask && others > 0));
        if (!deferred) return next(input);
        next({
          ...input,
          activation: { ...input.activation, jobs: jobs.filter((j) => !updates.includes(j)) } as never,
        });
        runWhenSettled(getActivator(), updates);
      },
      concludeActivation(input, next) {
        const out = next(input);
        const s = state();
        for (const c of (out.commands ?? []) as Command[]) s.commandEvents += commandEvents(c, s);
        return out;
      },
    },
  ],
});
