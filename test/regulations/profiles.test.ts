// The five profiles against the "Steps and budgets" table of docs/regulations.md: every budget, for both
// importances, with its clock, its starting event and the seed paragraph it must cite. The expected values
// are written here from the table, independently of the profile files.
import { describe, expect, test } from "vitest";
import { getProfile, listProfiles, type StepName, stepNames } from "../../regulations";

type Row = [
  step: string,
  from: string,
  normal: string,
  high: string,
  paragraph: string,
  highParagraph?: string,
];
const W = "working";

// [step, from, normal, high, paragraph, high paragraph if another]; a leg other than the first is
// written "route@forwarded".
const table: Record<string, { seed: string; rows: Row[] }> = {
  "yuzhno-sakhalinsk": {
    seed: "000_42ec52c8cd571ccf.txt",
    rows: [
      ["route", "posting", "3h", "3h", "3.1"],
      ["draft", "assignment", "4h", "4h", "3.2"],
      ["rework", "rework_requested", "3h", "3h", "3.2"],
      ["answer", "detection", "24h", "24h", "3.3"],
      ["explanation", "posting", "12h", "12h", "3.7"],
    ],
  },
  zarechny: {
    seed: "001_72a8b4930195f3f4.txt",
    rows: [
      ["route", "detection", "60m", "60m", "8"],
      ["route@returned", "returned", "60m", "60m", "8"],
      ["return", "assignment", "30m", "30m", "9"],
      ["draft", "detection", "answer-3h", "answer-3h", "11"],
      ["review", "draft_submitted", "60m", "60m", "12"],
      ["rework", "rework_requested", "1h", "1h", "13"],
      ["publish", "approved", "30m", "30m", "14"],
      ["answer", "detection", "8h", "8h", "10"],
      ["coExecutorInput", "contribution_requested", "2h", "2h", "16"],
      ["consolidate", "contributions_done", "2h", "2h", "16"],
      ["finalAfterInterim", "interim_published", "7wd", "7wd", "15"],
    ],
  },
  omsk: {
    seed: "002_065ac137eac5f223.txt",
    rows: [
      ["route", "detection", "30m", "30m", "4.4"],
      ["route@returned", "returned", "30m", "30m", "4.4"],
      ["return", "assignment", "30m", "30m", "5"],
      ["draft", "detection", "answer-4h", "answer-2h", "7"],
      ["review", "draft_submitted", "30m", "30m", "8"],
      ["rework", "rework_requested", "1h", "30m", "9"],
      ["publish", "approved", "30m", "30m", "10"],
      ["answer", "detection", "9h", "4h", "6"],
      ["coExecutorInput", "contribution_requested", "2h", "45m", "12.4"],
      ["consolidate", "contributions_done", "2h", "45m", "12.5"],
      ["finalAfterInterim", "interim_published", "7wd", "7wd", "11"],
    ],
  },
  plastunovskaya: {
    seed: "003_7882df1e4c209347.txt",
    rows: [
      ["route", "detection", "30m", "30m", "9"],
      ["route@forwarded", "forwarded", "30m", "15m", "10"],
      ["route@returned", "returned", "30m", "15m", "11"],
      ["return", "assignment", "30m", "15m", "11"],
      ["clarification", "assignment", "1h", "30m", "13"],
      ["review", "draft_submitted", "30m", "15m", "14"],
      ["rework", "rework_requested", "1h", "30m", "15"],
      ["publish", "approved", "30m", "15m", "16"],
      ["answer", "detection", "8h", "4h", "8", "17"],
      ["coExecutorInput", "contribution_requested", "2h", "2h", "19.2"],
      ["finalAfterInterim", "interim_published", "7wd", "7wd", "18"],
    ],
  },
  nenets: {
    seed: "004_7df024af3c275bd4.txt",
    rows: [
      ["route", "detection", "30m", "30m", "14"],
      ["route@returned", "returned", "30m", "30m", "14"],
      ["return", "assignment", "30m", "30m", "15"],
      ["draft", "detection", "answer-4h", "answer-4h", "17"],
      ["review", "draft_submitted", "30m", "30m", "18"],
      ["rework", "rework_requested", "1h", "1h", "19"],
      ["publish", "approved", "30m", "30m", "20"],
      ["answer", "detection", "8h", "8h", "16"],
      ["coExecutorInput", "contribution_requested", "2h", "2h", "22.3"],
      ["consolidate", "contributions_done", "2h", "2h", "22.3"],
      ["finalAfterInterim", "interim_published", "7wd", "7wd", "21"],
    ],
  },
};

/** `source` cites `paragraph` of `seed` ("… §12.4", "… §14.2, 20", "… §10; … §17"). */
const cites = (source: string, seed: string, paragraph: string) => {
  const p = paragraph.replace(/\./g, "\\.");
  const inSeed = source.split("; ").filter((c) => c.startsWith(`${seed} §`));
  expect(
    inSeed.some((c) => new RegExp(`(§|, )${p}(?![\\d.])`).test(c)),
    `${source} cites §${paragraph}`,
  ).toBe(true);
};

test("exactly the five regulations are built in", () => {
  expect(listProfiles().map((p) => p.id)).toEqual(Object.keys(table));
});

for (const [id, { seed, rows }] of Object.entries(table)) {
  describe(id, () => {
    const profile = getProfile(id);
    test(`is read from ${seed}`, () => expect(profile.seed).toBe(seed));

    for (const [key, from, normal, high, paragraph, highParagraph = paragraph] of rows) {
      test(`${key}: ${normal} / ${high} from ${from} (§${paragraph})`, () => {
        const [name, legFrom] = key.split("@") as [StepName, string | undefined];
        const def = profile.steps[name]!;
        const leg = legFrom ? def.also.find((l) => l.from === legFrom)! : def;
        expect(leg.from).toBe(from);
        expect(leg.normal.budget).toBe(normal);
        expect(leg.high.budget).toBe(high);
        cites(leg.normal.source, seed, paragraph);
        cites(leg.high.source, seed, highParagraph);
      });
    }

    test("has no step the table does not give it", () => {
      const listed = new Set(rows.map(([key]) => key.split("@")[0]));
      expect(stepNames.filter((s) => profile.steps[s])).toEqual(stepNames.filter((s) => listed.has(s)));
      for (const name of stepNames) {
        const also = profile.steps[name]?.also ?? [];
        expect(also.map((l) => `${name}@${l.from}`)).toEqual(
          rows.map(([k]) => k).filter((k) => k.startsWith(`${name}@`)),
        );
      }
    });

    test("every step runs on working time, except where the regulation says otherwise", () => {
      for (const name of stepNames) {
        const def = profile.steps[name];
        if (!def) continue;
        const expected = id === "yuzhno-sakhalinsk" && name === "answer" ? "workdays" : W;
        for (const leg of [def, ...def.also])
          expect([leg.normal.clock, leg.high.clock]).toEqual([expected, expected]);
      }
    });
  });
}
