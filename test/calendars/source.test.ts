// The production calendar against its source (calendars/source/xmlcalendar, README there): every day the
// engine answers, 2013 to the last decreed year, read a second time from the XML files here (with a reading
// of the format independent of calendars/xmlcalendar.ts); the committed data is what the generator makes of
// the files; the days the hand-typed data had wrong (issue 15) give the hand-computed deadlines through the CLI.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CalendarError, LAST_DECREED_YEAR, loadCalendar } from "../../calendars";
import { RU_YEARS } from "../../calendars/data/ru";
import { decreeYearOf, parseXmlCalendar } from "../../calendars/xmlcalendar";

const SOURCE = join(import.meta.dirname, "../../calendars/source/xmlcalendar/ru");
const FIXTURE_2027 = join(import.meta.dirname, "fixtures/ru-2027-decree.xml");
const years = readdirSync(SOURCE)
  .filter((d) => /^\d{4}$/.test(d))
  .map(Number)
  .sort((a, b) => a - b);
const xmlOf = (year: number) => readFileSync(join(SOURCE, String(year), "calendar.xml"), "utf8");

/** The README's rule: a listed day has its type (1 off, 2 shortened, 3 worked), others follow Mon–Fri. */
function expectedKinds(year: number): Map<string, string> {
  const listed = new Map<string, string>();
  for (const m of xmlOf(year).matchAll(/<day d="(\d\d)\.(\d\d)" t="(\d)"/g)) {
    listed.set(`${year}-${m[1]}-${m[2]}`, { "1": "non_working", "2": "shortened", "3": "working" }[m[3]!]!);
  }
  const out = new Map<string, string>();
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const weekend = [0, 6].includes(new Date(t).getUTCDay());
    out.set(date, listed.get(date) ?? (weekend ? "non_working" : "working"));
  }
  return out;
}

