// A case whose activity keeps failing says so instead of retrying silently forever (docs/durability.md). The
// activity has a bounded retry policy; when it gives up, the loop that called it sets the search attribute
// CaseAttention ("<what>: <failure>"), which Temporal UI and `temporal workflow list --query
// 'CaseAttention IS NOT NULL'` find, waits (1 h, doubling to a day) and runs the same call again; once it
// succeeds the attribute is removed. Nothing is skipped: the read model and the outbox stay in order.
import { ActivityFailure, ApplicationFailure } from "@temporalio/common";
import { log, sleep, upsertSearchAttributes } from "@temporalio/workflow";
import { CaseAttention } from "./search-attributes";

const HOUR = 3_600_000;

export class Attention {
  private shown?: string;

  async persist(what: string, run: () => Promise<unknown>): Promise<void> {
    for (let round = 0; ; round++) {
      try {
        await run();
        if (this.shown) {
          upsertSearchAttributes([{ key: CaseAttention, value: null }]);
          this.shown = undefined;
        }
        return;
      } catch (e) {
        if (!(e instanceof ActivityFailure)) throw e;
        const cause =
          e.cause instanceof ApplicationFailure ? (e.cause.type ?? e.cause.message) : e.cause?.message;
        const shown = `${what}: ${cause ?? e.message}`.slice(0, 200);
        log.warn("an activity keeps failing; retrying later", { what, cause, round });
        if (shown !== this.shown) {
          upsertSearchAttributes([{ key: CaseAttention, value: shown }]);
          this.shown = shown;
        }
        await sleep(Math.min(HOUR * 2 ** round, 24 * HOUR));
      }
    }
  }
}
