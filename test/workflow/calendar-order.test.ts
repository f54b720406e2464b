// Two calendar changes in quick succession (a decree imported, then corrected a moment later): the case
// ends on the later one even when the earlier one's reload comes back last (patch `calendar-in-order`,
// workflows/case.ts). Omsk's demo org, on a plain week (test/workflow/week.ts).
import { Context } from "@temporalio/activity";
import { describe, expect, test } from "vitest";
import type { CalendarLayers } from "../../calendars";
import { calendarChanged, getTimeline } from "../../workflows/actions";
import { min, plainWeekSuite } from "./week";

let calls = 0;
const ids: number[] = [];
let bothBack: () => void = () => {};
const both = new Promise<void>((r) => {
  bothBack = r;
});
let freshBack: () => void = () => {};
const freshDone = new Promise<void>((r) => {
  freshBack = r;
});

const w = plainWeekSuite("Asia/Omsk", {
  activities: (real) => ({
    ...real,
    // The reload the first signal scheduled (the lower activity id: the worker may run the two in either
    // order) reads the decree as it stood (Tuesday off) and answers only after the second one, which reads
    // it corrected (no change), has answered.
    async loadCalendarLayers(input) {
      const id = Number(Context.current().info.activityId);
      ids.push(id);
      if (++calls === 2) bothBack();
      await both;
      const layers: CalendarLayers = await real.loadCalendarLayers(input);
      if (id === Math.min(...ids)) {
        await freshDone;
        const tuesday = new Date(w.at(1, "12:00") * 60_000).toISOString().slice(0, 10);
        const off = {
          date: tuesday,
          kind: "non_working" as const,
          reason: "stale",
          by: "test",
          at: w.monday,
        };
        return { ...layers, national: [...(layers.national ?? []), off] };
      }
      freshBack();
      return layers;
    },
  }),
});

describe("calendar changes apply in the order they were sent", () => {
  test("the later change wins though its reload finished first; the earlier one leaves no trace", async () => {
    const id = await w.h.start("omsk");
    // Omsk: the answer is due in one working day (docs/regulations.md), Tuesday 11:00 from Monday 10:00.
    const due = min((await w.h.view(id)).answerDueAt);
    expect(due).toBe(w.at(1, "11:00"));
    const handle = w.h.client.workflow.getHandle(id);
    await handle.signal(calendarChanged, { calendarId: "ru", version: 1 });
    await handle.signal(calendarChanged, { calendarId: "ru", version: 2 });
    await expect.poll(() => calls).toBe(2);
    await expect
      .poll(async () => (await handle.query(getTimeline)).filter((e) => e.type === "calendar_changed").length)
      .toBe(1);
    // Give the stale reload time to come back and be dropped.
    await expect.poll(async () => (await handle.describe()).raw.pendingActivities?.length ?? 0).toBe(0);
    const changes = (await handle.query(getTimeline)).filter((e) => e.type === "calendar_changed");
    expect(changes.map((e) => e.data.version)).toEqual([2]);
    expect(min((await w.h.view(id)).answerDueAt)).toBe(due);
  });
});