function cli(...args: string[]) {
  const r = spawnSync("npx", ["tsx", "cli/main.ts", ...args], { encoding: "utf8", cwd: process.cwd() });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("the engine against the committed xmlcalendar files", () => {
  it("ships every year 2013–2026 of the source and nothing else decreed", () => {
    expect(years).toEqual(Array.from({ length: 14 }, (_, i) => 2013 + i));
    expect([...RU_YEARS.keys()].sort()).toEqual(years);
    expect(LAST_DECREED_YEAR).toBe(2026);
  });

  it("every day 2013–2026 has the file's kind (5,113 days), none provisional", () => {
    const cal = loadCalendar("ru");
    let n = 0;
    for (const year of years) {
      for (const [date, kind] of expectedKinds(year)) {
        const day = cal.day(date);
        expect({ date, kind: day.kind, provisional: day.provisional }).toEqual({
          date,
          kind,
          provisional: false,
        });
        n++;
      }
    }
    expect(n).toBe(5113);
  });

  it("the committed data/ru is what scripts/calendar-data.ts makes of the files (not stale)", () => {
    for (const year of years) {
      const fromFile = decreeYearOf(parseXmlCalendar(xmlOf(year)), "");
      const { source, ...data } = RU_YEARS.get(year)!;
      expect({ ...data, source: "" }, String(year)).toEqual(fromFile);
      expect(source).toContain(`xmlcalendar ru/${year}/calendar.xml`);
    }
  });

  it("the two 2025 days the typed data had wrong: Mon Mar 10 worked, Fri Jun 13 off (the 8 March day moved)", () => {
    const cal = loadCalendar("ru");
    expect(cal.day("2025-03-10")).toMatchObject({ kind: "working", layer: "week" });
    expect(cal.day("2025-06-13")).toMatchObject({ kind: "non_working", layer: "decree" });
    expect(cal.day("2025-06-13").note).toContain("2025-03-08");
  });

  it("provisional years start right after the last decreed one, derived from the Labour Code", () => {
    const cal = loadCalendar("ru");
    expect(cal.day("2026-12-31").provisional).toBe(false);
    expect(cal.day("2027-01-01")).toMatchObject({ provisional: true, layer: "provisional" });
    expect(cal.day("2027-02-22").kind).toBe("shortened"); // art. 95 before Tue Feb 23
  });
});

describe("deadlines on the corrected days through the CLI (hand-computed)", () => {
  it("calendar add: Fri Mar 7 2025 16:00 + 8h = 1h (shortened, to 17:00) + Mon Mar 10 09–13, 14–17", () => {
    expect(cli("calendar", "add", "ru", "2025-03-07T16:00:00+03:00", "8h").out).toBe(
      "2025-03-10T17:00:00+03:00\n",
    );
  });

  it("calendar add: Wed Jun 11 2025 10:00 + 8h = 6h (shortened) + Jun 12 holiday, Jun 13 off, weekend, Mon Jun 16 2h", () => {
    expect(cli("calendar", "add", "ru", "2025-06-11T10:00:00+03:00", "8h").out).toBe(
      "2025-06-16T11:00:00+03:00\n",
    );
  });

  it("plan omsk from Fri Mar 7 2025 16:00 (+06): draft 5h on Mon Mar 10 13:00, answer 9h at 18:00", () => {
    const p = JSON.parse(cli("plan", "omsk", "2025-03-07T16:00:00+06:00").out);
    expect(p.steps.draft.dueAt).toBe("2025-03-10T13:00:00+06:00");
    expect(p.steps.answer.dueAt).toBe("2025-03-10T18:00:00+06:00");
  });

  it("plan nenets from Wed Jun 11 2025 10:00: answer 8h skips the moved day off Jun 13 to Mon Jun 16 11:00", () => {
    const p = JSON.parse(cli("plan", "nenets", "2025-06-11T10:00:00+03:00").out);
    expect(p.steps.answer.dueAt).toBe("2025-06-16T11:00:00+03:00");
  });

  it("2027 with the decree file: Sat Feb 20 worked shortened, Nov 5 off, Dec 30 a full day (provisional otherwise)", () => {
    const add = (start: string, budget: string, decree: boolean) =>
      cli("calendar", "add", "ru", start, budget, ...(decree ? ["--decree", FIXTURE_2027] : [])).out.trim();
    // Fri Feb 19 17:00 + 4h: 1h to 18:00, then Sat Feb 20 09:00 + 3h (provisional: Mon Feb 22, shortened).
    expect(add("2027-02-19T17:00:00+03:00", "4h", true)).toBe("2027-02-20T12:00:00+03:00");
    expect(add("2027-02-19T17:00:00+03:00", "4h", false)).toBe("2027-02-22T12:00:00+03:00");
    // Wed Nov 3 16:00 (shortened) + 8h: 1h, Nov 4 holiday, Nov 5 off, weekend, Mon Nov 8 7h to 17:00.
    expect(add("2027-11-03T16:00:00+03:00", "8h", true)).toBe("2027-11-08T17:00:00+03:00");
    expect(add("2027-11-03T16:00:00+03:00", "8h", false)).toBe("2027-11-05T17:00:00+03:00");
    // Thu Dec 30 16:30 + 1h: 17:30 on a full day; provisional: 30 min to 17:00, then Jan 10 2028 09:30.
    expect(add("2027-12-30T16:30:00+03:00", "1h", true)).toBe("2027-12-30T17:30:00+03:00");
    expect(add("2027-12-30T16:30:00+03:00", "1h", false)).toBe("2028-01-10T09:30:00+03:00");
  });

  it("plan nenets with the 2027 decree file: answer 8h from Fri Feb 19 10:00 ends Sat Feb 20 10:00", () => {
    // Feb 19: 10–13, 14–18 = 7h; Sat Feb 20 (worked, Monday's hours): 09:00 + 1h.
    const p = JSON.parse(cli("plan", "nenets", "2027-02-19T10:00:00+03:00", "--decree", FIXTURE_2027).out);
    expect(p.steps.answer.dueAt).toBe("2027-02-20T10:00:00+03:00");
    const provisional = JSON.parse(cli("plan", "nenets", "2027-02-19T10:00:00+03:00").out);
    expect(provisional.steps.answer.dueAt).toBe("2027-02-22T10:00:00+03:00");
  });
});

describe("reading an xmlcalendar file: validated", () => {
  it("`calendar import` of an invalid file: exit 2, one line naming the problem, before any connection", () => {
    const r = cli(
      "calendar",
      "import",
      join(import.meta.dirname, "../../calendars/source/xmlcalendar/README.md"),
    );
    expect(r.code).toBe(2);
    expect(
      r.err
        .trim()
        .split("\n")
        .filter((l) => !l.startsWith("npm warn")),
    ).toEqual(["calendar: not an xmlcalendar file: no <calendar> element"]);
  });

  const xml = (days: string, year = "2027") =>
    `<?xml version="1.0"?><calendar year="${year}" date="2026.09.30"><holidays><holiday id="1" title="Новый год"/></holidays><days>${days}</days></calendar>`;

  it("reads a year, its days with types, holidays and moves", () => {
    const c = parseXmlCalendar(
      xml('<day d="01.01" t="1" h="1"/><day d="11.05" t="1" f="01.02"/><day d="02.20" t="3"/>'),
    );
    expect(c).toEqual({
      year: 2027,
      formed: "2026-09-30",
      days: [
        { date: "2027-01-01", type: 1, holiday: "Новый год" },
        { date: "2027-02-20", type: 3 },
        { date: "2027-11-05", type: 1, from: "2027-01-02" },
      ],
    });
  });

  it("refuses a missing year, a date twice, unknown kinds and holidays, impossible dates", () => {
    const cases: Array<[string, RegExp]> = [
      ["<calendar><days></days></calendar>", /malformed year/],
      ["not xml at all", /no <calendar> element/],
      [xml('<day d="03.10" t="1"/><day d="03.10" t="2"/>'), /listed twice/],
      [xml('<day d="03.10" t="4"/>'), /unknown type/],
      [xml('<day d="03.10" t="1" h="9"/>'), /unknown holiday/],
      [xml('<day d="02.30" t="1"/>'), /no such day 2027-02-30/],
      [xml('<day d="3.1" t="1"/>'), /malformed day/],
      [xml('<day d="03.10" t="3"/>'), /on a weekday/],
      [xml(""), /no <day> elements/],
    ];
    for (const [text, message] of cases) expect(() => parseXmlCalendar(text)).toThrow(message);
    expect(() => parseXmlCalendar(xml(""))).toThrow(CalendarError);
  });
});
