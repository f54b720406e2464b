// The deadline loop (docs/architecture.md "Temporal design"): one timer at a time, on the earliest pending
// warning or deadline of the case's clocks; any change of state (an action, a calendar change) wakes it to
// re-arm (the updatable-timer pattern). What a firing means for the case is the machine's (machine.ts).
import { condition, setCurrentDetails } from "@temporalio/workflow";
import { currentDetails, plainSummary, timerSummary } from "./console";
import type { Case } from "./setup";

export async function deadlineLoop(c: Case): Promise<void> {
  const { machine, clocks, rules, input, wake } = c;
  while (!machine.closed) {
    const seen = wake.version;
    const next = clocks.next();
    // Temporal UI's case page: status, who acts, what is due next (workflows/console.ts). Not a command.
    setCurrentDetails(currentDetails(machine.view, rules.publisher, next, input.org.zone));
    if (!next) {
      await condition(() => wake.version !== seen || machine.closed);
      continue;
    }
    const wait = Date.parse(next.at) - Date.now();
    if (wait > 0) {
      const woke = await condition(() => wake.version !== seen || machine.closed, wait, {
        // The timer's name in Temporal UI, unsealed: it carries no personal data (workflows/console.ts).
        summary: plainSummary(
          timerSummary(next, clocks.steps[next.step], input.org.zone, input.org.regulation),
        ),
      });
      if (woke) continue;
    }
    for (const f of clocks.fire(Date.now())) machine.fired(f);
    wake.version++;
  }
  setCurrentDetails(currentDetails(machine.view, rules.publisher, undefined, input.org.zone));
}
