import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { createHarness, type Harness, plainMonday } from "./harness";

type HarnessOptions = Parameters<typeof createHarness>[0];

// Hand-checked deadlines: instants on the week that starts at `monday` (an ISO instant with the org's
// offset, from plainMonday), compared to the minute — actions land a few milliseconds into a virtual minute.

/** `day` days after the Monday's local date, at `hhmm` in the Monday's offset; in minutes since the epoch. */
export function at(monday: string, day: number, hhmm: string): number {
  const offset = monday.slice(-6);
  const date = new Date(Date.parse(`${monday.slice(0, 10)}T00:00:00Z`) + day * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return Date.parse(`${date}T${hhmm}:00${offset}`) / 60_000;
}

/** An ISO instant in minutes since the epoch (NaN when absent, so a missing deadline never matches). */
export const min = (iso?: string): number => (iso ? Math.floor(Date.parse(iso) / 60_000) : Number.NaN);

/**
 * The shared set-up of the time-skipping suites: one harness per file, and before each test a jump to the
 * next plain working Monday 10:00 in `zone`, so every test's deadlines can be worked out by hand.
 */
export function plainWeekSuite(zone: string, opts?: HarnessOptions) {
  const w = {
    h: undefined as unknown as Harness,
    monday: "",
    /** `hhmm` on the `day`-th day after this test's Monday, in minutes (compare with `min`). */
    at: (day: number, hhmm: string) => at(w.monday, day, hhmm),
    /** The workflow has finished (polled: `result()` would let the test server skip time freely). */
    completed: (id: string) =>
      expect
        .poll(async () => (await w.h.client.workflow.getHandle(id).describe()).status.name)
        .toBe("COMPLETED"),
  };
  beforeAll(async () => {
    w.h = await createHarness(opts);
  });
  beforeEach(async () => {
    w.monday = plainMonday(await w.h.now(), zone);
    await w.h.travelTo(w.monday);
  });
  afterAll(async () => {
    await w.h?.stop();
  });
  return w;
}
