// Layered calendars (calendars/production.ts): the shipped decree, a decreed year imported at run time, the
// national overrides and the org's own days, later layers winning; each day says which layer set it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  addBudget,
  CalendarError,
  type CalendarLayers,
  type CalendarOverride,
  loadCalendar,
  workTime,
} from "../../calendars";
import { decreeYearOf, parseXmlCalendar } from "../../calendars/xmlcalendar";

const decree2027 = decreeYearOf(
  parseXmlCalendar(readFileSync(join(import.meta.dirname, "fixtures/ru-2027-decree.xml"), "utf8")),
  "test fixture",
);
const day = (date: string, kind: CalendarOverride["kind"], by: string): CalendarOverride => ({
  date,
  kind,
  reason: `test: ${by}`,
  by,
  at: "2026-12-01T00:00:00.000Z",
});

describe("layers", () => {
  it("each layer wins over the ones before it, and the day names it", () => {
    const layers: CalendarLayers = {
      decreed: [decree2027],
      national: [day("2027-11-05", "working", "platform"), day("2027-06-01", "non_working", "platform")],
      org: [day("2027-06-01", "shortened", "omsk.admin"), day("2026-08-30", "non_working", "omsk.admin")],
    };
    const cal = loadCalendar("ru", layers);
    expect(cal.day("2026-11-04")).toMatchObject({ kind: "non_working", layer: "decree", provisional: false });
    expect(cal.day("2026-11-05")).toMatchObject({ kind: "working", layer: "week" });
    // The imported year replaces the provisional one: decreed, not provisional.
    expect(cal.day("2027-02-20")).toMatchObject({ kind: "shortened", layer: "imported", provisional: false });
    expect(cal.day("2027-03-01")).toMatchObject({ kind: "working", layer: "week", provisional: false });
    expect(cal.source(2027)).toBe("test fixture");
    expect(cal.source(2028)).toMatch(/provisional/);
    // National over the import, the org over the nation.
    expect(cal.day("2027-11-05")).toMatchObject({ kind: "working", layer: "national" });
    expect(cal.day("2027-06-01")).toMatchObject({ kind: "shortened", layer: "org" });
    expect(cal.day("2026-08-30")).toMatchObject({ kind: "non_working", layer: "org" });
    expect(cal.day("2026-08-30").note).toContain("omsk.admin");
    // Without layers: the shipped data alone.
    expect(loadCalendar("ru").day("2027-02-20")).toMatchObject({ kind: "non_working", provisional: true });
  });

  it("an org's day moves its deadlines, not those of a calendar without it", () => {
    const omsk = workTime("ru", "Asia/Omsk", undefined, {
      org: [day("2027-06-02", "non_working", "omsk.admin")],
    });
    const plain = workTime("ru", "Asia/Omsk");
    expect(addBudget(omsk, "2027-06-01T09:00:00+06:00", { minutes: 9 * 60 }, "working")).toBe(
      "2027-06-03T10:00:00+06:00",
    );
    expect(addBudget(plain, "2027-06-01T09:00:00+06:00", { minutes: 9 * 60 }, "working")).toBe(
      "2027-06-02T10:00:00+06:00",
    );
  });

  it("one calendar per layers object (the case's planner rebuilt on every step reads a day once)", () => {
    const layers: CalendarLayers = { org: [day("2027-06-02", "non_working", "omsk.admin")] };
    expect(loadCalendar("ru", layers)).toBe(loadCalendar("ru", layers));
    expect(loadCalendar("ru", { org: [] })).toBe(loadCalendar("ru"));
    expect(loadCalendar("ru", [])).toBe(loadCalendar("ru"));
  });

  it("refuses an imported year outside the engine's years, a day of another year, a bad kind", () => {
    expect(() => loadCalendar("ru", { decreed: [{ ...decree2027, year: 2040 }] })).toThrow(
      /year outside data/,
    );
    expect(() => loadCalendar("ru", { decreed: [{ ...decree2027, year: 2028 }] })).toThrow(/of another year/);
    expect(() =>
      loadCalendar("ru", { org: [{ ...day("2027-06-02", "working", "x"), kind: "holiday" as never }] }),
    ).toThrow(CalendarError);
  });
});
