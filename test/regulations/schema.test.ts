// The schema refuses a broken profile with a message that names the field and what is wrong, so a sixth
// regulation's author sees the mistake when the profile loads, not when a case is due.
import { describe, expect, test } from "vitest";
import { type ProfileInput, RegulationError, registerProfile } from "../../regulations";
import { omsk } from "../../regulations/profiles/omsk";
import { plastunovskaya } from "../../regulations/profiles/plastunovskaya";
import { yuzhnoSakhalinsk } from "../../regulations/profiles/yuzhno-sakhalinsk";

/** A copy of a built-in profile under a fresh id, changed by `edit`. */
const broken = (base: ProfileInput, edit: (p: ProfileInput & Record<string, unknown>) => void) => {
  const p = structuredClone(base) as ProfileInput & Record<string, unknown>;
  p.id = `broken-${base.id}`;
  edit(p);
  return () => registerProfile(p);
};
const steps = (p: ProfileInput) => p.steps as Record<string, Record<string, unknown>>;

describe("the profile schema refuses", () => {
  test("a budget that is not a budget, naming the field", () => {
    const load = broken(omsk, (p) => {
      steps(p).answer!.normal = { budget: "9 hours", source: "002_065ac137eac5f223.txt §6" };
    });
    expect(load).toThrow(RegulationError);
    expect(load).toThrow(/Invalid regulation profile broken-omsk/);
    expect(load).toThrow(/steps\.answer\.normal\.budget/);
    expect(load).toThrow(/a budget like "30m", "8h", "7wd"/);
  });

  test("a value without its citation, or citing another regulation's seed", () => {
    expect(
      broken(omsk, (p) => {
        steps(p).review!.normal = { budget: "30m" };
      }),
    ).toThrow(/steps\.review\.normal\.source/);
    expect(
      broken(omsk, (p) => {
        steps(p).review!.normal = { budget: "30m", source: "001_72a8b4930195f3f4.txt §12" };
      }),
    ).toThrow(/not this profile's seed 002_065ac137eac5f223\.txt/);
  });

  test("a step name the process does not know", () => {
    expect(
      broken(omsk, (p) => {
        steps(p).answr = steps(p).answer!;
      }),
    ).toThrow(/steps/);
  });

  test('"half" where the regulation has no halving rule', () => {
    expect(
      broken(omsk, (p) => {
        steps(p).review!.high = "half";
      }),
    ).toThrow(/is "half" but highImportance.rule is not "halved"/);
  });

  test("a draft lead on a step other than the draft", () => {
    expect(
      broken(plastunovskaya, (p) => {
        steps(p).review!.normal = { budget: "answer-1h", source: "003_7882df1e4c209347.txt §14" };
      }),
    ).toThrow(/only for the first leg of the draft step/);
  });

  test("the explain outcome without an explanation step", () => {
    expect(
      broken(yuzhnoSakhalinsk, (p) => {
        delete steps(p).explanation;
      }),
    ).toThrow(/"explain" outcome and the explanation step go together/);
  });

  test("an emergency rule for a step the profile does not have, and an unknown zone", () => {
    expect(
      broken(yuzhnoSakhalinsk, (p) => {
        (p.emergency as { steps: string[] }).steps = ["publish"];
      }),
    ).toThrow(/names "publish", a step this profile does not have/);
    expect(
      broken(omsk, (p) => {
        p.zone = "Asia/Nowhere";
      }),
    ).toThrow(/an IANA time zone/);
  });

  test("working hours that overlap", () => {
    const day = [
      [540, 780],
      [720, 1080],
    ];
    expect(
      broken(omsk, (p) => {
        p.schedule = {
          weekly: { "1": day, "2": day, "3": day, "4": day, "5": day, "6": [], "7": [] },
          shortenedBy: 60,
          workingWeekendAs: 1,
        } as never;
      }),
    ).toThrow(/sorted, disjoint periods/);
  });
});

test("the built-in profiles themselves pass (the copies above differ from them only by the edit)", () => {
  expect(broken(omsk, () => {})().id).toBe("broken-omsk");
});
