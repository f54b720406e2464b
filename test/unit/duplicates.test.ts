// The duplicate finder's text and URL evidence (api/services/duplicates.ts), number by number.
import { describe, expect, test } from "vitest";
import { jaccard, normalizeUrl, SIMILAR_TEXT, shingles, threadOf } from "../../api/services/duplicates";

describe("URLs", () => {
  test("the same post: fragment, www/m. and a trailing slash do not matter; the query does", () => {
    expect(normalizeUrl("https://www.vk.com/wall-1_2#c")).toBe(normalizeUrl("https://vk.com/wall-1_2"));
    expect(normalizeUrl("https://m.vk.com/wall-1_2/")).toBe(normalizeUrl("https://vk.com/wall-1_2"));
    expect(normalizeUrl("https://vk.com/wall-1_2?reply=3")).not.toBe(normalizeUrl("https://vk.com/wall-1_2"));
  });
  test("the thread is the URL without query and fragment", () => {
    expect(threadOf("https://vk.com/wall-1_2?reply=3#x")).toBe("https://vk.com/wall-1_2");
    expect(threadOf("https://t.me/city/15?comment=9")).toBe("https://t.me/city/15");
  });
});

describe("text similarity", () => {
  test("word 3-shingles, case and ё folded, punctuation ignored", () => {
    expect([...shingles("Раз, два! Три четыре пять шесть")]).toEqual([
      "раз два три",
      "два три четыре",
      "три четыре пять",
      "четыре пять шесть",
    ]);
    expect(shingles("Всё ЁЛКИ")).toEqual(new Set(["все", "елки"]));
  });
  test("Jaccard: |A∩B| / |A∪B|", () => {
    expect(jaccard(new Set(["a", "b", "c"]), new Set(["b", "c", "d"]))).toBe(2 / 4);
    expect(jaccard(new Set(), new Set(["a"]))).toBe(0);
  });
  test("one changed word in a 20-word text stays above the threshold; a rewrite does not", () => {
    const a =
      "На улице Ленина у дома 5 третий день не убирают мусор, контейнеры переполнены, запах на весь двор, дети гуляют рядом";
    const b = a.replace("третий", "четвёртый");
    const c =
      "Спасибо за новый сквер у библиотеки на улице Ленина, очень красиво получилось и детям нравится гулять";
    // 20 words -> 18 shingles each; one word changed removes 3 of them from each side: 15 / 21.
    expect(jaccard(shingles(a), shingles(b))).toBeCloseTo(15 / 21, 10);
    expect(jaccard(shingles(a), shingles(b))).toBeGreaterThanOrEqual(SIMILAR_TEXT);
    // Two words changed far apart: 12 / 24.
    const two = b.replace("Ленина", "Мира");
    expect(jaccard(shingles(a), shingles(two))).toBeCloseTo(12 / 24, 10);
    expect(jaccard(shingles(a), shingles(two))).toBeLessThan(SIMILAR_TEXT);
    expect(jaccard(shingles(a), shingles(`${a}!`))).toBe(1);
    // The rewrite shares one shingle ("на улице ленина") of 18 + 14 - 1 = 31.
    expect(jaccard(shingles(a), shingles(c))).toBeCloseTo(1 / 31, 10);
  });
});
