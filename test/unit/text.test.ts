// What PostgreSQL cannot store is normalised before the read model is written (activities/text.ts).
import { expect, test } from "vitest";
import { storable, storableDeep } from "../../activities/text";

test("U+0000 is dropped, lone surrogates become U+FFFD, pairs and Cyrillic stay", () => {
  expect(storable("Яма\u0000 во дворе")).toBe("Яма во дворе");
  expect(storable("a\ud83d")).toBe("a\ufffd");
  expect(storable("\ude00b")).toBe("\ufffdb");
  expect(storable("😀 ёжик")).toBe("😀 ёжик");
  expect(storableDeep({ a: ["x\u0000", { "k\u0000": 1 }], d: null, n: 2 })).toEqual({
    a: ["x", { k: 1 }],
    d: null,
    n: 2,
  });
});
